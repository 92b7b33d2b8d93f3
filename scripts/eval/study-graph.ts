/**
 * Research harness (not part of the engine) for issue 3's graph study: on train-internal validation splits
 * (written by validation-split.ts; it never reads the benchmark's test file), computes graph and text signals
 * with dense matrices (n ≈ 1,000) so that variants the engine does not have can be scored beside the engine's
 * own feature rows and compared by the protocol's recall@20 and coverage@10 in one process. The first line
 * (`default-4 (engine rows)`) reproduces the engine's validation figures exactly, and so does the dense walk
 * over the engine's tie weights (`VARIANTS=base`), which checks the harness.
 *
 *   VARIANTS=base,repeat,multi,sigma,first,search,local,inter,ptext,activity npx tsx scripts/eval/study-graph.ts <dir> …
 *
 * Families: base (project-age decay of ties, on both walk steps or the first only), repeat (ties per project
 * × k^ρ for pairs sharing k projects), multi (the engine's evidence-string ties with pairs of several projects
 * weighted up/down), sigma (σ, γ3), first (a different σ1 on the walk's first step; first2 adds activity),
 * activity (recent share of an organisation's projects instead of the recent count), search/local (random search of weights, saturations, power-mean reciprocal
 * and a PageRank × recent-activity term around default-4), inter (the last two alone), ptext (partners' text:
 * Σ_z P(A,z)·cos(z,B)), exposure (per-query popularity discount, newcomer boost), adaptive (text/Katz weights by
 * the query's partner count), katzdeg and katzgate (the Katz floor scaled or gated by partner counts; the
 * rejected candidate 'default-5' was katzgate 'sym' at hub 50, thin 15). The engine rows are ungated (ROWS_GATE). Prints, per variant, the
 * figures of each split and their mean (recall@20/coverage@10).
 */
import { DEFAULT_MODEL, FEATURE_NAMES } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';
import { fi, loadStudySplit, runScorer, sat, type StudySplit } from './study-split.js';

const analyzer = await loadAnalyzer();
/**
 * The engine rows are computed without the Katz gate (ROWS_GATE=hub,thin to set one), so that the variants
 * below start from default-4's ungated features (ROWS_GATE=50,15 gives the rejected candidate 'default-5').
 */
const [gq, gc] = (process.env.ROWS_GATE ?? '0,0').split(',').map(Number);
const ROWS_MODEL = { ...DEFAULT_MODEL, features: { ...DEFAULT_MODEL.features, katzGate: { hub: gq!, thin: gc! } } };

/** Everything one split offers a scoring formula (`study-split.ts`). */
export type Split = StudySplit;
const loadSplit = (dir: string): Split => loadStudySplit(dir, analyzer, ROWS_MODEL);

/** Study knobs for ties of pairs that shared several projects (engine mode). */
export const tweak: { multi: number; rho: number; sigmaMulti: number | undefined } = { multi: 1, rho: 0, sigmaMulti: undefined };

/**
 * Dense symmetric tie weights. mode 'engine': each collaboration adds e^(−λ·age)/(n_e − 1)^σ with n_e the size
 * of its evidence string's group (as `graph.ts`); mode 'project': W(x,y) = Σ_{g ∋ x,y} e^(−λ·age_g)/(n_g − 1)^σ.
 */
export function tieWeights(s: Split, sigma: number, lambda: number, mode: 'engine' | 'project' | 'repeat' = 'engine', rho = 1): Float64Array {
  const n = s.n;
  const W = new Float64Array(n * n);
  if (mode === 'repeat') {
    // per collaboration: Σ over its projects g of (n_g − 1)^−σ, times k^ρ with k its number of projects
    for (const [a, b, key] of s.pairs) {
      const gs = key.split(';');
      let w = 0;
      for (const g of gs) w += Math.pow(Math.max(1, (s.projectSize.get(g) ?? 2) - 1), -sigma);
      w *= Math.pow(gs.length, rho);
      W[a * n + b]! += w;
      W[b * n + a]! += w;
    }
    return W;
  }
  if (mode === 'engine') {
    for (const [a, b, key] of s.pairs) {
      const e = s.stringSize.get(key)!;
      const k = key.split(';').length;
      const w = (k > 1 ? tweak.multi * Math.pow(k, tweak.rho) : 1) * Math.exp(-lambda * e.age) / Math.pow(Math.max(1, e.size - 1), k > 1 ? tweak.sigmaMulti ?? sigma : sigma);
      W[a * n + b]! += w;
      W[b * n + a]! += w;
    }
    return W;
  }
  for (const g of s.groups) {
    const m = g.members;
    if (m.length < 2) continue;
    const w = Math.exp(-lambda * g.age) / Math.pow(m.length - 1, sigma);
    for (const x of m) for (const y of m) if (x !== y) W[x * n + y]! += w;
  }
  return W;
}

