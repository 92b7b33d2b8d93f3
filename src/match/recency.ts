/**
 * How recently each organisation was active: the number of its evidence groups (projects) among the newest ones.
 * Pure.
 *
 * Evidence groups are ordered oldest first by `orderGroups` (latest `year`, then the first number in the group's
 * name, e.g. a grant number, then the name); the newest ⌈share·G⌉ of the G groups are "recent" (none when
 * share = 0, all when share = 1). A collaboration without evidence is a group of its own. Then
 *
 *   r(v) = |{ g recent : v is a member of g }|
 *
 * and the activity feature is act(v) = ln(1 + r(v)) / ln(1 + max_u r(u)) (`features.ts`). Counting groups, not
 * partners, keeps a 30-member project from counting thirty times.
 */
import type { Collaboration } from '../domain/index.js';
import { groupsOf, orderGroupsOf } from './eval/validation.js';

/** r(v) per organisation id (organisations without a recent group are absent). `share` ∈ [0, 1]. */
export function recentGroupCounts(collaborations: readonly Collaboration[], share: number): Map<string, number> {
  if (!(share >= 0 && share <= 1)) throw new Error(`match/recency: share must be in [0, 1], got ${share}`);
  const groups = collaborations.map(groupsOf);
  const ordered = orderGroupsOf(collaborations, groups);
  const recent = new Set(ordered.slice(ordered.length - Math.ceil(ordered.length * share)));
  const members = new Map<string, Set<string>>();
  for (let i = 0; i < collaborations.length; i++) {
    const c = collaborations[i]!;
    for (const g of groups[i]!) {
      if (!recent.has(g)) continue;
      let m = members.get(g);
      if (m === undefined) members.set(g, (m = new Set()));
      m.add(c.a).add(c.b);
    }
  }
  const counts = new Map<string, number>();
  for (const m of members.values()) for (const id of m) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
