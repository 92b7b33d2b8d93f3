/**
 * The funnel a network reports each year: how many introductions were proposed in a sector, how many were
 * accepted, met and closed, how many were declined, and what the closed ones led to.
 */
import { INTRODUCTION_OUTCOMES, isOpenIntroduction, type Introduction, type IntroductionOutcome, type Sector } from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { assertMayActInSector, type Principal } from './auth.js';

export interface Funnel {
  readonly sector: Sector;
  /** Every introduction ever proposed. */
  readonly proposed: number;
  /** Those that reached `accepted` (including the ones that later moved on or were declined after all). */
  readonly accepted: number;
  readonly declined: number;
  readonly met: number;
  readonly closed: number;
  readonly outcomes: Readonly<Record<IntroductionOutcome, number>>;
  /** Still waiting for an answer or a meeting. */
  readonly open: number;
}

/** Counts by the statuses each introduction has reached (its history plus its current status). */
export function computeFunnel(sector: Sector, intros: readonly Introduction[]): Funnel {
  const outcomes = Object.fromEntries(INTRODUCTION_OUTCOMES.map((o) => [o, 0])) as Record<IntroductionOutcome, number>;
  let accepted = 0;
  let declined = 0;
  let met = 0;
  let closed = 0;
  let open = 0;
  for (const i of intros) {
    const reached = new Set([i.status, ...i.history.map((h) => h.status)]);
    if (reached.has('accepted')) accepted++;
    if (reached.has('met')) met++;
    if (i.status === 'declined') declined++;
    if (i.status === 'closed') {
      closed++;
      if (i.outcome !== undefined) outcomes[i.outcome]++;
    }
    if (isOpenIntroduction(i.status)) open++;
  }
  return { sector, proposed: intros.length, accepted, declined, met, closed, outcomes, open };
}

export async function sectorFunnel(store: GraphStore, p: Principal, sector: Sector): Promise<Funnel> {
  assertMayActInSector(p, sector);
  return computeFunnel(sector, await store.listIntroductions({ sector }));
}
