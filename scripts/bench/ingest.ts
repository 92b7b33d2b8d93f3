/**
 * `npm run bench:ingest` — organisations/second for 100,000 synthetic profiles into each adapter. A benchmark, not
 * a test: it prints a table. What it measures, per store:
 *
 * - **end to end, file → store**: `innomatch ingest --organizations orgs-*.jsonl --collaborations collabs.jsonl`
 *   through the CLI's own code path (files read from disk in chunks, each JSON line decoded and parsed, every row
 *   validated by the zod schemas, references checked, one atomic batch written durably) — wall clock and the
 *   process's CPU time (user + system; on a busy machine wall time waits for a core, CPU time much less so);
 * - **store write alone**: the part of that spent inside `applyBatch` (embedded: plan, serialise, write the
 *   segment, fsync, rename, apply in memory; Neo4j: the UNWIND … MERGE transactions);
 * - **server CPU**: the CPU time of the benchmark's own Neo4j process during the first ingest (from /proc), which
 *   with Node's CPU time bounds the wall time from below on a machine with few cores, whatever the other load;
 * - **re-ingest**: the same files again, which must change nothing (idempotence is checked, not assumed);
 * - **warm**: the store emptied (`clear`) and the same files ingested once more by the same process into the same
 *   server: what a long-running deployment sees. The first ingest pays for compiling the hot code (Node's and,
 *   more, the JVM's: about half of a fresh Neo4j's CPU during the first 100k went to its JIT threads); a server
 *   that has been up a while has that behind it. Both figures are printed; neither replaces the other.
 *
 * It also prints the machine (cores, load average before and after) and the JavaScript heap (used after each
 * ingest, and the largest seen by a 20 ms sampler), since both move the figures.
 *
 *   npm run bench:ingest -- [--n 100000] [--json] [--stores embedded,neo4j] [--threads N]
 *
 * `--threads` sets the import's parse threads (`innomatch ingest --threads`); without it the CLI's default applies.
 * Run through tsx, each thread loads the TypeScript sources on its own (slower to start than the built CLI's).
 *
 * Neo4j: uses NEO4J_URI when set, else starts the project's own Neo4j (scripts/neo4j) on a free port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultImportThreads } from '../../src/app/import/parse-pool.js';
import { runIngest } from '../../src/cli/commands/ingest.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { BatchResult, GraphStore } from '../../src/store/graph-store.js';
import { withBenchNeo4j } from './neo4j-server.js';
import { syntheticNetwork } from './synthetic.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    json: { type: 'boolean', default: false },
    stores: { type: 'string', default: 'embedded,neo4j' },
    threads: { type: 'string' },
  },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1) throw new Error(`bench:ingest: --n must be a positive integer, got ${values.n}`);
const stores = (values.stores ?? '').split(',');
const threads = values.threads === undefined ? defaultImportThreads() : Number(values.threads);
if (!Number.isInteger(threads) || threads < 0) throw new Error(`bench:ingest: --threads must be a non-negative integer, got ${values.threads}`);

// A full collection before each measurement, so one run's garbage is not charged to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The synthetic network written as JSON Lines files; the objects themselves are dropped before measuring. */
const inputDir = mkdtempSync(join(tmpdir(), 'innomatch-bench-ingest-files-'));
const { orgPaths, collabPath, collaborations, mb } = (() => {
  const net = syntheticNetwork(n, 7);
  const paths: string[] = [];
  let bytes = 0;
  for (let i = 0; i * 25_000 < n; i++) {
    const path = join(inputDir, `orgs-${i}.jsonl`);
    const text = `${net.organizations.slice(i * 25_000, (i + 1) * 25_000).map((o) => JSON.stringify(o)).join('\n')}\n`;
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
    paths.push(path);
  }
  const collabPath = join(inputDir, 'collabs.jsonl');
  writeFileSync(collabPath, `${net.collaborations.map((c) => JSON.stringify(c)).join('\n')}\n`);
  return { orgPaths: paths, collabPath, collaborations: net.collaborations.length, mb: Math.round(bytes / 1e6) };
})();

