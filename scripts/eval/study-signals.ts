/**
 * Research harness (not part of the engine) for issue 3: new *symmetric* pair signals on top of default-4's
 * one-sided rows, on train-internal validation splits only (validation-split.ts; never the benchmark's test
 * file). Each signal S(A, B) = S(B, A) is learned from the split's train collaborations alone and enters as
 *
 *   add:  x = I₄(A→B) + w·S,  y = I₄(B→A) + w·S,  score = √(x·y)
 *   mult: score = √(I₄(A→B)·I₄(B→A)) · S^α          (S a lift > 0)
 *
 * with I₄ default-4's one-sided interest, so the score stays the same from both sides. Signals:
 * - region / type affinity: lift L(r, r') = (O(r, r') + k) / (E(r, r') + k) of the train partner pairs between
 *   the two groups, O observed, E expected either from group sizes (uniform random pairs) or from the groups'
 *   partner totals (degree-preserving random pairs, so hubs do not make a group look attractive); k smoothing.
 * - neighbourhood text: NT(A, B) = Σ_z P(A, z)·cos(z, B) (how much B's profile resembles A's partners'),
 *   symmetrised as ½(NT(A, B) + NT(B, A)); P the engine's row-stochastic tie weights.
 *
 *   VARIANTS=diag,region,type,nt npx tsx scripts/eval/study-signals.ts <dir> …
 *
 * Prints, per variant, each split's recall@20/coverage@10 and their mean.
 */
import { corporateFamilies, liftOf, regionPairLift } from './affinity.js';
import { loadAnalyzer } from '../../src/root.js';
import { engineTies, fi, FCOUNT, loadStudySplit, queryRecalls, runScorer, sat, type StudyScorer, type StudySplit } from './study-split.js';

const analyzer = await loadAnalyzer();
const splits = process.argv.slice(2).map((d) => loadStudySplit(d, analyzer));
const variants = (process.env.VARIANTS ?? 'diag').split(',');
console.error(`loaded ${splits.map((s) => `${s.name}: ${s.queries.length} queries, n ${s.n}`).join('; ')}`);

const D4: Readonly<Record<string, number>> = { topical: 0.04, ppr: 0.57, katz: 0.19, activity: 0.01 };

function report(name: string, make: (s: StudySplit) => StudyScorer): void {
  const rs = splits.map((s) => runScorer(s, make(s)));
  const mean = (k: 'recall' | 'coverage') => rs.reduce((t, r) => t + r[k], 0) / rs.length;
  console.log(`${name.padEnd(64)} ${rs.map((r) => `${r.recall.toFixed(3)}/${r.coverage.toFixed(3)}`).join('  ')}   mean ${mean('recall').toFixed(4)}/${mean('coverage').toFixed(4)}`);
}

/** default-4's two one-sided interests of query qi and candidate c. */
function sides(s: StudySplit, qi: number, c: number, w: Readonly<Record<string, number>> = D4): [number, number] {
  const ab = s.rowsAB[qi]!;
  const ba = s.rowsBA[qi]!;
  let x = 0;
  let y = 0;
  for (const k in w) {
    x += w[k]! * ab[c * FCOUNT + fi(k)]!;
    y += w[k]! * ba[c * FCOUNT + fi(k)]!;
  }
  return [x, y];
}

/** Symmetric signal as a dense n×n matrix. */
type Signal = (s: StudySplit) => Float64Array;

const additive =
  (signal: Signal, w: number, base: Readonly<Record<string, number>> = D4) =>
  (s: StudySplit): StudyScorer => {
    const S = signal(s);
    return (sp, qi, out) => {
      const a = sp.qslot[qi]!;
      for (let c = 0; c < sp.n; c++) {
        const [x, y] = sides(sp, qi, c, base);
        const t = w * S[a * sp.n + c]!;
        out[c] = Math.sqrt(Math.max(0, x + t) * Math.max(0, y + t));
      }
    };
  };

const multiplicative =
  (signal: Signal, alpha: number) =>
  (s: StudySplit): StudyScorer => {
    const S = signal(s);
    return (sp, qi, out) => {
      const a = sp.qslot[qi]!;
      for (let c = 0; c < sp.n; c++) {
        const [x, y] = sides(sp, qi, c);
        out[c] = Math.sqrt(x * y) * Math.pow(S[a * sp.n + c]!, alpha);
      }
    };
  };