/** Row strengths s(x) = Σ_y W(x,y). */
function strengths(W: Float64Array, n: number): Float64Array {
  const s = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    let t = 0;
    for (let y = 0; y < n; y++) t += W[x * n + y]!;
    s[x] = t;
  }
  return s;
}

/** Row-stochastic P = D⁻¹W (rows of isolated nodes stay 0). */
function rowStochastic(W: Float64Array, s: Float64Array, n: number): Float64Array {
  const P = new Float64Array(n * n);
  for (let x = 0; x < n; x++) if (s[x]! > 0) for (let y = 0; y < n; y++) P[x * n + y] = W[x * n + y]! / s[x]!;
  return P;
}

/** C = A·B for dense n×n (i-k-j order, zeros of A skipped). */
function matmul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const aik = A[ci + k]!;
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j]! += aik * B[bk + j]!;
    }
  }
  return C;
}

/** Π = P1·P + γ3·P1·P·P: 2- and 3-step walks, the first step on P1 (e.g. recent ties), the later ones on P. */
export function walkMatrix(P1: Float64Array, P: Float64Array, n: number, g3: number): Float64Array {
  const two = matmul(P1, P, n);
  const three = matmul(two, P, n);
  for (let i = 0; i < n * n; i++) two[i]! += g3 * three[i]!;
  return two;
}

/** A scorer: given the split and query index, fills score[c] for every slot c. */
export type Scorer = (s: Split, qi: number, score: Float64Array) => void;

const run = (s: Split, scorer: Scorer) => runScorer(s, scorer);

/** Default-4 from the engine's own rows (reproduces the recorded validation figures). */
export const engineScore =
  (w: Readonly<Record<string, number>>): Scorer =>
  (s, qi, out) => {
    const F = FEATURE_NAMES.length;
    const ab = s.rowsAB[qi]!;
    const ba = s.rowsBA[qi]!;
    for (let c = 0; c < s.n; c++) {
      let x = 0;
      let y = 0;
      for (const [k, v] of Object.entries(w)) {
        x += v * ab[c * F + fi(k)]!;
        y += v * ba[c * F + fi(k)]!;
      }
      out[c] = Math.sqrt(Math.max(0, x) * Math.max(0, y));
    }
  };

const DEFAULT4 = { topical: 0.04, ppr: 0.57, katz: 0.19, activity: 0.01 };

const dirs = process.argv.slice(2);
const splits = dirs.map(loadSplit);
console.error(`loaded ${splits.map((s) => `${s.name}: ${s.queries.length} queries, n ${s.n}`).join('; ')}`);

function report(name: string, scorer: (s: Split) => Scorer): void {
  const rs = splits.map((s) => run(s, scorer(s)));
  const mean = (k: 'recall' | 'coverage') => rs.reduce((t, r) => t + r[k], 0) / rs.length;
  console.log(`${name.padEnd(60)} ${rs.map((r) => `${r.recall.toFixed(3)}/${r.coverage.toFixed(3)}`).join('  ')}   mean ${mean('recall').toFixed(4)}/${mean('coverage').toFixed(4)}`);
}

report(`engine rows, Katz gate ${gq}/${gc} (0/0 = default-4)`, () => engineScore(DEFAULT4));

/**
 * Variant family: the engine's topical/katz/activity rows, with PPR from dense walks over tie weights with
 * project-age decay λ (λ1 for the first step, λ for later ones).
 */