interface Row {
  store: string;
  /** end to end, file → store */
  e2e_s: number;
  e2e_orgs_per_s: number;
  e2e_cpu_s: number;
  /** CPU time of the Neo4j server process during that ingest (its own Neo4j only) */
  server_cpu_s: number | undefined;
  /** store write alone */
  write_s: number;
  write_orgs_per_s: number;
  reingest_s: number;
  /** end to end again after `clear`, same process and server (JIT warm) */
  warm_s: number;
  warm_orgs_per_s: number;
  warm_server_cpu_s: number | undefined;
  heap_after_mb: number;
  heap_peak_mb: number;
}
const rows: Row[] = [];
const silent = { out: () => undefined, err: (t: string) => process.stderr.write(`${t}\n`) };
const mib = (b: number) => Math.round(b / 2 ** 20);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function measure(name: string, open: () => Promise<GraphStore>, serverCpu: () => number | undefined = () => undefined): Promise<void> {
  const store = await open();
  try {
    await store.clear();
    // Time spent inside the store's atomic batch write, apart from reading and validating the files.
    let applyMs = 0;
    let last: BatchResult | undefined;
    const timed = <B>(apply: (batch: B) => Promise<BatchResult>) => async (batch: B) => {
      const s = performance.now();
      try {
        return (last = await apply(batch));
      } finally {
        applyMs += performance.now() - s;
      }
    };
    // the import calls applyEncodedBatch when the store has it (organisations as text), else applyBatch
    if (store.applyEncodedBatch !== undefined) store.applyEncodedBatch = timed(store.applyEncodedBatch.bind(store));
    else store.applyBatch = timed(store.applyBatch.bind(store));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    const ingest = async () => {
      const status = await runIngest(store, { organizations: orgPaths, collaborations: [collabPath], programmes: [], strict: false, json: false, threads }, silent);
      if (status !== 0) throw new Error(`bench:ingest: innomatch ingest exited with ${status}`);
    };
    try {
      gc();
      const cpu0 = process.cpuUsage();
      const server0 = serverCpu();
      const t0 = performance.now();
      await ingest();
      const t1 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const server1 = serverCpu();
      const heapAfter = process.memoryUsage().heapUsed;
      peak = Math.max(peak, heapAfter);
      const firstApplyMs = applyMs;
      if (last?.organizations.created !== n) throw new Error(`bench:ingest: expected ${n} organisations created, got ${JSON.stringify(last)}`);
      gc();
      const t2 = performance.now();
      await ingest();
      const t3 = performance.now();
      if (last.organizations.unchanged !== n || last.collaborations.created !== 0 || last.collaborations.updated !== 0) throw new Error('bench:ingest: re-ingest was not idempotent');
      await store.clear();
      gc();
      const warmServer0 = serverCpu();
      const t4 = performance.now();
      await ingest();
      const t5 = performance.now();
      const warmServer1 = serverCpu();
      if (last.organizations.created !== n) throw new Error(`bench:ingest: expected ${n} organisations created after clear, got ${JSON.stringify(last)}`);
      rows.push({
        store: name,
        e2e_s: round3((t1 - t0) / 1000),
        e2e_orgs_per_s: Math.round(n / ((t1 - t0) / 1000)),
        e2e_cpu_s: round3((cpu.user + cpu.system) / 1e6),
        server_cpu_s: server0 === undefined || server1 === undefined ? undefined : round3(server1 - server0),
        write_s: round3(firstApplyMs / 1000),
        write_orgs_per_s: Math.round(n / (firstApplyMs / 1000)),
        reingest_s: round3((t3 - t2) / 1000),
        warm_s: round3((t5 - t4) / 1000),
        warm_orgs_per_s: Math.round(n / ((t5 - t4) / 1000)),
        warm_server_cpu_s: warmServer0 === undefined || warmServer1 === undefined ? undefined : round3(warmServer1 - warmServer0),
        heap_after_mb: mib(heapAfter),
        heap_peak_mb: mib(peak),
      });
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await store.close();
  }
}

const loadBefore = loadavg();
try {
  if (stores.includes('embedded')) {
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-bench-ingest-'));
    try {
      await measure('embedded', () => EmbeddedStore.open({ dataDir: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (stores.includes('neo4j')) {
    const { createNeo4jStore } = await import('../../src/store/neo4j/index.js');
    await withBenchNeo4j((uri, serverCpu) => measure('neo4j', () => createNeo4jStore({ uri }), serverCpu));
  }
} finally {
  rmSync(inputDir, { recursive: true, force: true });
}
const loadAfter = loadavg();

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model.trim() ?? '?',
  node: process.version,
  import_threads: threads,
  load_before: loadBefore.map((x) => Math.round(x * 100) / 100),
  load_after: loadAfter.map((x) => Math.round(x * 100) / 100),
};
if (values.json) console.log(JSON.stringify({ organizations: n, collaborations, mb, machine, results: rows }, null, 2));
else {
  console.log(`ingest of ${n} synthetic profiles (${mb} MB of JSON Lines in ${orgPaths.length} files) and ${collaborations} collaborations`);
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), node ${machine.node}, import threads ${threads}; load average (1/5/15 min) ${machine.load_before.join(' ')} before, ${machine.load_after.join(' ')} after`);
  console.log('e2e:    end to end, file → store: innomatch ingest reading the files, parsing, validating every row, one durable atomic batch (wall s, orgs/s, CPU s)');
  console.log('server_cpu: CPU s of the benchmark\'s own Neo4j during that ingest (two cores: wall ≥ (e2e_cpu + server_cpu) / 2)');
  console.log('write:  store write alone: the time inside applyBatch during that ingest');
  console.log('reingest: the same files again (nothing changes; checked); warm: emptied, then the same files again in the same process and server (JIT warm)');
  console.log('heap: JS heap used right after the first ingest, and the peak sampled every 20 ms');
  console.table(rows);
}
