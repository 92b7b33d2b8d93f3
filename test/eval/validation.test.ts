import { describe, expect, it } from 'vitest';
import { descriptionsFromGroups, groupsOf, orderGroups, sentencesOf, splitByGroup } from '../../src/match/eval/validation.js';
import { collab, org } from '../fixtures/builders.js';

describe('train-internal validation split', () => {
  const c = [
    collab('a', 'b', { evidence: 'EU:200(NEW)' }),
    collab('a', 'c', { evidence: 'EU:100(OLD)' }),
    collab('b', 'c', { evidence: 'EU:100(OLD);EU:200(NEW)' }),
    collab('c', 'd', { evidence: 'EU:30(OLDEST)' }),
  ];

  it('orders evidence groups by the number in their name (grant numbers grow with time)', () => {
    expect(orderGroups(c)).toEqual(['EU:30(OLDEST)', 'EU:100(OLD)', 'EU:200(NEW)']);
    expect(groupsOf(c[2]!)).toEqual(['EU:100(OLD)', 'EU:200(NEW)']);
  });

  it('orders by year first when collaborations have one', () => {
    expect(orderGroups([collab('a', 'b', { evidence: 'P9', year: 2015 }), collab('a', 'c', { evidence: 'P1', year: 2020 })])).toEqual(['P9', 'P1']);
  });

  it('puts the newest share of the groups on the later side; a pair in both keeps each side its own evidence', () => {
    const s = splitByGroup(c, 0.3);
    expect([...s.laterGroups]).toEqual(['EU:200(NEW)']);
    expect(s.later.map((x) => [x.a, x.b, x.evidence])).toEqual([
      ['a', 'b', 'EU:200(NEW)'],
      ['b', 'c', 'EU:200(NEW)'],
    ]);
    expect(s.earlier.map((x) => [x.a, x.b, x.evidence])).toEqual([
      ['a', 'c', 'EU:100(OLD)'],
      ['b', 'c', 'EU:100(OLD)'],
      ['c', 'd', 'EU:30(OLDEST)'],
    ]);
  });

  it('never holds out every group, and refuses a share outside [0, 1)', () => {
    expect(splitByGroup(c, 0.99).earlierGroups.size).toBe(1);
    expect(() => splitByGroup(c, 1)).toThrow(/laterShare/);
  });

  it('splits sentences, also where objectives were glued together without a space', () => {
    expect(sentencesOf('Smart sensors for cars are built.Each sensor is tested twice here. Short one.')).toEqual([
      'Smart sensors for cars are built.',
      'Each sensor is tested twice here.',
    ]);
  });

  it('rebuilds descriptions from the kept groups: a sentence belongs to the group whose members best match its holders', () => {
    const old = 'Old project builds radar chips for cars.';
    const fresh = 'New project trains neural networks on the edge.';
    const orgs = [
      org('a', { description: `${old} ${fresh}` }),
      org('b', { description: `${fresh}` }),
      org('c', { description: `${old}` }),
    ];
    const collabs = [collab('a', 'c', { evidence: 'P1' }), collab('a', 'b', { evidence: 'P2' })];
    const rebuilt = descriptionsFromGroups(orgs, collabs, new Set(['P1']));
    expect(rebuilt.map((o) => o.description)).toEqual([old, '', old]);
  });
});
