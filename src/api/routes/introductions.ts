import { changeIntroductionStatus, getIntroduction, listIntroductions, proposeIntroduction } from '../../app/introductions.js';
import type { ApiDeps } from '../deps.js';
import { notifyChange } from '../match-service.js';
import { toPublicIntroduction } from '../present.js';
import { IntroductionListSchema, IntroductionResponseSchema } from '../responses.js';
import { defineRoute } from '../route.js';
import { IntroductionIdParams, IntroductionQuery, ProposalBody, StatusChangeBody } from '../schemas.js';

const useCaseDeps = (d: ApiDeps) => ({ store: d.store, clock: d.clock, ...(d.newId !== undefined ? { newId: d.newId } : {}) });

export const introductionRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/introductions',
    operationId: 'proposeIntroduction',
    tag: 'introductions',
    summary: 'Propose an introduction between two organisations',
    description:
      'A coordinator key may propose a pair when at least one side is in its sectors; a member key only a pair that includes its organisation. The introduction belongs to the sectors of both sides. 409 while the pair has an open introduction.',
    access: 'key',
    body: ProposalBody,
    success: { status: 201, description: 'proposed', schema: IntroductionResponseSchema },
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN', 'UNKNOWN_REFERENCE', 'CONFLICT'],
    handle: async ({ body, principal }, deps) => {
      const intro = await proposeIntroduction(useCaseDeps(deps), principal, {
        a: body.a,
        b: body.b,
        ...(body.note !== undefined ? { note: body.note } : {}),
        ...(body.reasons !== undefined ? { reasons: body.reasons } : {}),
      });
      await notifyChange(deps, { kind: 'introduction', introduction: intro });
      return { status: 201, body: toPublicIntroduction(intro), headers: { Location: `/v1/introductions/${intro.id}` } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/introductions',
    operationId: 'listIntroductions',
    tag: 'introductions',
    summary: 'Introductions the key may see, oldest first',
    description: 'Admin: all; coordinator: those in its sectors (another sector → 403); member: those of its organisation.',
    access: 'key',
    query: IntroductionQuery,
    success: { status: 200, description: 'the introductions', schema: IntroductionListSchema },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
    handle: async ({ query, principal }, { store }) => {
      const items = await listIntroductions(store, principal, {
        ...(query.sector !== undefined ? { sector: query.sector } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
      });
      return { body: { items: items.map(toPublicIntroduction) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/introductions/:id',
    operationId: 'getIntroduction',
    tag: 'introductions',
    summary: 'One introduction with its history',
    access: 'key',
    params: IntroductionIdParams,
    success: { status: 200, description: 'the introduction', schema: IntroductionResponseSchema },
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'],
    handle: async ({ params, principal }, { store }) => ({ body: toPublicIntroduction(await getIntroduction(store, principal, params.id)) }),
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/introductions/:id',
    operationId: 'changeIntroductionStatus',
    tag: 'introductions',
    summary: 'Move an introduction along an allowed transition',
    description:
      'proposed → accepted | declined; accepted → met | declined; met → closed (with an outcome). Checked atomically: of two concurrent moves from the same status one wins and the other gets 409 ILLEGAL_TRANSITION. A declined pair is no longer suggested to either side.',
    access: 'key',
    params: IntroductionIdParams,
    body: StatusChangeBody,
    success: { status: 200, description: 'moved', schema: IntroductionResponseSchema },
    errors: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION'],
    handle: async ({ params, body, principal }, deps) => {
      const intro = await changeIntroductionStatus(useCaseDeps(deps), principal, params.id, {
        status: body.status,
        ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      });
      await notifyChange(deps, { kind: 'introduction', introduction: intro });
      return { body: toPublicIntroduction(intro) };
    },
  }),
];
