/**
 * Train-internal validation for tuning without the test file: split the known collaborations by evidence group
 * (one project) into "earlier" and "later", and rebuild the organisations' descriptions from the earlier groups
 * only. Pure.
 *
 * Why the texts must be rebuilt: on the ECSEL benchmark a description is built from all of an organisation's
 * 2015–2019 projects, so on a split inside those years the text of a later project is already in both partners'
 * descriptions and text similarity would "predict" it from the answer.
 */
import type { Collaboration, Organization } from '../../domain/index.js';

/**
 * The evidence groups of a collaboration: the items of its `evidence` split at `;` (a pair that shared several
 * projects lists them all, e.g. `ECSEL:737417(R3-PowerUP);ECSEL:783158(REACTION)`), or the pair itself when
 * there is no evidence.
 */
export function groupsOf(c: Pick<Collaboration, 'a' | 'b' | 'kind' | 'evidence'>): string[] {
  const evidence = c.evidence ?? '';
  if (!evidence.includes(';')) {
    // one item at most: the same result as the general path below, without its intermediate arrays and set
    const item = evidence.trim();
    if (item !== '') return [item];
  } else {
    const items = evidence
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (items.length > 0) return [...new Set(items)];
  }
  return [c.a < c.b ? `pair:${c.a}|${c.b}|${c.kind}` : `pair:${c.b}|${c.a}|${c.kind}`];
}

/** First run of digits in a group name as a number (grant numbers grow with time), or undefined. */
function groupNumber(group: string): number | undefined {
  const m = /\d+/.exec(group);
  return m === null ? undefined : Number(m[0]);
}

/**
 * Evidence groups oldest first: by their latest `year` (groups without a year first), then by the first number
 * in the group name (e.g. a grant number; groups without one first), then by name. Deterministic for any input
 * order.
 */
export function orderGroups(collaborations: readonly Collaboration[]): string[] {
  return orderGroupsOf(collaborations, collaborations.map(groupsOf));
}

/**
 * `orderGroups` when the groups of each collaboration are already known (`groups[i]` = groupsOf(collaborations[i])).
 * Both sort keys (latest year, first number in the name) are computed once per group before the sort, not parsed
 * again in every comparison: O(G log G) comparisons of two numbers, names compared only on ties. The comparator
 * is the same function of the same keys in the same initial order, so the order is the same.
 */
export function orderGroupsOf(collaborations: readonly Collaboration[], groups: readonly (readonly string[])[]): string[] {
  const year = new Map<string, number>();
  for (let i = 0; i < collaborations.length; i++) {
    const y = collaborations[i]!.year ?? -Infinity;
    for (const g of groups[i]!) {
      year.set(g, Math.max(year.get(g) ?? -Infinity, y));
    }
  }
  const names = [...year.keys()];
  const years = new Float64Array(names.length);
  const numbers = new Float64Array(names.length);
  for (let i = 0; i < names.length; i++) {
    years[i] = year.get(names[i]!)!;
    numbers[i] = groupNumber(names[i]!) ?? -Infinity;
  }
  const order = Array.from({ length: names.length }, (_, i) => i);
  order.sort((i, j) => {
    const x = names[i]!;
    const y = names[j]!;
    return years[i]! - years[j]! || numbers[i]! - numbers[j]! || (x < y ? -1 : x > y ? 1 : 0);
  });
  return order.map((i) => names[i]!);
}

export interface TemporalSplit {
  readonly earlier: readonly Collaboration[];
  readonly later: readonly Collaboration[];
  readonly earlierGroups: ReadonlySet<string>;
  readonly laterGroups: ReadonlySet<string>;
}

/**
 * Splits collaborations by evidence group: the newest `laterShare` of the groups (at least one when there are
 * two or more groups, never all of them) are "later". A collaboration with groups on both sides appears on both
 * sides, each time with only that side's groups as its evidence. `laterShare` ∈ [0, 1).
 */
