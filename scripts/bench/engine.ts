/**
 * `npm run bench` — the matching engine at 1k / 10k / 100k synthetic organisations. A benchmark, not a test: it
 * prints a table (or JSON) of figures; it asserts nothing except that the pruned top-k equals the exact one.
 *
 *   npm run bench -- [--sizes 1000,10000,100000] [--queries 1000] [--k 20] [--workers 2] [--exact 20]
 *                    [--natural-max 10000] [--natural-queries 20] [--no-allpairs] [--seed 42] [--json]
 *
 * Per size n (profiles from scripts/bench/synthetic.ts: seeded, 60–280-word descriptions, Zipf vocabulary,
 * ~2.5n collaborations with hubs):
 * - build: `buildMatchEngine` with the real analyser plus the first refresh (postings, idf, graph), wall time;
 *   heap: growth of V8 heap + array buffers across the build, each after a full GC (MB).
 * - match query: `engine.match(id)` for `--queries` random organisations (default limit 10, explanations built
 *   for those 10: the path the API serves), after a warm-up; p50 / p99 of the per-query wall time.
 * - all-pairs: every organisation's top `--k` (the weekly batch) spread over `--workers` worker threads by the
 *   code `innomatch export-matches` runs (`rankAll`: the threads analyse one slice each, then each builds the
 *   engine and ranks chunks of ids); wall time from start to the last row (analysis and builds included), with
 *   the analysis round and each thread's build and ranking times.
 * - natural: natural's `TfIdf` on the same analysed profile terms, cosine of a query organisation's profile with
 *   every document through `tfidf([term], d)`, top 10 (sizes ≤ `--natural-max`; it is slow).
 * - exactness: for `--exact` random organisations, the engine's (pruned) top k against every candidate scored
 *   exactly (`featuresMany`, the model's interest and reciprocal) and sorted by (score desc, id asc); printed as
 *   the overlap of the two lists (100 % when pruning is exact) and whether order and scores are identical.
 * The load average is printed with the figures: the machine is shared, so figures are noisy.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import TfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import type { OrgId } from '../../src/domain/index.js';
import { analyzeOrganization } from '../../src/match/analyzer.js';
import { DEFAULT_MODEL, buildMatchEngine, interest, reciprocal, type Analyzer, type MatchData, type MatchEngine } from '../../src/match/index.js';
import { weightVector } from '../../src/match/score.js';
import { rankAll } from '../../src/app/rank-all.js';
import { loadAnalyzer } from '../../src/root.js';
import { rng, syntheticNetwork, type SyntheticNetwork } from './synthetic.js';

// ---- flags ----------------------------------------------------------------------------------------------------

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function parseFlags() {
  try {
    return parseArgs({
      options: {
        sizes: { type: 'string', default: '1000,10000,100000' },
        queries: { type: 'string', default: '1000' },
        k: { type: 'string', default: '20' },
        workers: { type: 'string', default: '2' },
        exact: { type: 'string', default: '20' },
        'natural-max': { type: 'string', default: '10000' },
        'natural-queries': { type: 'string', default: '20' },
        'no-allpairs': { type: 'boolean', default: false },
        seed: { type: 'string', default: '42' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return fail(`${(e as Error).message} (see the usage in scripts/bench/engine.ts)`);
  }
}

const values = parseFlags();

function integer(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(v) || v < min || v > max) fail(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  return v;
}

const sizes = values.sizes.split(',').map((s) => integer('sizes', s, 50, 1_000_000));
if (sizes.length === 0) fail('--sizes must list at least one size');
const queries = integer('queries', values.queries, 1);
const k = integer('k', values.k, 1, 200);
const workers = integer('workers', values.workers, 1, 64);
const exactQueries = integer('exact', values.exact, 0);
const naturalMax = integer('natural-max', values['natural-max'], 0);
const naturalQueries = integer('natural-queries', values['natural-queries'], 1);
const seed = integer('seed', values.seed, 0, 2 ** 32 - 1);
const allPairs = !values['no-allpairs'];

// ---- helpers --------------------------------------------------------------------------------------------------

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Bytes held: V8 heap plus array buffers (typed arrays live outside the heap), after two full collections. */
function heldBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const secs = (ms: number) => round(ms / 1000, 1);