function pprVariant(opts: {
  sigma: number;
  lambda1: number;
  lambda: number;
  g3: number;
  h: number;
  w: Record<string, number>;
  mode?: 'engine' | 'project' | 'repeat';
  rho?: number;
  /** σ of the first step's ties (default σ) */
  sigma1?: number;
  /** back direction as the engine computes it, π_A(B)·s(A)/s(B), instead of the exact walk from B */
  reversible?: boolean;
}): (s: Split) => Scorer {
  return (s) => {
    const W = tieWeights(s, opts.sigma, opts.lambda, opts.mode, opts.rho);
    const sw = strengths(W, s.n);
    const P = rowStochastic(W, sw, s.n);
    const sigma1 = opts.sigma1 ?? opts.sigma;
    const P1 = opts.lambda1 === opts.lambda && sigma1 === opts.sigma ? P : (() => {
      const W1 = tieWeights(s, sigma1, opts.lambda1, opts.mode, opts.rho);
      return rowStochastic(W1, strengths(W1, s.n), s.n);
    })();
    const Pi = walkMatrix(P1, P, s.n, opts.g3);
    const F = FEATURE_NAMES.length;
    const n = s.n;
    return (sp, qi, out) => {
      const a = sp.qslot[qi]!;
      const ab = sp.rowsAB[qi]!;
      const ba = sp.rowsBA[qi]!;
      for (let c = 0; c < n; c++) {
        let x = opts.w.ppr! * sat(c === a ? 0 : Pi[a * n + c]!, opts.h);
        const back = opts.reversible === true ? (sw[c]! > 0 ? (Pi[a * n + c]! * sw[a]!) / sw[c]! : 0) : Pi[c * n + a]!;
        let y = opts.w.ppr! * sat(c === a ? 0 : back, opts.h);
        for (const k of ['topical', 'katz', 'activity']) {
          x += (opts.w[k] ?? 0) * ab[c * F + fi(k)]!;
          y += (opts.w[k] ?? 0) * ba[c * F + fi(k)]!;
        }
        out[c] = Math.sqrt(x * y);
      }
    };
  };
}

const variants = process.env.VARIANTS ?? 'base';
/**
 * A mix of the engine's own features with re-saturated walk features: raw π recovered from the rows
 * (π = h·f/(1 − f) at the default h), re-saturated with h_ppr; Katz likewise.
 */
function mixScore(p: Record<string, number>): Scorer {
  const F = FEATURE_NAMES.length;
  const unsat = (f: number, h: number) => (f >= 1 ? 1e9 : (h * f) / (1 - f));
  return (s, qi, out) => {
    const ab = s.rowsAB[qi]!;
    const ba = s.rowsBA[qi]!;
    for (let c = 0; c < s.n; c++) {
      const o = c * F;
      const pi = unsat(ab[o + fi('ppr')]!, 0.3);
      const piBack = unsat(ba[o + fi('ppr')]!, 0.3);
      const katz = unsat(ab[o + fi('katz')]!, 1);
      const common = (p.cn ?? 0) * ab[o + fi('commonNeighbours')]! + (p.aa ?? 0) * ab[o + fi('adamicAdar')]! + (p.ra ?? 0) * ab[o + fi('resourceAllocation')]! + p.katz! * sat(katz, p.hk!) + p.topical! * ab[o + fi('topical')]!;
      const actB = ab[o + fi('activity')]!;
      const actA = ba[o + fi('activity')]!;
      // pa: PageRank scaled by the other side's recent activity (recency inside the graph term)
      const pprAB = sat(pi, p.hp!) * (1 + (p.pa ?? 0) * (actB - 0.5));
      const pprBA = sat(piBack, p.hp!) * (1 + (p.pa ?? 0) * (actA - 0.5));
      const x = Math.max(0, common + p.ppr! * pprAB + p.activity! * actB);
      const y = Math.max(0, common + p.ppr! * pprBA + p.activity! * actA);
      const pm = p.pm ?? 0;
      out[c] = pm === 0 ? Math.sqrt(x * y) : x === 0 || y === 0 ? (pm < 0 ? 0 : Math.pow((Math.pow(x, pm) + Math.pow(y, pm)) / 2, 1 / pm)) : Math.pow((Math.pow(x, pm) + Math.pow(y, pm)) / 2, 1 / pm);
    }
  };
}

