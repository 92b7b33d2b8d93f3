import { describe, expect, it } from 'vitest';
import { OrganizationSchema, asOrgId, type Collaboration } from '../../src/domain/index.js';
import { buildMatchEngine } from '../../src/match/index.js';
import { recentGroupCounts } from '../../src/match/recency.js';
import { loadAnalyzer } from '../../src/root.js';

const c = (a: string, b: string, evidence: string, year?: number): Collaboration =>
  ({ a: asOrgId(a), b: asOrgId(b), kind: 'joint_rnd', evidence, ...(year !== undefined ? { year } : {}) }) as Collaboration;

describe('recent evidence groups', () => {
  // four projects, oldest first by grant number: P100 (a, b, c), P200 (a, d), P300 (b, c), P400 (c, d)
  const collaborations = [
    c('a', 'b', 'X:100(P100)'),
    c('a', 'c', 'X:100(P100)'),
    c('b', 'c', 'X:100(P100);X:300(P300)'),
    c('a', 'd', 'X:200(P200)'),
    c('c', 'd', 'X:400(P400)'),
  ];

  it('counts, per organisation, the projects among the newest share (a pair listing several projects counts each)', () => {
    // newest half = P300, P400: b is in P300; c in P300 and P400; d in P400; a in neither
    expect(Object.fromEntries(recentGroupCounts(collaborations, 0.5))).toEqual({ b: 1, c: 2, d: 1 });
    // share 1: every project counts
    expect(Object.fromEntries(recentGroupCounts(collaborations, 1))).toEqual({ a: 2, b: 2, c: 3, d: 2 });
    expect(recentGroupCounts(collaborations, 0).size).toBe(0);
  });

  it('orders by year before grant number', () => {
    const dated = [c('a', 'b', 'X:900(old)', 2015), c('c', 'd', 'X:100(new)', 2021)];
    expect(Object.fromEntries(recentGroupCounts(dated, 0.5))).toEqual({ c: 1, d: 1 });
  });

  it('rejects a share outside [0, 1]', () => {
    expect(() => recentGroupCounts(collaborations, 1.5)).toThrow(/share/);
  });

  it('drives the activity feature: an organisation without recent projects has activity 0, the most recent one 1', async () => {
    const analyzer = await loadAnalyzer();
    const org = (id: string) => ({ id, name: { en: id }, type: 'sme', description: `organisation ${id}`, sectors: [], region: 'KR', offers: [], needs: [], technologies: [] });
    const engine = buildMatchEngine(
      { organizations: ['a', 'b', 'c', 'd'].map((id) => OrganizationSchema.parse(org(id))), collaborations },
      { analyzer, graph: { recentShare: 0.5 } },
    );
    // a→c: activity of c (2 recent projects, the most) = 1; c→a: activity of a (none) = 0
    const f = engine.features(asOrgId('a'), asOrgId('c'));
    expect(f.ab.activity).toBeCloseTo(1, 12);
    expect(f.ba.activity).toBe(0);
    expect(engine.features(asOrgId('a'), asOrgId('b')).ab.activity).toBeCloseTo(Math.log(2) / Math.log(3), 12);
  });
});
