import { seesContacts } from '../../app/auth.js';
import { getOrganization, listDirectory, upsertOrganization } from '../../app/organizations.js';
import { appError } from '../../domain/index.js';
import { notifyChange } from '../match-service.js';
import { toOrganizationSummary, toPublicOrganization } from '../present.js';
import { DirectoryPageSchema, PublicOrganizationSchema } from '../responses.js';
import { defineRoute } from '../route.js';
import { DirectoryQuery, encodeCursor, OrganizationBody, OrgIdParams } from '../schemas.js';

export const organizationRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/organizations',
    operationId: 'listOrganizations',
    tag: 'organizations',
    summary: 'The directory: organisations in id order, filtered and paged',
    description: 'Open to any valid key. Items are summaries; the full profile is `GET /v1/organizations/{id}`.',
    access: 'key',
    query: DirectoryQuery,
    success: { status: 200, description: 'one page', schema: DirectoryPageSchema },
    errors: ['VALIDATION_FAILED'],
    handle: async ({ query }, { store }) => {
      const page = await listDirectory(store, {
        ...(query.type !== undefined ? { types: query.type } : {}),
        ...(query.sector !== undefined ? { sectors: query.sector } : {}),
        ...(query.q !== undefined ? { q: query.q } : {}),
        ...(query.cursor !== undefined ? { after: query.cursor } : {}),
        limit: query.limit,
      });
      return {
        body: {
          items: page.items.map(toOrganizationSummary),
          ...(page.nextAfter !== undefined ? { nextCursor: encodeCursor(page.nextAfter) } : {}),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/organizations/:id',
    operationId: 'getOrganization',
    tag: 'organizations',
    summary: 'One profile (contacts for admin keys only)',
    description:
      'Open to any valid key, like the directory and search results that link here: the public profile, with contacts for admin keys only. Its matches stay restricted (`GET /v1/organizations/{id}/matches`).',
    access: 'key',
    params: OrgIdParams,
    success: { status: 200, description: 'the profile', schema: PublicOrganizationSchema },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
    handle: async ({ params, principal }, { store }) => {
      const org = await getOrganization(store, params.id);
      return { body: toPublicOrganization(org, seesContacts(principal)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/organizations/:id',
    operationId: 'putOrganization',
    tag: 'organizations',
    summary: 'Create or replace one profile',
    description:
      'The body is a profile in the public file format; its `id` must be the one in the path. Leaving out `contacts` keeps the stored ones; only admin keys may send contacts. Concurrent writes of one id: the last one wins whole.',
    access: 'key',
    params: OrgIdParams,
    body: OrganizationBody,
    success: { status: 200, description: 'replaced (201 when created)', schema: PublicOrganizationSchema, alsoStatus: 201 },
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN'],
    handle: async ({ params, body, principal }, deps) => {
      if (body.id !== params.id) {
        throw appError('VALIDATION_FAILED', { detail: `body.id "${body.id}" differs from the path id "${params.id}"` }, [
          { path: 'body.id', message: 'must equal the id in the path' },
        ]);
      }
      const { organization, created } = await upsertOrganization(deps.store, principal, body);
      await notifyChange(deps, { kind: 'organization', id: organization.id });
      return { status: created ? 201 : 200, body: toPublicOrganization(organization, seesContacts(principal)) };
    },
  }),
];