if (variants.includes('search')) {
  report('mix at default-4', () => mixScore({ ppr: 0.57, katz: 0.19, topical: 0.04, activity: 0.01, hp: 0.3, hk: 1 }));
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const base = { ppr: 0.57, katz: 0.19, topical: 0.04, activity: 0.01, hp: 0.3, hk: 1, cn: 0, aa: 0, ra: 0 } as Record<string, number>;
  for (let i = 0; i < Number(process.env.TRIES ?? 60); i++) {
    const p: Record<string, number> = {};
    for (const [k, v] of Object.entries(base)) {
      const jitter = Math.exp((rnd() - 0.5) * 1.4);
      p[k] = k === 'cn' || k === 'aa' || k === 'ra' ? (rnd() < 0.3 ? rnd() * 0.05 : 0) : k === 'activity' ? rnd() * 0.04 : v * jitter;
    }
    report(JSON.stringify(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))), () => mixScore(p));
  }
}
/** Partners' text: NT(A,B) = Σ_z P(A,z)·cos(z,B), how close B's profile is to those of A's partners. */
function partnerText(opts: { wnt: number; w: Record<string, number>; pm?: number }): (s: Split) => Scorer {
  return (s) => {
    const n = s.n;
    const W = tieWeights(s, 1.5, 0);
    const P = rowStochastic(W, strengths(W, n), n);
    const NT = matmul(P, s.cosine, n);
    const inner = mixScore(opts.w);
    const base = new Float64Array(n);
    const F = FEATURE_NAMES.length;
    return (sp, qi, out) => {
      const a = sp.qslot[qi]!;
      // recompute the two sides with the extra term (mixScore's sides are not exposed, so redo them here)
      inner(sp, qi, base);
      const ab = sp.rowsAB[qi]!;
      const ba = sp.rowsBA[qi]!;
      const p = opts.w;
      for (let c = 0; c < n; c++) {
        const o = c * F;
        const common = p.katz! * ab[o + fi('katz')]! + p.topical! * ab[o + fi('topical')]!;
        const x = common + p.ppr! * ab[o + fi('ppr')]! + p.activity! * ab[o + fi('activity')]! + opts.wnt * NT[a * n + c]!;
        const y = common + p.ppr! * ba[o + fi('ppr')]! + p.activity! * ba[o + fi('activity')]! + opts.wnt * NT[c * n + a]!;
        out[c] = Math.sqrt(x * y);
      }
    };
  };
}

/**
 * Activity variants per organisation: r = projects among the newest 30 %, t = all projects.
 * 'count' = ln(1+r)/ln(1+max r) (the engine's), 'share' = (r + α)/(t + 2α) (how much of its history is recent),
 * 'both' = count·share.
 */
function activityVariant(s: Split, kind: 'count' | 'share' | 'both', alpha: number): Float64Array {
  const r = new Float64Array(s.n);
  const t = new Float64Array(s.n);
  const G = s.groups.length;
  const cut = Math.ceil(0.3 * G) / G;
  for (const g of s.groups) for (const m of g.members) {
    t[m]! += 1;
    if (g.age < cut - 1e-9) r[m]! += 1;
  }
  const maxR = Math.max(...r);
  return Float64Array.from(r, (rv, v) => {
    const count = maxR > 0 ? Math.log1p(rv) / Math.log1p(maxR) : 0;
    const share = t[v]! > 0 ? (rv + alpha) / (t[v]! + 2 * alpha) : 0;
    return kind === 'count' ? count : kind === 'share' ? share : count * share;
  });
}

function activityScore(kind: 'count' | 'share' | 'both', alpha: number, wAct: number, extra: Record<string, number> = {}): (s: Split) => Scorer {
  return (s) => {
    const act = activityVariant(s, kind, alpha);
    const w = { ppr: 0.57, katz: 0.19, topical: 0.04, ...extra };
    // katz and topical are symmetric (the same in both rows); activity is the other side's, as in features.ts
    return geometricOfSides(
      (row, o, a, c, forward) => w.katz * row[o + fi('katz')]! + w.topical * row[o + fi('topical')]! + w.ppr * row[o + fi('ppr')]! + wAct * act[forward ? c : a]!,
    );
  };
}

/**
 * √(x·y) for every candidate c of query qi: x = side(row A→c, c·F, a, c, true), y = side(row c→A, c·F, a, c,
 * false), a the query's slot and F the row length; `side` is one side's interest read from a feature row at o.
 */
