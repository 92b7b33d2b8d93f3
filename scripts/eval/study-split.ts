/**
 * Research harness (not part of the engine), shared by the issue-3 studies: loads a train-internal validation
 * split (written by validation-split.ts; never the benchmark's test file) into dense arrays (n ≈ 1,000) — the
 * engine's own feature rows for every protocol query and candidate, the organisations' type/region/sectors, the
 * train ties and a plain TF-IDF cosine of the profiles — and scores a formula by the protocol's recall@20 and
 * coverage@10 (`runScorer`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CollaborationSchema, OrganizationSchema, type Collaboration } from '../../src/domain/index.js';
import { buildQueries, evaluate, type EvalQuery } from '../../src/match/eval/protocol.js';
import { groupsOf, orderGroups } from '../../src/match/eval/validation.js';
import { analyzeOrganization, type Analyzer } from '../../src/match/analyzer.js';
import { buildMatchEngine, DEFAULT_MODEL, FEATURE_NAMES, type Model } from '../../src/match/index.js';

export const lines = (p: string): unknown[] =>
  readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);

/** Index of a feature in an engine row. */
export const fi = (name: string): number => FEATURE_NAMES.indexOf(name as never);
export const FCOUNT = FEATURE_NAMES.length;
export const sat = (x: number, h: number): number => (x > 0 ? x / (x + h) : 0);

/** Everything one split offers a scoring formula. */
export interface StudySplit {
  readonly name: string;
  readonly n: number;
  /** Organisation ids by slot (sorted). */
  readonly ids: readonly string[];
  /** English (else first) names by slot. */
  readonly names: readonly string[];
  readonly types: readonly string[];
  readonly regions: readonly string[];
  readonly sectors: readonly (readonly string[])[];
  readonly queries: readonly EvalQuery[];
  readonly qslot: Int32Array;
  /** Engine feature rows per query: rowsAB[q][cand·F + f] = f(A→B), rowsBA likewise f(B→A). */
  readonly rowsAB: Float64Array[];
  readonly rowsBA: Float64Array[];
  /** Projects (evidence groups): member slots and age ∈ [0, 1) (0 newest). */
  readonly groups: { members: number[]; age: number }[];
  /** Train collaborations as (slot, slot, evidence string). */
  readonly pairs: [number, number, string][];
  /**
   * Members per evidence string (the engine's tie groups, `graph.ts`: a pair that shared several projects lists
   * them all, and that whole string is its group) and the age of its newest project.
   */
  readonly stringSize: Map<string, { size: number; age: number }>;
  /** Members per project. */
  readonly projectSize: Map<string, number>;
  /** Profile TF-IDF cosine of every pair, dense (log tf, ln(N/df) idf, L2-normalised). */
  readonly cosine: Float64Array;
}

