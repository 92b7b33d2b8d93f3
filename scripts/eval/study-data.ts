/**
 * Research harness (not part of the engine), used to choose `DEFAULT_MODEL`: for a validation split directory
 * (written by validation-split.ts), builds the engine on its train file and writes, for every protocol query,
 * every candidate's one-sided feature rows (f(A→B), f(B→A)) plus signals the engine does not have (BM25 both
 * ways and the query's BM25 self-score, a BM25-weighted cosine, partners/projects/recent projects/length per
 * organisation) to one JSON file, so that many scoring formulas can be compared offline in seconds (recall@20
 * and coverage@10 recomputed from the rows). It never reads the benchmark's test file.
 *
 *   npx tsx scripts/eval/study-data.ts <dir> <out.json> [--split-evidence]
 *
 * --split-evidence: one collaboration row per evidence item (per-project tie weights instead of one group per
 * evidence string).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CollaborationSchema, OrganizationSchema, type Collaboration } from '../../src/domain/index.js';
import { buildQueries } from '../../src/match/eval/protocol.js';
import { groupsOf, orderGroups } from '../../src/match/eval/validation.js';
import { analyzeOrganization } from '../../src/match/analyzer.js';
import { buildMatchEngine, FEATURE_NAMES } from '../../src/match/index.js';
import { loadAnalyzer } from '../../src/root.js';

const [dir, out] = process.argv.slice(2);
const split = process.argv.includes('--split-evidence');
const lines = (p: string) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
const orgs = lines(join(dir!, 'organizations.jsonl')).map((o) => OrganizationSchema.parse(o));
let train: Collaboration[] = lines(join(dir!, 'collaborations.train.jsonl')).map((c) => CollaborationSchema.parse(c));
const test = lines(join(dir!, 'collaborations.test.jsonl')).map((c) => CollaborationSchema.parse(c));
const catalogue = orgs.map((o) => o.id as string).sort();
const queries = buildQueries(catalogue, train, test);
if (split) train = train.flatMap((c) => groupsOf(c).map((g) => ({ ...c, evidence: g })));
const analyzer = await loadAnalyzer();
const engine = buildMatchEngine({ organizations: orgs, collaborations: train }, { analyzer });

// project membership per org (for activity / size signals)
const members = new Map<string, Set<string>>();
for (const c of train) for (const g of groupsOf(c)) {
  let m = members.get(g);
  if (m === undefined) members.set(g, (m = new Set()));
  m.add(c.a).add(c.b);
}
const projects = new Map<string, string[]>();
for (const [g, m] of members) for (const id of m) projects.set(id, [...(projects.get(id) ?? []), g]);
const partners = new Map<string, Set<string>>();
for (const c of train) {
  if (!partners.has(c.a)) partners.set(c.a, new Set());
  if (!partners.has(c.b)) partners.set(c.b, new Set());
  partners.get(c.a)!.add(c.b);
  partners.get(c.b)!.add(c.a);
}

// BM25 over profile terms
const terms = new Map(orgs.map((o) => [o.id as string, analyzeOrganization(o, analyzer).profile]));
const tf = new Map<string, Map<string, number>>();
const df = new Map<string, number>();
let totalLen = 0;
for (const [id, ts] of terms) {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  tf.set(id, m);
  totalLen += ts.length;
  for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
}
const N = orgs.length;
const avgLen = totalLen / N;
const idf = (t: string) => Math.log(1 + (N - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
const bm25 = (q: string, d: string, k1 = 1.2, b = 0.75) => {
  const qm = tf.get(q)!;
  const dm = tf.get(d)!;
  const len = terms.get(d)!.length;
  let s = 0;
  for (const t of qm.keys()) {
    const f = dm.get(t);
    if (f === undefined) continue;
    s += idf(t) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * len) / avgLen)));
  }
  return s;
};

// BM25-weighted cosine of profiles: w = idf·tf(k1+1)/(tf + k1(1−b+b·len/avg)), L2-normalised
const bmVec = new Map<string, Map<string, number>>();
for (const [id, m] of tf) {
  const len = terms.get(id)!.length;
  const v = new Map<string, number>();
  let norm = 0;
  for (const [t, f] of m) {
    const w = (Math.log((N + 1) / (df.get(t)! + 1)) + 1) * ((f * 2.2) / (f + 1.2 * (0.25 + (0.75 * len) / avgLen)));
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  for (const [t, w] of v) v.set(t, w / norm);
  bmVec.set(id, v);
}
const cosBM = (x: string, y: string) => {
  const vx = bmVec.get(x)!;
  const vy = bmVec.get(y)!;
  let s = 0;
  for (const [t, w] of vx) {
    const u = vy.get(t);
    if (u !== undefined) s += w * u;
  }
  return s;
};
const ordered = orderGroups(train);
const recent = new Set(ordered.slice(Math.floor(ordered.length * 0.7)));
const rows = queries.map((q) => {
  const cands = catalogue.filter((c) => c !== q.id && !q.exclude.has(c));
  const feats = engine.featuresMany(q.id as never, cands as never);
  return {
    id: q.id,
    relevant: [...q.relevant],
    cands,
    ab: feats.map((f) => f.rowAB.map((x) => Math.round(x * 1e6) / 1e6)),
    ba: feats.map((f) => f.rowBA.map((x) => Math.round(x * 1e6) / 1e6)),
    bmAB: cands.map((c) => Math.round(bm25(q.id, c) * 1e4) / 1e4),
    bmBA: cands.map((c) => Math.round(bm25(c, q.id) * 1e4) / 1e4),
    bmSelf: bm25(q.id, q.id),
    cosBM: cands.map((c) => Math.round(cosBM(q.id, c) * 1e6) / 1e6),
  };
});
const info = Object.fromEntries(
  catalogue.map((id) => [id, { partners: partners.get(id)?.size ?? 0, projects: projects.get(id)?.length ?? 0, recent: (projects.get(id) ?? []).filter((g) => recent.has(g)).length, len: terms.get(id)!.length, bmSelf: bm25(id, id) }]),
);
writeFileSync(out!, JSON.stringify({ features: FEATURE_NAMES, catalogue, info, rows }));
console.log(`${queries.length} queries, ${catalogue.length} organisations → ${out}`);