/** Distinct train partners per slot. */
function partnerSets(s: StudySplit): Set<number>[] {
  const p = Array.from({ length: s.n }, () => new Set<number>());
  for (const [a, b] of s.pairs) {
    p[a]!.add(b);
    p[b]!.add(a);
  }
  return p;
}

/** Group labels as indices: G distinct labels (sorted), `of[x]` the index of organisation x's label. */
function groupIndex(labels: readonly string[]): { G: number; of: Int32Array } {
  const groups = [...new Set(labels)].sort();
  const gi = new Map(groups.map((g, i) => [g, i]));
  return { G: groups.length, of: Int32Array.from(labels, (g) => gi.get(g)!) };
}

/**
 * Group-pair lift over the train partner pairs, as a dense slot matrix:
 *   L(g, g') = (O(g, g') + k) / (E(g, g') + k),
 * O = distinct partner pairs between the groups (unordered; g = g' counts pairs inside the group), E = the same
 * total spread over group pairs in proportion to n_g·n_g' (uniform; n_g(n_g − 1)/2 inside a group) or to
 * D_g·D_g' (degree; D_g = Σ partner counts of the group, D_g²/2 inside).
 */
function groupLift(label: (s: StudySplit) => readonly string[], mode: 'uniform' | 'degree', k: number): Signal {
  return (s) => {
    const { G, of } = groupIndex(label(s));
    const P = partnerSets(s);
    const O = new Float64Array(G * G);
    let M = 0;
    for (let x = 0; x < s.n; x++)
      for (const y of P[x]!) {
        if (y <= x) continue;
        const [p, q] = [of[x]!, of[y]!];
        O[p * G + q]! += 1;
        if (p !== q) O[q * G + p]! += 1;
        M++;
      }
    const size = new Float64Array(G);
    for (let x = 0; x < s.n; x++) size[of[x]!]! += mode === 'uniform' ? 1 : P[x]!.size;
    const E = new Float64Array(G * G);
    let total = 0;
    for (let p = 0; p < G; p++)
      for (let q = p; q < G; q++) {
        const e = p === q ? (mode === 'uniform' ? (size[p]! * (size[p]! - 1)) / 2 : (size[p]! * size[p]!) / 2) : size[p]! * size[q]!;
        E[p * G + q] = E[q * G + p] = e;
        total += e;
      }
    const L = new Float64Array(G * G);
    for (let i = 0; i < G * G; i++) L[i] = (O[i]! + k) / ((E[i]! * M) / total + k);
    const out = new Float64Array(s.n * s.n);
    for (let x = 0; x < s.n; x++) for (let y = 0; y < s.n; y++) out[x * s.n + y] = L[of[x]! * G + of[y]!]!;
    return out;
  };
}

/**
 * Group-pair lift of *new* pairs, learned on an inner temporal split of the split's own train projects: the
 * newest `share` of them (age < share) are "inner later", the rest "inner earlier". Among organisations with an
 * inner-earlier project, a candidate pair is any pair that is not an inner-earlier partner pair, and a new pair
 * a candidate pair that shares an inner-later project:
 *   L(g, g') = (N(g, g') + k) / (C(g, g')·ρ + k),   ρ = ΣN / ΣC,
 * i.e. how much more often than average a new tie forms between the two groups (k smoothing, in new pairs).
 */
function newPairLift(label: (s: StudySplit) => readonly string[], share: number, k: number): Signal {
  return (s) => {
    const { G, of } = groupIndex(label(s));
    const n = s.n;
    const earlier = new Uint8Array(n * n);
    const later = new Uint8Array(n * n);
    const active = new Uint8Array(n);
    for (const g of s.groups) {
      const m = g.members;
      const M = g.age < share ? later : earlier;
      if (g.age >= share) for (const x of m) active[x] = 1;
      for (const x of m) for (const y of m) if (x !== y) M[x * n + y] = 1;
    }
    const N = new Float64Array(G * G);
    const C = new Float64Array(G * G);
    for (let x = 0; x < n; x++) {
      if (active[x] === 0) continue;
      for (let y = x + 1; y < n; y++) {
        if (active[y] === 0 || earlier[x * n + y] === 1) continue;
        const [p, q] = [of[x]!, of[y]!];
        C[p * G + q]! += 1;
        if (p !== q) C[q * G + p]! += 1;
        if (later[x * n + y] === 1) {
          N[p * G + q]! += 1;
          if (p !== q) N[q * G + p]! += 1;
        }
      }
    }
    let sn = 0;
    let sc = 0;
    for (let i = 0; i < G * G; i++) {
      sn += N[i]!;
      sc += C[i]!;
    }
    const rho = sn / sc;
    const L = new Float64Array(G * G);
    for (let i = 0; i < G * G; i++) L[i] = (N[i]! + k) / (C[i]! * rho + k);
    const out = new Float64Array(n * n);
    for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out[x * n + y] = L[of[x]! * G + of[y]!]!;
    return out;
  };
}