function geometricOfSides(side: (row: Float64Array, o: number, a: number, c: number, forward: boolean) => number): Scorer {
  const F = FEATURE_NAMES.length;
  return (sp, qi, out) => {
    const a = sp.qslot[qi]!;
    const ab = sp.rowsAB[qi]!;
    const ba = sp.rowsBA[qi]!;
    for (let c = 0; c < sp.n; c++) out[c] = Math.sqrt(side(ab, c * F, a, c, true) * side(ba, c * F, a, c, false));
  };
}

if (variants.includes('first')) {
  for (const sigma1 of [1, 2, 2.5]) for (const reversible of [false, true]) {
    report(`first step σ1=${sigma1}${reversible ? ' (engine back)' : ' (exact back)'}`, pprVariant({ sigma: 1.5, sigma1, lambda1: 0, lambda: 0, g3: 1, h: 0.3, w: DEFAULT4, reversible }));
  }
}
if (variants.includes('first2')) {
  for (const sigma1 of [0.75, 1, 1.25]) for (const act of [0.012, 0.015]) {
    report(`first step σ1=${sigma1} (engine back), activity ${act}`, pprVariant({ sigma: 1.5, sigma1, lambda1: 0, lambda: 0, g3: 1, h: 0.3, w: { ...DEFAULT4, activity: act }, reversible: true }));
  }
}
if (variants.includes('activity')) {
  report('activity count 0.01 (= default-4)', activityScore('count', 0, 0.01));
  for (const alpha of [0, 1]) for (const wa of [0.01, 0.02, 0.04]) {
    report(`activity share α=${alpha} w=${wa}`, activityScore('share', alpha, wa));
    report(`activity count·share α=${alpha} w=${wa}`, activityScore('both', alpha, wa));
  }
}
if (variants.includes('sigma')) {
  for (const sigma of [1.25, 1.75, 2]) report(`engine ties σ=${sigma}`, pprVariant({ sigma, lambda1: 0, lambda: 0, g3: 1, h: 0.3, w: DEFAULT4 }));
  for (const g3 of [0.5, 0.75, 1.5]) report(`engine ties γ3=${g3}`, pprVariant({ sigma: 1.5, lambda1: 0, lambda: 0, g3, h: 0.3, w: DEFAULT4 }));
}
if (variants.includes('ptext')) {
  const d4 = { ppr: 0.57, katz: 0.19, topical: 0.04, activity: 0.01, hp: 0.3, hk: 1 };
  report('own tf-idf topical instead of engine topical (0.04)', (s) => (sp, qi, out) => {
    const F = FEATURE_NAMES.length;
    const a = sp.qslot[qi]!;
    const ab = sp.rowsAB[qi]!;
    const ba = sp.rowsBA[qi]!;
    for (let c = 0; c < s.n; c++) {
      const o = c * F;
      const t = 0.04 * s.cosine[a * s.n + c]!;
      const x = t + 0.19 * ab[o + fi('katz')]! + 0.57 * ab[o + fi('ppr')]! + 0.01 * ab[o + fi('activity')]!;
      const y = t + 0.19 * ba[o + fi('katz')]! + 0.57 * ba[o + fi('ppr')]! + 0.01 * ba[o + fi('activity')]!;
      out[c] = Math.sqrt(x * y);
    }
  });
  for (const wnt of [0.02, 0.05, 0.1, 0.2]) for (const top of [0, 0.04]) report(`partners' text wnt=${wnt} topical ${top}`, partnerText({ wnt, w: { ...d4, topical: top } }));
}
if (variants.includes('local')) {
  let seed = 777;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < Number(process.env.TRIES ?? 100); i++) {
    const j = (v: number, r: number) => v * Math.exp((rnd() - 0.5) * r);
    const p = { ppr: j(0.57, 0.6), katz: j(0.19, 0.6), topical: j(0.04, 0.8), activity: rnd() * 0.02, hp: j(0.3, 0.6), hk: j(1, 0.6), pm: (rnd() - 0.5) * 2, pa: rnd() < 0.5 ? 0 : rnd() };
    report(JSON.stringify(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Math.round(v * 1000) / 1000]))), () => mixScore(p));
  }
}
if (variants.includes('inter')) {
  const d4 = { ppr: 0.57, katz: 0.19, topical: 0.04, activity: 0.01, hp: 0.3, hk: 1 };
  for (const pa of [0.25, 0.5, 1]) for (const act of [0, 0.01]) report(`ppr×activity pa=${pa} activity ${act}`, () => mixScore({ ...d4, activity: act, pa }));
  for (const pm of [-1, -0.5, 0.5, 1]) report(`power mean p=${pm}`, () => mixScore({ ...d4, pm }));
}
if (variants.includes('multi')) {
  for (const [multi, rho, sm] of [[0.5, 0, undefined], [2, 0, undefined], [4, 0, undefined], [1, 1, undefined], [1, 2, undefined], [1, 0, 1], [1, 0, 2], [1, 0, 1.2]] as const) {
    tweak.multi = multi;
    tweak.rho = rho;
    tweak.sigmaMulti = sm;
    report(`multi-project ties ×${multi}·k^${rho}, σ_multi ${sm ?? 1.5}`, pprVariant({ sigma: 1.5, lambda1: 0, lambda: 0, g3: 1, h: 0.3, w: DEFAULT4 }));
  }
  tweak.multi = 1;
  tweak.rho = 0;
  tweak.sigmaMulti = undefined;
}
if (variants.includes('repeat')) {
  for (const sigma of [1, 1.5, 2]) for (const rho of [1, 2, 3, 4]) {
    report(`repeat ties σ=${sigma} ρ=${rho}`, pprVariant({ sigma, lambda1: 0, lambda: 0, g3: 1, h: 0.3, w: DEFAULT4, mode: 'repeat', rho }));
  }
}
if (variants.includes('base')) {
  report('dense ppr, engine ties, λ=0 (should be ≈ default-4)', pprVariant({ sigma: 1.5, lambda1: 0, lambda: 0, g3: 1, h: 0.3, w: DEFAULT4 }));
  for (const l of [1, 2, 4]) {
    report(`engine ties, λ=${l} both steps`, pprVariant({ sigma: 1.5, lambda1: l, lambda: l, g3: 1, h: 0.3, w: DEFAULT4 }));
    report(`engine ties, λ1=${l} first step only`, pprVariant({ sigma: 1.5, lambda1: l, lambda: 0, g3: 1, h: 0.3, w: DEFAULT4 }));
  }
}
/**
 * Per-query popularity discount / newcomer boost on top of default-4 (exposure): with d(B) the candidate's
 * distinct train partners and s(B) its tie strength,
 *   'deg':   score' = score · (1 + d(B))^−α
 *   'str':   score' = score · (1 + s(B))^−α
 *   'new':   score' = score + β·score_max_q · 1/(1 + d(B))   (newcomer boost, scaled to the query's best score)
 */