export function loadStudySplit(dir: string, analyzer: Analyzer, model: Model = DEFAULT_MODEL): StudySplit {
  const orgs = lines(join(dir, 'organizations.jsonl')).map((o) => OrganizationSchema.parse(o));
  const train: Collaboration[] = lines(join(dir, 'collaborations.train.jsonl')).map((c) => CollaborationSchema.parse(c));
  const test = lines(join(dir, 'collaborations.test.jsonl')).map((c) => CollaborationSchema.parse(c));
  const ids = orgs.map((o) => o.id as string).sort();
  const slot = new Map(ids.map((id, i) => [id, i]));
  const bySlot = ids.map((id) => orgs.find((o) => o.id === id)!);
  const queries = buildQueries(ids, train, test);
  const engine = buildMatchEngine({ organizations: orgs, collaborations: train }, { analyzer, model });
  const rowsAB: Float64Array[] = [];
  const rowsBA: Float64Array[] = [];
  for (const q of queries) {
    const feats = engine.featuresMany(q.id as never, ids as never);
    const ab = new Float64Array(ids.length * FCOUNT);
    const ba = new Float64Array(ids.length * FCOUNT);
    feats.forEach((f, c) => {
      ab.set(f.rowAB, c * FCOUNT);
      ba.set(f.rowBA, c * FCOUNT);
    });
    rowsAB.push(ab);
    rowsBA.push(ba);
  }
  const ordered = orderGroups(train);
  const pos = new Map(ordered.map((g, i) => [g, i]));
  const G = ordered.length;
  const age = (g: string) => (G - 1 - pos.get(g)!) / G;
  const members = new Map<string, Set<number>>();
  const stringMembers = new Map<string, Set<number>>();
  const stringAge = new Map<string, number>();
  const pairs: [number, number, string][] = [];
  for (const c of train) {
    const a = slot.get(c.a);
    const b = slot.get(c.b);
    if (a === undefined || b === undefined) continue;
    for (const g of groupsOf(c)) {
      let m = members.get(g);
      if (m === undefined) members.set(g, (m = new Set()));
      m.add(a).add(b);
    }
    const key = c.evidence ?? `${c.a}|${c.b}`;
    let s = stringMembers.get(key);
    if (s === undefined) stringMembers.set(key, (s = new Set()));
    s.add(a).add(b);
    if (!stringAge.has(key)) stringAge.set(key, Math.min(...groupsOf(c).map(age)));
    pairs.push([a, b, key]);
  }
  const n = ids.length;
  const termLists = bySlot.map((o) => analyzeOrganization(o, analyzer).profile);
  const df = new Map<string, number>();
  for (const ts of termLists) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = new Map([...df.keys()].map((t, i) => [t, i]));
  const idfOf = new Map([...df].map(([t, d]) => [vocab.get(t)!, Math.log(n / d)]));
  const vecs = termLists.map((ts) => {
    const tf = new Map<number, number>();
    for (const t of ts) tf.set(vocab.get(t)!, (tf.get(vocab.get(t)!) ?? 0) + 1);
    const v = [...tf].map(([k, f]) => [k, (1 + Math.log(f)) * idfOf.get(k)!] as [number, number]);
    const norm = Math.sqrt(v.reduce((t, [, w]) => t + w * w, 0)) || 1;
    return v.map(([k, w]) => [k, w / norm] as [number, number]);
  });
  const cosine = new Float64Array(n * n);
  const dense = new Float64Array(vocab.size);
  for (let x = 0; x < n; x++) {
    for (const [k, w] of vecs[x]!) dense[k] = w;
    for (let y = 0; y < n; y++) {
      let t = 0;
      for (const [k, w] of vecs[y]!) t += w * dense[k]!;
      cosine[x * n + y] = t;
    }
    for (const [k] of vecs[x]!) dense[k] = 0;
  }
  return {
    name: dir,
    n,
    ids,
    names: bySlot.map((o) => o.name.en ?? Object.values(o.name)[0] ?? ''),
    types: bySlot.map((o) => o.type),
    regions: bySlot.map((o) => o.region ?? ''),
    sectors: bySlot.map((o) => o.sectors),
    queries,
    qslot: Int32Array.from(queries, (q) => slot.get(q.id)!),
    rowsAB,
    rowsBA,
    groups: [...members].map(([g, m]) => ({ members: [...m], age: age(g) })),
    pairs,
    stringSize: new Map([...stringMembers].map(([k, m]) => [k, { size: m.size, age: stringAge.get(k)! }])),
    projectSize: new Map([...members].map(([g, m]) => [g, m.size])),
    cosine,
  };
}

/** A scorer fills score[c] for every slot c of query qi (the protocol drops the query and its partners). */
export type StudyScorer = (s: StudySplit, qi: number, score: Float64Array) => void;

export interface StudyFigures {
  readonly recall: number;
  readonly coverage: number;
  readonly mrr: number;
}

/** Ranks every query's candidates by `scorer` (ties by slot) and reports the protocol's figures. */
export function runScorer(s: StudySplit, scorer: StudyScorer): StudyFigures {
  const scores = new Float64Array(s.n);
  const byQuery = new Map<string, string[]>();
  s.queries.forEach((q, qi) => {
    scorer(s, qi, scores);
    const a = s.qslot[qi]!;
    const cands: number[] = [];
    for (let c = 0; c < s.n; c++) if (c !== a && !q.exclude.has(s.ids[c]!)) cands.push(c);
    cands.sort((x, y) => scores[y]! - scores[x]! || x - y);
    byQuery.set(
      q.id,
      cands.slice(0, 100).map((c) => s.ids[c]!),
    );
  });
  const r = evaluate((id) => byQuery.get(id)!, s.queries, s.ids);
  return { recall: r['recall@20'], coverage: r['coverage@10'], mrr: r.mrr };
}

/**
 * Dense symmetric tie weights as the engine builds them (`graph.ts`): each collaboration adds 1/(n_e − 1)^σ with
 * n_e the size of its evidence string's group.
 */
export function engineTies(s: StudySplit, sigma = 1.5): Float64Array {
  const n = s.n;
  const W = new Float64Array(n * n);
  for (const [a, b, key] of s.pairs) {
    const w = 1 / Math.pow(Math.max(1, s.stringSize.get(key)!.size - 1), sigma);
    W[a * n + b]! += w;
    W[b * n + a]! += w;
  }
  return W;
}

/** Recall@20 of each query under `scorer` (same ranking as `runScorer`), for paired comparisons. */
export function queryRecalls(s: StudySplit, scorer: StudyScorer): Float64Array {
  const scores = new Float64Array(s.n);
  return Float64Array.from(s.queries, (q, qi) => {
    scorer(s, qi, scores);
    const a = s.qslot[qi]!;
    const cands: number[] = [];
    for (let c = 0; c < s.n; c++) if (c !== a && !q.exclude.has(s.ids[c]!)) cands.push(c);
    cands.sort((x, y) => scores[y]! - scores[x]! || x - y);
    let hits = 0;
    for (const c of cands.slice(0, 20)) if (q.relevant.has(s.ids[c]!)) hits++;
    return hits / q.relevant.size;
  });
}
