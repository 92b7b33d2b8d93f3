import { assertMayActInSector } from '../../app/auth.js';
import { assertMayActOnOrganization } from '../../app/organizations.js';
import { cachedJson } from '../answer-cache.js';
import { readyMatchService } from '../match-service.js';
import { toMatchList, toOpportunityList, toSearchResult, toTeamResult } from '../present-matching.js';
import { MatchListSchema, OpportunityListSchema, SearchResultSchema, TeamResultSchema } from '../responses-matching.js';
import { defineRoute } from '../route.js';
import { MatchQuery, OpportunitiesQuery, OrgIdParams, SearchBody, SectorParams, TeamBody } from '../schemas.js';

const BODY_ERRORS = ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const;

export const matchingRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/organizations/:id/matches',
    operationId: 'matchesFor',
    tag: 'matching',
    summary: 'Scored matches for one organisation, each with its components and two-sided explanation',
    description:
      'Existing partners, declined introductions and opted-out members are left out (existing partners come back with `includeExisting=true`). A member key asks for its own organisation; a coordinator key for organisations in its sectors.',
    access: 'key',
    params: OrgIdParams,
    query: MatchQuery,
    success: { status: 200, description: 'the matches, best first, with the model version', schema: MatchListSchema },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'NOT_READY'],
    handle: async ({ params, query, principal }, deps) => {
      await assertMayActOnOrganization(deps.store, principal, params.id); // first: a refused key learns nothing more
      const service = readyMatchService(deps);
      // the answer depends on the id, the query and the service's data only (never on the caller, checked above)
      const key = `matches\u0000${params.id}\u0000${JSON.stringify(query)}`;
      const body = await cachedJson(service, deps.limits.answerCacheBytes, key, async () =>
        toMatchList(
          await service.matchesFor(params.id, {
            limit: query.limit,
            includeExisting: query.includeExisting,
            ...(query.types !== undefined ? { types: query.types } : {}),
            ...(query.sectors !== undefined ? { sectors: query.sectors } : {}),
          }),
        ),
      );
      return { body };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/search',
    operationId: 'search',
    tag: 'matching',
    summary: 'Free-text search in Korean or English',
    description: 'Open to any valid key.',
    access: 'key',
    body: SearchBody,
    success: { status: 200, description: 'the best profiles for the text, with the terms that matched', schema: SearchResultSchema },
    errors: [...BODY_ERRORS, 'NOT_READY'],
    handle: async ({ body }, deps) => {
      const result = await readyMatchService(deps).search(body.query, {
        limit: body.limit,
        ...(body.types !== undefined ? { types: body.types } : {}),
        ...(body.sectors !== undefined ? { sectors: body.sectors } : {}),
      });
      return { body: toSearchResult(result) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/teams',
    operationId: 'team',
    tag: 'matching',
    summary: 'A consortium whose offers together cover a demand, with the reason for each member',
    description:
      'Either `{"organization": id}` (its needs; a member key only for itself, a coordinator key within its sectors) or `{"needs": "free text"}` (any key).',
    access: 'key',
    body: TeamBody,
    success: { status: 200, description: 'the team and which member covers which need', schema: TeamResultSchema },
    errors: [...BODY_ERRORS, 'FORBIDDEN', 'NOT_FOUND', 'NOT_READY'],
    handle: async ({ body, principal }, deps) => {
      if (body.organization !== undefined) {
        await assertMayActOnOrganization(deps.store, principal, body.organization);
        return { body: toTeamResult(await readyMatchService(deps).team({ organization: body.organization })) };
      }
      return { body: toTeamResult(await readyMatchService(deps).team({ text: body.needs ?? '' })) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/sectors/:sector/opportunities',
    operationId: 'sectorOpportunities',
    tag: 'introductions',
    summary: 'The best not-yet-connected cross-type pairs of a sector, with explanations',
    description:
      'For the sector’s coordinators and admins: the candidates for introductions. A pair that already has an introduction (proposed, accepted, met, declined or closed) is left out.',
    access: 'key',
    params: SectorParams,
    query: OpportunitiesQuery,
    success: { status: 200, description: 'the pairs, best first', schema: OpportunityListSchema },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_READY'],
    handle: async ({ params, query, principal }, deps) => {
      assertMayActInSector(principal, params.sector);
      return { body: toOpportunityList(await readyMatchService(deps).opportunities(params.sector, query.limit)) };
    },
  }),
];