/** Row-stochastic P = D⁻¹W. */
function rowStochastic(W: Float64Array, n: number): Float64Array {
  const P = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    let t = 0;
    for (let y = 0; y < n; y++) t += W[x * n + y]!;
    if (t > 0) for (let y = 0; y < n; y++) P[x * n + y] = W[x * n + y]! / t;
  }
  return P;
}

function matmul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = A[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) C[i * n + j]! += aik * B[k * n + j]!;
    }
  return C;
}

const ntCache = new Map<StudySplit, Float64Array>();
/** ½(NT(A, B) + NT(B, A)), NT = P·cos with P the engine's row-stochastic ties (σ = 1.5). */
const neighbourhoodText: Signal = (s) => {
  const hit = ntCache.get(s);
  if (hit !== undefined) return hit;
  const n = s.n;
  const NT = matmul(rowStochastic(engineTies(s), n), s.cosine, n);
  const out = new Float64Array(n * n);
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out[x * n + y] = (NT[x * n + y]! + NT[y * n + x]!) / 2;
  ntCache.set(s, out);
  return out;
};

report('default-4 (engine rows)', () => (sp, qi, out) => {
  for (let c = 0; c < sp.n; c++) {
    const [x, y] = sides(sp, qi, c);
    out[c] = Math.sqrt(x * y);
  }
});

if (variants.includes('diag')) {
  // how new validation pairs spread over same/different region and type, against all candidate pairs
  for (const s of splits) {
    let newSameR = 0;
    let newAll = 0;
    let candSameR = 0;
    let candAll = 0;
    let newSameT = 0;
    let candSameT = 0;
    s.queries.forEach((q, qi) => {
      const a = s.qslot[qi]!;
      for (let c = 0; c < s.n; c++) {
        if (c === a || q.exclude.has(s.ids[c]!)) continue;
        const sr = s.regions[a] === s.regions[c] ? 1 : 0;
        const st = s.types[a] === s.types[c] ? 1 : 0;
        candAll++;
        candSameR += sr;
        candSameT += st;
        if (q.relevant.has(s.ids[c]!)) {
          newAll++;
          newSameR += sr;
          newSameT += st;
        }
      }
    });
    console.log(`${s.name}: new pairs same region ${(newSameR / newAll).toFixed(3)} vs candidates ${(candSameR / candAll).toFixed(3)}; same type ${(newSameT / newAll).toFixed(3)} vs ${(candSameT / candAll).toFixed(3)}`);
  }
}

