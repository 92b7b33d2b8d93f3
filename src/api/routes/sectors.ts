import { sectorFunnel } from '../../app/funnel.js';
import { FunnelSchema } from '../responses.js';
import { defineRoute } from '../route.js';
import { SectorParams } from '../schemas.js';

export const sectorRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/sectors/:sector/funnel',
    operationId: 'sectorFunnel',
    tag: 'introductions',
    summary: 'Proposed → accepted → met → outcome counts of a sector',
    description: 'For the sector’s coordinators and admins. `accepted` and `met` count every introduction that reached that stage, including the ones that moved on.',
    access: 'key',
    params: SectorParams,
    success: { status: 200, description: 'the funnel', schema: FunnelSchema },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handle: async ({ params, principal }, { store }) => ({ body: await sectorFunnel(store, principal, params.sector) }),
  }),
];