function pick(ids: readonly OrgId[], count: number, random: () => number): OrgId[] {
  return Array.from({ length: count }, () => ids[Math.floor(random() * ids.length)]!);
}

// ---- engine ---------------------------------------------------------------------------------------------------

interface EngineFigures {
  build_ms: number;
  heap_mb: number;
  p50_ms: number;
  p99_ms: number;
  allpairs_ms?: number;
  /** CPU time of the process per query (the machine is shared: wall time includes waiting for a core). */
  cpu_p50_ms: number;
  cpu_p99_ms: number;
}

function timeQueries(engine: MatchEngine, ids: readonly OrgId[], random: () => number) {
  for (const id of pick(ids, Math.min(100, queries), random)) engine.match(id); // warm-up: JIT, caches
  const before = { ...engine.stats };
  const times: number[] = [];
  const cpu: number[] = [];
  for (const id of pick(ids, queries, random)) {
    const c = process.cpuUsage();
    const t = performance.now();
    engine.match(id);
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  times.sort((x, y) => x - y);
  cpu.sort((x, y) => x - y);
  const q = engine.stats.queries - before.queries || 1;
  const per = (key: 'postingsWalked' | 'bounded' | 'verified') => Math.round((engine.stats[key] - before[key]) / q);
  const graphFirst = engine.stats.graphFirst - before.graphFirst;
  return {
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    cpuP50: quantile(cpu, 0.5),
    cpuP99: quantile(cpu, 0.99),
    work: {
      postings_walked: per('postingsWalked'),
      bounded: per('bounded'),
      verified: per('verified'),
      graph_first: graphFirst,
      fallbacks: engine.stats.fallbacks - before.fallbacks,
      scans: engine.stats.scans - before.scans,
      graph_first_scans: engine.stats.graphFirstScans - before.graphFirstScans,
    },
  };
}

/**
 * The engine's top k for `id` against every organisation scored exactly and sorted (score desc, id asc).
 * A candidate shares a term with `id` in one of the three field pairs or is reached by the graph walk (Katz > 0);
 * self and existing partners are excluded, as the engine does by default.
 */
function exactness(engine: MatchEngine, net: SyntheticNetwork, ids: readonly OrgId[], random: () => number) {
  const partners = new Map<string, Set<string>>();
  const link = (x: string, y: string) => {
    let s = partners.get(x);
    if (s === undefined) partners.set(x, (s = new Set()));
    s.add(y);
  };
  for (const c of net.collaborations) {
    link(c.a, c.b);
    link(c.b, c.a);
  }
  const model = engine.model;
  const w = weightVector(model);
  let overlap = 0;
  let identical = 0;
  let expected = 0;
  const sample = pick(ids, exactQueries, random);
  for (const id of sample) {
    const got = engine.match(id, { limit: k, explain: false }).matches;
    const others = ids.filter((b) => b !== id && !(partners.get(id)?.has(b) ?? false));
    const scored = engine
      .featuresMany(id, others)
      .filter((r) => r.ab.topical > 0 || r.ab.complementarity > 0 || r.ba.complementarity > 0 || r.ab.katz > 0)
      .map((r) => ({ id: r.b, score: reciprocal(model, interest(model, w, r.rowAB), interest(model, w, r.rowBA)) }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, k);
    const want = new Set(scored.map((s) => s.id));
    overlap += got.filter((m) => want.has(m.id)).length;
    expected += scored.length;
    if (got.length === scored.length && got.every((m, i) => m.id === scored[i]!.id && m.score === scored[i]!.score)) identical++;
  }
  return { queries: sample.length, k, overlap_pct: expected === 0 ? 100 : round((100 * overlap) / expected, 2), identical_lists: identical };
}

/**
 * Every organisation's top k over worker threads by the product's batch (`rankAll`, what `innomatch
 * export-matches` runs): wall time from start to the last row (analysis round and builds included), the
 * analysis round's wall time, and per thread the build and ranking times.
 */
async function allPairsTopK(data: MatchData): Promise<{ wall_ms: number; analyse_ms: number; build_ms: number[]; rank_ms: number[]; rows: number }> {
  const t0 = performance.now();
  const r = await rankAll(data, { analyzer }, { k, workers });
  const wall = performance.now() - t0;
  return {
    wall_ms: Math.round(wall),
    analyse_ms: Math.round(r.timings.analyseMs),
    build_ms: r.timings.buildMs.map(Math.round),
    rank_ms: r.timings.rankMs.map(Math.round),
    rows: r.rows.length,
  };
}

// ---- natural --------------------------------------------------------------------------------------------------

/** natural's TfIdf over the same analysed profile terms; cosine of one document with all, top 10. */
function naturalBaseline(net: SyntheticNetwork, analyzer: Analyzer, random: () => number) {
  const terms = net.organizations.map((o) => analyzeOrganization(o, analyzer).profile);
  const t0 = performance.now();
  const tfidf = new TfIdf();
  terms.forEach((t, i) => tfidf.addDocument(t, String(i)));
  // document norms ‖d‖ = √Σ_t (tf·idf)², so a query only needs the dot products
  const norms = tfidf.documents.map((doc, d) => {
    let s = 0;
    for (const term of Object.keys(doc)) {
      if (term === '__key') continue;
      const v = tfidf.tfidf([term], d);
      s += v * v;
    }
    return Math.sqrt(s);
  });
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  const n = terms.length;
  for (let r = 0; r < naturalQueries + 2; r++) {
    const qd = Math.floor(random() * n);
    const t = performance.now();
    const q = tfidf.documents[qd]!;
    const qTerms = Object.keys(q).filter((x) => x !== '__key');
    const qw = qTerms.map((x) => TfIdf.tf(x, q) * tfidf.idf(x));
    const qNorm = Math.sqrt(qw.reduce((s, x) => s + x * x, 0));
    const scores: { d: number; cos: number }[] = [];
    for (let d = 0; d < n; d++) {
      if (d === qd) continue;
      let dot = 0;
      for (let i = 0; i < qTerms.length; i++) dot += qw[i]! * tfidf.tfidf([qTerms[i]!], d);
      const den = qNorm * norms[d]!;
      scores.push({ d, cos: den > 0 ? dot / den : 0 });
    }
    scores.sort((x, y) => y.cos - x.cos || x.d - y.d).slice(0, 10);
    if (r >= 2) times.push(performance.now() - t); // the first two warm up
  }
  times.sort((x, y) => x - y);
  return { build_ms: Math.round(buildMs), p50_ms: round(quantile(times, 0.5)), p99_ms: round(quantile(times, 0.99)) };
}

// ---- run ------------------------------------------------------------------------------------------------------

interface Result {
  n: number;
  engine: EngineFigures;
  natural?: { p50_ms: number; p99_ms: number };
  exact?: ReturnType<typeof exactness>;
  work: ReturnType<typeof timeQueries>['work'];
  allpairs?: Awaited<ReturnType<typeof allPairsTopK>>;
  load: number[];
}

const analyzer = await loadAnalyzer();
const loadStart = loadavg().map((x) => round(x));
const results: Result[] = [];
for (const n of sizes) {
  const net = syntheticNetwork(n, seed);
  const ids = net.organizations.map((o) => o.id);
  const random = rng(seed + n);
  const held0 = heldBytes();
  const t0 = performance.now();
  const engine = buildMatchEngine(net, { analyzer });
  engine.prepare(); // postings, idf and the graph, which the first query would otherwise build
  const buildMs = performance.now() - t0;
  const heapMb = (heldBytes() - held0) / 2 ** 20;
  const timed = timeQueries(engine, ids, random);
  const exact = exactQueries > 0 ? exactness(engine, net, ids, random) : undefined;
  const figures: EngineFigures = { build_ms: Math.round(buildMs), heap_mb: round(heapMb, 1), p50_ms: round(timed.p50, 3), p99_ms: round(timed.p99, 3), cpu_p50_ms: round(timed.cpuP50, 3), cpu_p99_ms: round(timed.cpuP99, 3) };
  const natural = n <= naturalMax ? naturalBaseline(net, analyzer, random) : undefined;
  let allpairs: Result['allpairs'];
  if (allPairs) {
    const data: MatchData = { organizations: net.organizations, collaborations: net.collaborations };
    allpairs = await allPairsTopK(data);
    figures.allpairs_ms = allpairs.wall_ms;
  }
  results.push({
    n,
    engine: figures,
    ...(natural !== undefined ? { natural: { p50_ms: natural.p50_ms, p99_ms: natural.p99_ms } } : {}),
    ...(exact !== undefined ? { exact } : {}),
    work: timed.work,
    ...(allpairs !== undefined ? { allpairs } : {}),
    load: loadavg().map((x) => round(x)),
  });
  if (!values.json) console.error(`bench: n=${n} done (load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
}

if (values.json) {
  console.log(JSON.stringify({ model: DEFAULT_MODEL.version, queries, k, workers, load_start: loadStart, results }, null, 2));
} else {
  const cell = (v: string | number | undefined, w: number) => String(v ?? '—').padStart(w);
  const header = ['n', 'build s', 'heap MB', 'p50 ms', 'p99 ms', 'cpu p50', 'cpu p99', `top-${k} all s`, 'natural p50', 'natural p99', 'p50 ×', 'exact top-k'];
  const widths = [7, 8, 8, 8, 8, 8, 8, 11, 12, 12, 7, 12];
  console.log(`innomatch engine (${DEFAULT_MODEL.version}), ${queries} match queries per size (limit 10, with explanations), all-pairs over ${workers} worker threads`);
  console.log(header.map((h, i) => cell(h, widths[i]!)).join(' '));
  for (const r of results) {
    const e = r.engine;
    const row = [
      r.n,
      round(e.build_ms / 1000, 1),
      e.heap_mb,
      e.p50_ms,
      e.p99_ms,
      e.cpu_p50_ms,
      e.cpu_p99_ms,
      e.allpairs_ms !== undefined ? round(e.allpairs_ms / 1000, 1) : undefined,
      r.natural?.p50_ms,
      r.natural?.p99_ms,
      r.natural !== undefined ? Math.round(r.natural.p50_ms / e.p50_ms) : undefined,
      r.exact !== undefined ? `${r.exact.overlap_pct}%` : undefined,
    ];
    console.log(row.map((v, i) => cell(v, widths[i]!)).join(' '));
  }
  for (const r of results) {
    const a = r.allpairs;
    console.log(
      `n=${r.n}: per query ${r.work.postings_walked} postings walked, ${r.work.bounded} candidates bounded, ${r.work.verified} scored exactly; ` +
        `${r.work.graph_first}/${queries} graph-first (${r.work.graph_first_scans} bounding untouched documents too), ${r.work.fallbacks} fallbacks, ${r.work.scans} scans` +
        (a !== undefined ? `; all-pairs: analysed in ${secs(a.analyse_ms)} s, threads built in ${a.build_ms.map(secs).join(' / ')} s and ranked in ${a.rank_ms.map(secs).join(' / ')} s, ${a.rows} rows` : '') +
        (r.exact !== undefined ? `; exact: ${r.exact.identical_lists}/${r.exact.queries} lists identical (top ${r.exact.k})` : '') +
        `; load ${r.load.join(' ')}`,
    );
  }
  console.log(`load average at start: ${loadStart.join(' ')}`);
}