export function splitByGroup(collaborations: readonly Collaboration[], laterShare: number): TemporalSplit {
  if (!(laterShare >= 0 && laterShare < 1)) throw new Error(`validation: laterShare must be in [0, 1), got ${laterShare}`);
  const groups = orderGroups(collaborations);
  const wanted = Math.round(groups.length * laterShare);
  const nLater = groups.length < 2 ? 0 : Math.min(groups.length - 1, Math.max(laterShare > 0 ? 1 : 0, wanted));
  const laterGroups = new Set(groups.slice(groups.length - nLater));
  const earlierGroups = new Set(groups.slice(0, groups.length - nLater));
  const earlier: Collaboration[] = [];
  const later: Collaboration[] = [];
  for (const c of collaborations) {
    const gs = groupsOf(c);
    const part = (side: ReadonlySet<string>) => gs.filter((g) => side.has(g));
    const before = part(earlierGroups);
    const after = part(laterGroups);
    if (before.length > 0) earlier.push(before.length === gs.length ? c : withEvidence(c, before));
    if (after.length > 0) later.push(after.length === gs.length ? c : withEvidence(c, after));
  }
  return { earlier, later, earlierGroups, laterGroups };
}

function withEvidence(c: Collaboration, groups: readonly string[]): Collaboration {
  return groups[0]!.startsWith('pair:') ? c : { ...c, evidence: groups.join(';') };
}

/**
 * Sentences of a description: split after `.`, `!` or `?` followed by white space, and after a `.` glued to a
 * capital letter (project objectives are often concatenated without a space); fragments of 20 characters or
 * fewer are dropped (headings, numbering).
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|(?<=\.)(?=[A-Z])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 20);
}

/**
 * Descriptions rebuilt from the `keep` groups only. A sentence belongs to the group whose member set best
 * matches the set of organisations whose descriptions contain it (largest Jaccard index |C ∩ M| / |C ∪ M|; ties
 * to the smaller group name); an organisation keeps the sentences that belong to a kept group, in their order.
 * Names, technologies, offers and needs are kept as they are.
 */
export function descriptionsFromGroups(
  organizations: readonly Organization[],
  collaborations: readonly Collaboration[],
  keep: ReadonlySet<string>,
): Organization[] {
  const members = new Map<string, Set<string>>();
  for (const c of collaborations) {
    for (const g of groupsOf(c)) {
      let m = members.get(g);
      if (m === undefined) members.set(g, (m = new Set()));
      m.add(c.a).add(c.b);
    }
  }
  const groupsOfOrg = new Map<string, string[]>();
  for (const [g, m] of members) for (const id of m) groupsOfOrg.set(id, [...(groupsOfOrg.get(id) ?? []), g]);

  const sentences = organizations.map((o) => sentencesOf(o.description));
  const holders = new Map<string, Set<string>>();
  organizations.forEach((o, i) => {
    for (const s of sentences[i]!) {
      let h = holders.get(s);
      if (h === undefined) holders.set(s, (h = new Set()));
      h.add(o.id);
    }
  });
  const owner = new Map<string, string | undefined>();
  for (const [s, holding] of holders) {
    // only groups with at least one holder can have a positive Jaccard index
    const candidates = new Set<string>();
    for (const id of holding) for (const g of groupsOfOrg.get(id) ?? []) candidates.add(g);
    let best: string | undefined;
    let bestJ = -1;
    for (const g of [...candidates].sort()) {
      const m = members.get(g)!;
      let inter = 0;
      for (const id of holding) if (m.has(id)) inter++;
      const j = inter / (holding.size + m.size - inter);
      if (j > bestJ) {
        bestJ = j;
        best = g;
      }
    }
    owner.set(s, best);
  }
  return organizations.map((o, i) => {
    const kept = sentences[i]!.filter((s) => {
      const g = owner.get(s);
      return g !== undefined && keep.has(g);
    });
    return { ...o, description: kept.join(' ') };
  });
}