const region = (s: StudySplit) => s.regions;
const type = (s: StudySplit) => s.types;
const regionType = (s: StudySplit) => s.regions.map((r, i) => `${r}/${s.types[i]}`);
for (const [name, label] of [
  ['region', region],
  ['type', type],
  ['regiontype', regionType],
] as const) {
  if (!variants.includes(name)) continue;
  for (const mode of ['uniform', 'degree'] as const)
    for (const k of [5, 50])
      for (const alpha of [0.25, 0.5, 1]) report(`${name} lift ${mode} k=${k} mult α=${alpha}`, multiplicative(groupLift(label, mode, k), alpha));
  for (const mode of ['uniform', 'degree'] as const)
    for (const w of [0.02, 0.05, 0.1]) {
      const lift = groupLift(label, mode, 5);
      report(`${name} lift ${mode} k=5 add sat(L,1) w=${w}`, additive((s) => lift(s).map((v) => sat(v, 1)), w));
    }
}
const sector = (s: StudySplit) => s.sectors.map((x) => [...x].sort().join('+'));
const sameRegion = (s: StudySplit) => s.regions.map((r, i) => r + '|' + i);
for (const [name, label] of [
  ['newregion', region],
  ['newtype', type],
  ['newsector', sector],
  ['newregiontype', regionType],
] as const) {
  if (!variants.includes(name)) continue;
  for (const share of [0.3]) for (const k of [5, 20, 100]) {
    for (const alpha of [0.25, 0.5, 1]) report(`${name} new-pair lift share ${share} k=${k} mult α=${alpha}`, multiplicative(newPairLift(label, share, k), alpha));
  }
}
void sameRegion;
if (variants.includes('nt')) {
  for (const w of [0.01, 0.02, 0.05, 0.1, 0.2]) report(`neighbourhood text sym add w=${w}`, additive(neighbourhoodText, w));
  for (const w of [0.02, 0.05, 0.1]) report(`neighbourhood text sym add w=${w}, topical 0`, additive(neighbourhoodText, w, { ...D4, topical: 0 }));
  for (const alpha of [0.25, 0.5, 1]) report(`neighbourhood text sym mult (ε+NT)^α, α=${alpha}`, multiplicative((s) => neighbourhoodText(s).map((v) => 0.01 + v), alpha));
}
if (variants.includes('misses')) {
  // where default-4 puts the new partners: reached by the walk or not, candidate partner counts, hits vs misses
  for (const s of splits) {
    const P = partnerSets(s);
    const score = new Float64Array(s.n);
    const stat = { hit: [0, 0, 0, 0], miss: [0, 0, 0, 0], unreached: 0, rel: 0, relPerQ: 0, candsPerQ: 0 };
    s.queries.forEach((q, qi) => {
      const a = s.qslot[qi]!;
      for (let c = 0; c < s.n; c++) {
        const [x, y] = sides(s, qi, c);
        score[c] = Math.sqrt(x * y);
      }
      const cands: number[] = [];
      for (let c = 0; c < s.n; c++) if (c !== a && !q.exclude.has(s.ids[c]!)) cands.push(c);
      cands.sort((x, y) => score[y]! - score[x]! || x - y);
      stat.relPerQ += q.relevant.size;
      stat.candsPerQ += cands.length;
      cands.forEach((c, r) => {
        if (!q.relevant.has(s.ids[c]!)) return;
        stat.rel++;
        if (s.rowsAB[qi]![c * FCOUNT + fi('ppr')] === 0) stat.unreached++;
        const t = r < 20 ? stat.hit : stat.miss;
        t[0]! += 1;
        t[1]! += P[c]!.size;
        t[2]! += s.regions[a] === s.regions[c] ? 1 : 0;
        t[3]! += s.rowsAB[qi]![c * FCOUNT + fi('topical')]!;
      });
    });
    const f = (t: number[]) => `n ${t[0]} partners ${(t[1]! / t[0]!).toFixed(1)} sameRegion ${(t[2]! / t[0]!).toFixed(3)} topical ${(t[3]! / t[0]!).toFixed(3)}`;
    console.log(`${s.name}: relevant/query ${(stat.relPerQ / s.queries.length).toFixed(1)}, candidates/query ${(stat.candsPerQ / s.queries.length).toFixed(0)}, unreached ${(stat.unreached / stat.rel).toFixed(3)}; hits ${f(stat.hit)}; misses ${f(stat.miss)}`);
  }
}
/**
 * Combos (combo): default-4's rows reweighted (`LEVERS` moves known to trade coverage for recall: symmetric
 * graph features, Katz, topical) together with the region lift (degree, k = 5, sat(L, 1)) added with weight wr.
 */
if (variants.includes('combo')) {
  const lift = groupLift(region, 'degree', 5);
  const cache = new Map<StudySplit, Float64Array>();
  const regionSignal: Signal = (s) => cache.get(s) ?? (cache.set(s, lift(s).map((v) => sat(v, 1))), cache.get(s)!);
  const levers: [string, Record<string, number>][] = [
    ['d4', D4],
    ['cn 0.01', { ...D4, commonNeighbours: 0.01 }],
    ['cn 0.02', { ...D4, commonNeighbours: 0.02 }],
    ['aa 0.01', { ...D4, adamicAdar: 0.01 }],
    ['ra 0.01', { ...D4, resourceAllocation: 0.01 }],
    ['ra 0.02', { ...D4, resourceAllocation: 0.02 }],
    ['katz 0.25', { ...D4, katz: 0.25 }],
    ['katz 0.15', { ...D4, katz: 0.15 }],
    ['topical 0.02', { ...D4, topical: 0.02 }],
    ['activity 0.02', { ...D4, activity: 0.02 }],
  ];
  for (const [name, w] of levers) for (const wr of (process.env.WR ?? '0,0.02,0.03').split(',').map(Number)) report(`${name} + region ${wr}`, additive(regionSignal, wr, w));
}
/**
 * Controls and forms of the region term (regionform): a constant (the floor alone, no region information), the
 * same-country indicator, the centred lift sat(L, 1) − ½, each with activity weights `ACTS`.
 */
