import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asOrgId, type Collaboration } from '../../src/domain/index.js';
import { groupsOf, orderGroups } from '../../src/match/eval/validation.js';
import { recentGroupCounts } from '../../src/match/recency.js';

/** The documented order written the direct way (keys parsed inside the comparator), as the reference. */
function referenceOrder(collaborations: readonly Collaboration[]): string[] {
  const year = new Map<string, number>();
  for (const c of collaborations) for (const g of groupsOf(c)) year.set(g, Math.max(year.get(g) ?? -Infinity, c.year ?? -Infinity));
  const num = (g: string) => {
    const m = /\d+/.exec(g);
    return m === null ? -Infinity : Number(m[0]);
  };
  return [...year.keys()].sort((x, y) => (year.get(x) ?? -Infinity) - (year.get(y) ?? -Infinity) || num(x) - num(y) || (x < y ? -1 : x > y ? 1 : 0));
}

/** Evidence items from a small alphabet so that years, numbers and names tie often. */
const item = fc.constantFrom('X:7(a)', 'X:7(b)', 'X:12(c)', 'Y:12(c)', 'no-number', 'P3', 'P30', ' P3 ', '', 'X:007(d)');
const arbCollaborations = fc.array(
  fc.record({
    a: fc.constantFrom('o1', 'o2', 'o10', 'o3'),
    b: fc.constantFrom('o1', 'o2', 'o10', 'o4'),
    kind: fc.constantFrom('joint_rnd', 'supply'),
    evidence: fc.option(fc.array(item, { maxLength: 3 }).map((xs) => xs.join(';')), { nil: undefined }),
    year: fc.option(fc.integer({ min: 2015, max: 2018 }), { nil: undefined }),
  }),
  { maxLength: 30 },
).map((rs) =>
  rs.map((r) => ({ a: asOrgId(r.a), b: asOrgId(r.b), kind: r.kind, ...(r.evidence !== undefined ? { evidence: r.evidence } : {}), ...(r.year !== undefined ? { year: r.year } : {}) }) as Collaboration),
);

describe('evidence group order', () => {
  it('orders groups by latest year, then first number in the name, then name, exactly as the direct comparator', () => {
    fc.assert(
      fc.property(arbCollaborations, (cs) => {
        expect(orderGroups(cs)).toEqual(referenceOrder(cs));
      }),
    );
  });

  it('does not depend on the order of the collaborations', () => {
    fc.assert(
      fc.property(arbCollaborations, (cs) => {
        expect(orderGroups([...cs].reverse())).toEqual(orderGroups(cs));
      }),
    );
  });

  it('counts recent groups over the newest share of that order', () => {
    fc.assert(
      fc.property(arbCollaborations, fc.constantFrom(0, 0.3, 0.5, 1), (cs, share) => {
        const ordered = referenceOrder(cs);
        const recent = new Set(ordered.slice(ordered.length - Math.ceil(ordered.length * share)));
        const expected = new Map<string, number>();
        for (const g of recent) {
          const members = new Set(cs.filter((c) => groupsOf(c).includes(g)).flatMap((c) => [c.a, c.b]));
          for (const id of members) expected.set(id, (expected.get(id) ?? 0) + 1);
        }
        expect(Object.fromEntries(recentGroupCounts(cs, share))).toEqual(Object.fromEntries(expected));
      }),
    );
  });

  it('splits evidence at ";" with items trimmed and repeated items once; a pair without evidence is its own group', () => {
    const c = (evidence?: string) => ({ a: asOrgId('b'), b: asOrgId('a'), kind: 'joint_rnd' as const, ...(evidence !== undefined ? { evidence } : {}) });
    expect(groupsOf(c(' P1 '))).toEqual(['P1']);
    expect(groupsOf(c('P1; P2;P1;'))).toEqual(['P1', 'P2']);
    expect(groupsOf(c(' ; '))).toEqual(['pair:a|b|joint_rnd']);
    expect(groupsOf(c('  '))).toEqual(['pair:a|b|joint_rnd']);
    expect(groupsOf(c())).toEqual(['pair:a|b|joint_rnd']);
  });
});
