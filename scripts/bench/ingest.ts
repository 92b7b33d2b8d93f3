/**
 * `npm run bench:ingest` — organisations/second for 100,000 synthetic profiles through the real ingest path
 * (file bytes → parse → validate → one atomic batch) into each adapter. A benchmark, not a test: it prints a table.
 *
 *   npm run bench:ingest -- [--n 100000] [--json] [--stores embedded,neo4j]
 *
 * Neo4j: uses NEO4J_URI when set, else starts the project's own Neo4j (scripts/neo4j) on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFiles } from '../../src/app/import/import-files.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { syntheticNetwork } from './synthetic.js';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false }, stores: { type: 'string', default: 'embedded,neo4j' } },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1) throw new Error(`bench:ingest: --n must be a positive integer, got ${values.n}`);
const stores = (values.stores ?? '').split(',');

const net = syntheticNetwork(n, 7);
const enc = new TextEncoder();
/** Profiles split into files of 25,000 (one file must stay under the reader's size limit). */
const orgFiles = Array.from({ length: Math.ceil(n / 25_000) }, (_, i) => ({
  kind: 'organizations' as const,
  name: `orgs-${i}.jsonl`,
  bytes: enc.encode(net.organizations.slice(i * 25_000, (i + 1) * 25_000).map((o) => JSON.stringify(o)).join('\n')),
}));
const orgMb = orgFiles.reduce((t, f) => t + f.bytes.length, 0) / 1e6;
const collabBytes = enc.encode(net.collaborations.map((c) => JSON.stringify(c)).join('\n'));

interface Row {
  store: string;
  organizations: number;
  collaborations: number;
  mb: number;
  ingest_s: number;
  orgs_per_s: number;
  store_write_s: number;
  store_orgs_per_s: number;
  reingest_s: number;
}
const rows: Row[] = [];

async function measure(name: string, open: () => Promise<GraphStore>): Promise<void> {
  const store = await open();
  try {
    await store.clear();
    const files = [...orgFiles, { kind: 'collaborations' as const, name: 'collabs.jsonl', bytes: collabBytes }];
    // Time spent inside the store's atomic batch write, apart from reading and validating the files.
    let applyMs = 0;
    const apply = store.applyBatch.bind(store);
    store.applyBatch = async (batch) => {
      const s = performance.now();
      try {
        return await apply(batch);
      } finally {
        applyMs += performance.now() - s;
      }
    };
    const t0 = performance.now();
    const report = await importFiles(store, files);
    const firstApplyMs = applyMs;
    const t1 = performance.now();
    if (report.rejected.length > 0) throw new Error(`bench:ingest: ${report.rejected.length} rows rejected, e.g. ${JSON.stringify(report.rejected[0])}`);
    const again = await importFiles(store, files);
    const t2 = performance.now();
    if (again.applied?.organizations.unchanged !== n) throw new Error('bench:ingest: re-ingest was not idempotent');
    rows.push({
      store: name,
      organizations: n,
      collaborations: net.collaborations.length,
      mb: Math.round(orgMb),
      ingest_s: Math.round(t1 - t0) / 1000,
      orgs_per_s: Math.round(n / ((t1 - t0) / 1000)),
      store_write_s: Math.round(firstApplyMs) / 1000,
      store_orgs_per_s: Math.round(n / (firstApplyMs / 1000)),
      reingest_s: Math.round(t2 - t1) / 1000,
    });
  } finally {
    await store.close();
  }
}

if (stores.includes('embedded')) {
  const dir = mkdtempSync(join(tmpdir(), 'innomatch-bench-ingest-'));
  await measure('embedded', () => EmbeddedStore.open({ dataDir: dir }));
  rmSync(dir, { recursive: true, force: true });
}
if (stores.includes('neo4j')) {
  const { createNeo4jStore } = await import('../../src/store/neo4j/index.js');
  let uri = process.env.NEO4J_URI;
  let stop: (() => Promise<void>) | undefined;
  if (uri === undefined || uri === '') {
    const { startNeo4j } = await import('../neo4j/start.mjs');
    const server = await startNeo4j({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'innomatch-bench-neo4j-')) });
    uri = server.uri;
    stop = server.stop;
  }
  try {
    await measure('neo4j', () => createNeo4jStore({ uri: uri as string }));
  } finally {
    await stop?.();
  }
}

if (values.json) console.log(JSON.stringify({ results: rows }, null, 2));
else {
  console.log(`ingest of ${n} synthetic profiles (${rows[0]?.mb ?? '?'} MB JSONL) and ${net.collaborations.length} collaborations`);
  console.table(rows);
}