function degrees(s: Split): { d: Float64Array; str: Float64Array } {
  const partners = Array.from({ length: s.n }, () => new Set<number>());
  for (const [a, b] of s.pairs) {
    partners[a]!.add(b);
    partners[b]!.add(a);
  }
  const W = tieWeights(s, 1.5, 0);
  return { d: Float64Array.from(partners, (p) => p.size), str: strengths(W, s.n) };
}
function exposureScore(kind: 'deg' | 'str' | 'new', k: number, w: Record<string, number> = DEFAULT4): (s: Split) => Scorer {
  return (s) => {
    const { d, str } = degrees(s);
    const inner = engineScore(w);
    return (sp, qi, out) => {
      inner(sp, qi, out);
      let mx = 0;
      for (let c = 0; c < sp.n; c++) if (out[c]! > mx) mx = out[c]!;
      for (let c = 0; c < sp.n; c++) {
        if (kind === 'deg') out[c] = out[c]! * Math.pow(1 + d[c]!, -k);
        else if (kind === 'str') out[c] = out[c]! * Math.pow(1 + str[c]!, -k);
        else out[c] = out[c]! + (k * mx) / (1 + d[c]!);
      }
    };
  };
}
if (variants.includes('exposure')) {
  const grid = (process.env.GRID ?? '0.002,0.005,0.01').split(',').map(Number);
  const acts = (process.env.ACTS ?? '0.01').split(',').map(Number);
  const kinds = (process.env.KINDS ?? 'deg,str').split(',') as ('deg' | 'str' | 'new')[];
  for (const act of acts) for (const kind of kinds) for (const a of grid) report(`${kind} ${a} activity ${act}`, exposureScore(kind, a, { ...DEFAULT4, activity: act }));
}
/**
 * Query-adaptive weights (adaptive): queries with at most `cut` distinct partners use topical/katz weights
 * (tLow, kLow), the others default-4's; tests whether newcomers want more text and less graph.
 */
