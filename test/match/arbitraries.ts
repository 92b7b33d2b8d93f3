/**
 * Random small networks for property tests, and a brute-force ranker to check the engine's pruned top-k against.
 */
import fc from 'fast-check';
import type { Collaboration, Organization, OrganizationType, OrgId } from '../../src/domain/index.js';
import { ORGANIZATION_TYPES } from '../../src/domain/index.js';
import type { MatchEngine } from '../../src/match/index.js';
import { FEATURE_NAMES, interest, reciprocal } from '../../src/match/index.js';
import { collab, org } from '../fixtures/builders.js';

const WORDS = ['vision', 'sensor', 'chip', 'fab', 'bio', 'gmp', 'data', 'cloud', '5g', 'robot', '반도체', '센서', '임상'];
const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

export interface Network {
  readonly organizations: Organization[];
  readonly collaborations: Collaboration[];
}

export const arbNetwork: fc.Arbitrary<Network> = fc
  .integer({ min: 2, max: 10 })
  .chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `o${i}`);
    const arbOrg = (id: string) =>
      fc
        .record({
          type: fc.constantFrom(...ORGANIZATION_TYPES),
          description: fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' ')),
          offers: fc.array(phrase, { maxLength: 3 }),
          needs: fc.array(phrase, { maxLength: 3 }),
          sectors: fc.subarray(['ai', 'bio_health']),
          optedOut: fc.boolean().map((b) => b && id === 'o1'),
        })
        .map((r) => org(id, { ...r, type: r.type as OrganizationType }));
    return fc.record({
      organizations: fc.tuple(...ids.map(arbOrg)),
      collaborations: fc
        .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom(undefined, 'p1', 'p2')), { maxLength: 2 * n })
        .map((es) => es.filter(([a, b]) => a !== b).map(([a, b, ev]) => collab(`o${a}`, `o${b}`, ev === undefined ? {} : { evidence: ev }))),
    });
  });

/**
 * The top-k by scoring every other organisation exactly and sorting (score desc, id asc). A candidate must share
 * a term or be reached in the graph (some text or graph feature > 0); opted-out organisations and existing
 * partners are left out.
 */
export function bruteForceTopK(engine: MatchEngine, net: Network, a: OrgId, k: number): { id: string; score: number }[] {
  const partners = new Set(net.collaborations.flatMap((c) => (c.a === a ? [c.b] : c.b === a ? [c.a] : [])));
  const optedOut = new Set(net.organizations.filter((o) => o.optedOut).map((o) => o.id));
  const others = engine.organizationIds().filter((b) => b !== a && !partners.has(b) && !optedOut.has(b));
  const model = engine.model;
  const w = Float64Array.from(FEATURE_NAMES, (f) => model.weights[f]);
  const evidence = ['topical', 'commonNeighbours', 'adamicAdar', 'resourceAllocation', 'ppr', 'katz'] as const;
  return engine
    .featuresMany(a, others)
    .filter((r) => evidence.some((f) => r.ab[f] > 0) || r.ab.complementarity > 0 || r.ba.complementarity > 0)
    .map((r) => ({ id: r.b as string, score: reciprocal(model, interest(model, w, r.rowAB), interest(model, w, r.rowBA)) }))
    .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
    .slice(0, k);
}
