/**
 * The coordinator workflow: propose an introduction between two organisations, move it along its allowed
 * transitions (proposed → accepted | declined; accepted → met | declined; met → closed with an outcome), list
 * them. A declined introduction is stored like any other; the match service reads declined pairs from the store
 * and stops suggesting the pair to either side.
 */
import { randomUUID } from 'node:crypto';
import {
  appError,
  asIntroductionId,
  type Introduction,
  type IntroductionId,
  type IntroductionOutcome,
  type IntroductionStatus,
  type OrgId,
  type Sector,
} from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { assertMayActInSector, assertMayPropose, forbid, mayHandleIntroduction, type Principal } from './auth.js';
import type { Clock } from './clock.js';

export interface IntroductionDeps {
  readonly store: GraphStore;
  readonly clock: Clock;
  /** New introduction ids (default: `intro-<uuid>`). */
  readonly newId?: () => string;
}

export interface Proposal {
  readonly a: OrgId;
  readonly b: OrgId;
  readonly note?: string;
  readonly reasons?: readonly string[];
}

/**
 * Proposes an introduction. While the pair has an open one (proposed, accepted or met) the store refuses the new
 * one with `CONFLICT`, atomically, so of concurrent proposals of one pair exactly one is created.
 */
export async function proposeIntroduction(deps: IntroductionDeps, p: Principal, proposal: Proposal): Promise<Introduction> {
  if (proposal.a === proposal.b) {
    throw appError('VALIDATION_FAILED', { detail: 'an organisation cannot be introduced to itself' }, [{ path: 'b', message: 'must differ from a' }]);
  }
  const [a, b] = await Promise.all([deps.store.getOrganization(proposal.a), deps.store.getOrganization(proposal.b)]);
  if (a === undefined) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id: proposal.a });
  if (b === undefined) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id: proposal.b });
  assertMayPropose(p, a, b);
  const at = deps.clock.now().toISOString();
  const intro: Introduction = {
    id: asIntroductionId(deps.newId?.() ?? `intro-${randomUUID()}`),
    a: a.id,
    b: b.id,
    proposedBy: p.keyId,
    sectors: [...new Set([...a.sectors, ...b.sectors])].sort(),
    ...(proposal.note !== undefined ? { note: proposal.note } : {}),
    status: 'proposed',
    reasons: [...(proposal.reasons ?? [])],
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'proposed', at, by: p.keyId }],
  };
  return deps.store.createIntroduction(intro);
}

export interface StatusChange {
  readonly status: Exclude<IntroductionStatus, 'proposed'>;
  readonly outcome?: IntroductionOutcome;
  readonly reason?: string;
}

/**
 * Moves an introduction. The transition is checked by the store atomically against the stored status, so of
 * two concurrent moves from the same status only one succeeds; the other gets `ILLEGAL_TRANSITION`.
 */
export async function changeIntroductionStatus(deps: IntroductionDeps, p: Principal, id: IntroductionId, change: StatusChange): Promise<Introduction> {
  if ((change.status === 'closed') !== (change.outcome !== undefined)) {
    throw appError(
      'VALIDATION_FAILED',
      { detail: change.status === 'closed' ? 'closing an introduction needs an outcome' : 'an outcome is given only when closing' },
      [{ path: 'outcome', message: change.status === 'closed' ? 'is required when status is closed' : 'is allowed only when status is closed' }],
    );
  }
  await getIntroduction(deps.store, p, id);
  return deps.store.updateIntroduction(id, {
    status: change.status,
    ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
    ...(change.reason !== undefined ? { reason: change.reason } : {}),
    by: p.keyId,
    at: deps.clock.now().toISOString(),
  });
}

export async function getIntroduction(store: GraphStore, p: Principal, id: IntroductionId): Promise<Introduction> {
  const intro = await store.getIntroduction(id);
  if (intro === undefined) throw appError('NOT_FOUND', { entity: 'introduction', id });
  if (!mayHandleIntroduction(p, intro)) forbid(`introduction "${id}" is outside what this key may handle`);
  return intro;
}

export interface IntroductionQuery {
  readonly sector?: Sector;
  readonly status?: IntroductionStatus;
}

/** The introductions the caller may see: a member its own, a coordinator those in its sectors, an admin all. */
export async function listIntroductions(store: GraphStore, p: Principal, query: IntroductionQuery): Promise<Introduction[]> {
  if (query.sector !== undefined && p.role === 'coordinator') assertMayActInSector(p, query.sector);
  if (p.role === 'member' && p.orgId === undefined) forbid('this member key names no organisation');
  const rows = await store.listIntroductions({
    ...(query.sector !== undefined ? { sector: query.sector } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(p.role === 'member' && p.orgId !== undefined ? { orgId: p.orgId } : {}),
  });
  return rows.filter((i) => mayHandleIntroduction(p, i));
}