if (variants.includes('adaptive')) {
  for (const cut of (process.env.CUTS ?? "5,15").split(",").map(Number)) for (const [tLow, kLow] of [[0.08, 0.19], [0.16, 0.19], [0.04, 0.1], [0.04, 0.3], [0.01, 0.19]] as const) {
    report(`adaptive d(A) ≤ ${cut}: topical ${tLow} katz ${kLow}`, (s) => {
      const { d } = degrees(s);
      const low = engineScore({ ...DEFAULT4, topical: tLow, katz: kLow });
      const high = engineScore(DEFAULT4);
      return (sp, qi, out) => (d[sp.qslot[qi]!]! <= cut ? low : high)(sp, qi, out);
    });
  }
}
/**
 * default-4's linear mix, x = 0.04·topical + 0.57·ppr + act·activity + kAB(a, c)·katz (y likewise from the other
 * side's row with kBA), combined as √(x·y); the Katz weight of each side is given per (query slot, candidate slot).
 */
function katzWeighted(act: number, kAB: (a: number, c: number) => number, kBA: (a: number, c: number) => number): Scorer {
  return geometricOfSides(
    (row, o, a, c, forward) =>
      0.04 * row[o + fi('topical')]! + 0.57 * row[o + fi('ppr')]! + act * row[o + fi('activity')]! + (forward ? kAB(a, c) : kBA(a, c)) * row[o + fi('katz')]!,
  );
}
/**
 * Katz floor by the walker's degree (katzdeg): the Katz feature of the side X→Y scaled by
 * g(d(X)) = min(1, (d(X)/D)^β)  (mode 'side', as a feature of graph.ts would be), or both sides by g(d(A))
 * of the query (mode 'query').
 */
if (variants.includes('katzdeg')) {
  const Ds = (process.env.DS ?? '30,60,120').split(',').map(Number);
  const betas = (process.env.BETAS ?? '0.25,0.5,1,8').split(',').map(Number);
  const modes = (process.env.MODES ?? 'side,query').split(',') as ('side' | 'query' | 'min' | 'max')[];
  for (const mode of modes) for (const D of Ds) for (const beta of betas) {
    report(`katz·min(1,(d/${D})^${beta}) ${mode}`, (s) => {
      const { d } = degrees(s);
      const g = Float64Array.from(d, (v) => Math.min(1, Math.pow(v / D, beta)));
      const gx = (a: number, c: number) => (mode === 'min' ? Math.min(g[a]!, g[c]!) : mode === 'max' ? Math.max(g[a]!, g[c]!) : g[a]!);
      const gy = (a: number, c: number) => (mode === 'side' ? g[c]! : mode === 'query' ? g[a]! : gx(a, c));
      return katzWeighted(0.01, (a, c) => 0.19 * gx(a, c), (a, c) => 0.19 * gy(a, c));
    });
  }
}
/**
 * Katz floor gated by degrees (katzgate), step functions: 'asym' keeps the Katz term on both sides iff the
 * query has d(A) ≥ Dq and the candidate d(B) ≥ Dm; 'sym' iff max(d(A), d(B)) ≥ Dq and min(d(A), d(B)) ≥ Dm.
 */
if (variants.includes('katzgate')) {
  const Dqs = (process.env.DQ ?? '20,30,40').split(',').map(Number);
  const Dms = (process.env.DM ?? '15,20,25,30').split(',').map(Number);
  const acts = (process.env.ACTS ?? '0.01').split(',').map(Number);
  const katzes = (process.env.KATZ ?? '0.19').split(',').map(Number);
  for (const act of acts) for (const wk of katzes) for (const mode of (process.env.MODES ?? 'asym,sym').split(',')) for (const Dq of Dqs) for (const Dm of Dms) {
    report(`katz gate ${mode} Dq ${Dq} Dm ${Dm} activity ${act} katz ${wk}`, (s) => {
      const { d } = degrees(s);
      const k = (a: number, c: number) =>
        (mode === 'asym' ? d[a]! >= Dq && d[c]! >= Dm : Math.max(d[a]!, d[c]!) >= Dq && Math.min(d[a]!, d[c]!) >= Dm) ? wk : 0;
      return katzWeighted(act, k, k);
    });
  }
}
