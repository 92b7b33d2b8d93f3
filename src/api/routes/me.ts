import { MeSchema } from '../responses.js';
import { defineRoute } from '../route.js';

export const meRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me',
    operationId: 'me',
    tag: 'operations',
    summary: 'Who the calling key is',
    description:
      'The key’s role, its sectors (coordinators) and its organisation (members), so that a client can show what the key may do without probing for refusals.',
    access: 'key',
    success: { status: 200, description: 'the key’s role and scope', schema: MeSchema },
    errors: [],
    handle: async ({ principal }) => ({
      body: {
        keyId: principal.keyId,
        role: principal.role,
        sectors: principal.role === 'coordinator' ? principal.sectors : [],
        ...(principal.orgId !== undefined ? { organization: principal.orgId } : {}),
      },
    }),
  }),
];