if (variants.includes('regionform')) {
  const lift = groupLift(region, 'degree', Number(process.env.K ?? 5));
  const cache = new Map<StudySplit, Float64Array>();
  const sl: Signal = (s) => cache.get(s) ?? (cache.set(s, lift(s).map((v) => sat(v, 1))), cache.get(s)!);
  const constant: Signal = (s) => new Float64Array(s.n * s.n).fill(0.5);
  const same: Signal = (s) => {
    const out = new Float64Array(s.n * s.n);
    for (let x = 0; x < s.n; x++) for (let y = 0; y < s.n; y++) out[x * s.n + y] = s.regions[x] === s.regions[y] ? 1 : 0;
    return out;
  };
  const centred: Signal = (s) => sl(s).map((v) => v - 0.5);
  const forms: [string, Signal][] = [
    ['constant ½', constant],
    ['same country', same],
    ['centred lift', centred],
    ['lift', sl],
  ];
  for (const act of (process.env.ACTS ?? '0.01,0.02').split(',').map(Number))
    for (const [name, sig] of forms)
      for (const wr of (process.env.WR ?? '0.01,0.02,0.03,0.04').split(',').map(Number)) report(`${name} w=${wr}, activity ${act}`, additive(sig, wr, { ...D4, activity: act }));
}
/**
 * Corporate families (family): organisations whose names start with the same distinctive word (INFINEON,
 * STMICROELECTRONICS, THALES, NXP, …: the first word of 3+ letters that is not a legal form or a generic
 * institution word, shared by at least two organisations) are affiliates that join projects together.
 *   sib(A, B)  = [fam(A) = fam(B)]
 *   psib(A, B) = [A has a train partner in B's family other than B, or B one in A's]
 *   ftie(A, B) = sat(Σ_{B' ~ B} W(A, B') + Σ_{A' ~ A} W(A', B), h)   (ties to the other side's affiliates)
 */
/**
 * FAMILY_WORDS=minimal: only articles, legal forms and words for university/institute/research/centre count as
 * generic (a list written without looking at the data); FAMILY_MAX: families larger than this are dropped.
 */
const MINIMAL = new Set(
  'THE OF AND FOR DE DI DER UND DEGLI DELLA DEL LA LE LES GMBH AG SA SAS SPA SRL BV NV LTD LIMITED AB OY AS ASA SL KFT SRO UNIVERSITY UNIVERSITE UNIVERSITA UNIVERSIDAD UNIVERSITAET UNIVERSITAT UNIVERSITEIT UNIVERSIDADE INSTITUTE INSTITUT INSTITUTO RESEARCH RECHERCHE CENTRE CENTER CENTRO'.split(' '),
);
function families(s: StudySplit): Int32Array {
  const fam = corporateFamilies(s.names, process.env.FAMILY_WORDS === 'minimal' ? MINIMAL : undefined);
  const max = Number(process.env.FAMILY_MAX ?? Infinity);
  const size = new Map<number, number>();
  for (const f of fam) size.set(f, (size.get(f) ?? 0) + 1);
  return fam.map((f) => (f >= 0 && size.get(f)! <= max ? f : -1));
}
function familySignal(kind: 'sib' | 'psib' | 'ftie', h = 0.1): Signal {
  return (s) => {
    const n = s.n;
    const fam = families(s);
    const out = new Float64Array(n * n);
    if (kind === 'sib') {
      for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) out[x * n + y] = x !== y && fam[x]! >= 0 && fam[x] === fam[y] ? 1 : 0;
      return out;
    }
    const W = engineTies(s);
    const byFam = new Map<number, number[]>();
    fam.forEach((f, x) => f >= 0 && byFam.set(f, [...(byFam.get(f) ?? []), x]));
    // T(A, B) = Σ_{B' ~ B, B' ≠ B} W(A, B')
    const T = new Float64Array(n * n);
    for (let a = 0; a < n; a++)
      for (const m of byFam.values()) {
        let t = 0;
        for (const y of m) t += W[a * n + y]!;
        for (const y of m) T[a * n + y] = t - W[a * n + y]!;
      }
    for (let x = 0; x < n; x++)
      for (let y = 0; y < n; y++) {
        const v = T[x * n + y]! + T[y * n + x]!;
        out[x * n + y] = kind === 'psib' ? (v > 0 ? 1 : 0) : sat(v, h);
      }
    return out;
  };
}
if (variants.includes('family')) {
  const fams = families(splits[0]!);
  console.log(`${splits[0]!.name}: ${fams.filter((f) => f >= 0).length} organisations in ${new Set(fams.filter((f) => f >= 0)).size} families`);
  for (const [name, sig] of [
    ['sib', familySignal('sib')],
    ['psib', familySignal('psib')],
    ['ftie h=0.02', familySignal('ftie', 0.02)],
    ['ftie h=0.1', familySignal('ftie', 0.1)],
  ] as const) {
    const cache = new Map<StudySplit, Float64Array>();
    const cached: Signal = (s) => cache.get(s) ?? (cache.set(s, sig(s)), cache.get(s)!);
    for (const w of (process.env.WF ?? '0.01,0.02,0.05,0.1').split(',').map(Number)) report(`family ${name} w=${w}`, additive(cached, w));
  }
}
/** sat(L_region, 1) from `regionPairLift` (affinity.ts; equals groupLift(region, 'degree', k)). */
function regionSat(k = 5): Signal {
  return (s) => {
    const table = regionPairLift(s.regions, s.pairs.map(([a, b]) => [a, b] as const), k);
    const out = new Float64Array(s.n * s.n);
    for (let x = 0; x < s.n; x++) for (let y = 0; y < s.n; y++) out[x * s.n + y] = sat(liftOf(table, x, y), 1);
    return out;
  };
}
/** sib with activity and the region lift (famcombo): x = I₄'(A→B) + ws·sib + wr·sat(L_region, 1), I₄' with activity `act`; K = the lift's smoothing (default 5). */
if (variants.includes('famcombo')) {
  const sibC = new Map<StudySplit, Float64Array>();
  const regC = new Map<StudySplit, Float64Array>();
  const lift = regionSat(Number(process.env.K ?? 5));
  for (const ws of (process.env.WS ?? '0.01,0.02,0.03').split(',').map(Number))
    for (const wr of (process.env.WR ?? '0,0.02,0.03').split(',').map(Number))
      for (const act of (process.env.ACTS ?? '0.01,0.015,0.02,0.025').split(',').map(Number)) {
        const sig: Signal = (s) => {
          const sb = sibC.get(s) ?? (sibC.set(s, familySignal('sib')(s)), sibC.get(s)!);
          const rg = regC.get(s) ?? (regC.set(s, lift(s)), regC.get(s)!);
          return sb.map((v, i) => ws * v + wr * rg[i]!);
        };
        report(`sib ${ws} region ${wr} activity ${act}`, additive(sig, 1, { ...D4, activity: act }));
      }
}
/**
 * Paired check (paired): per split, the mean per-query change of recall@20 against default-4 and its standard
 * error, for the candidate x = I₄'(A→B) + ws·sib + wr·sat(L_region, 1) (PAIRED=ws,wr,act; several separated by ;).
 */
if (variants.includes('paired')) {
  const lift = regionSat(5);
  for (const spec of (process.env.PAIRED ?? '0.03,0.02,0.02').split(';')) {
    const [ws, wr, act] = spec.split(',').map(Number) as [number, number, number];
    const cells = splits.map((s) => {
      const base = queryRecalls(s, (sp, qi, out) => {
        for (let c = 0; c < sp.n; c++) {
          const [x, y] = sides(sp, qi, c);
          out[c] = Math.sqrt(x * y);
        }
      });
      const sb = familySignal('sib')(s);
      const rg = lift(s);
      const cand = queryRecalls(s, additive(() => sb.map((v, i) => ws * v + wr * rg[i]!), 1, { ...D4, activity: act })(s));
      const d = cand.map((v, i) => v - base[i]!);
      const m = d.reduce((t, v) => t + v, 0) / d.length;
      const sd = Math.sqrt(d.reduce((t, v) => t + (v - m) ** 2, 0) / (d.length - 1));
      const better = d.filter((v) => v > 1e-12).length;
      const worse = d.filter((v) => v < -1e-12).length;
      return `${(m >= 0 ? '+' : '') + m.toFixed(4)}±${(sd / Math.sqrt(d.length)).toFixed(4)} (${better} up, ${worse} down)`;
    });
    console.log(`paired recall@20 change, sib ${ws} region ${wr} activity ${act}: ${cells.join('  ')}`);
  }
}
