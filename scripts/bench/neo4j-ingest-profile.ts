/**
 * `npx tsx scripts/bench/neo4j-ingest-profile.ts` — where the Neo4j store's batch write spends its time. Not the
 * benchmark (that is `npm run bench:ingest`); a tool to find out what to fix. It writes `--n` synthetic profiles and
 * their collaborations through `applyBatch`'s own code (no files, no validation) and prints, per statement kind:
 * calls, rows, wall time from send to last record, and the Neo4j process's CPU time charged to it (from /proc); then
 * the commit; then the same for the re-ingest; then each write statement's plan (PROFILE on a few rows, rolled back).
 *
 *   npx tsx scripts/bench/neo4j-ingest-profile.ts [--n 100000] [--heap-mib M] [--page-cache-mib M] [--plans]
 *     [--warm-up N] [--no-reingest] [--jvm="<flags>"]   (env INNOMATCH_NEO4J_SETTINGS="key=value …" sets neo4j.conf)
 *
 * Organisations go in as their JSON text, as `innomatch ingest` sends them (`--objects`: as objects instead).
 * It starts its own Neo4j (scripts/neo4j) with a GC log in its data directory, whose summary it prints too, and the
 * server's CPU per thread kind (its JIT compilers and GC apart from the Bolt threads that do the work).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type ManagedTransaction, type Result } from 'neo4j-driver';
import { applyBatchInTx } from '../../src/store/neo4j/apply-batch.js';
import * as Q from '../../src/store/neo4j/cypher.js';
import { createNeo4jStore } from '../../src/store/neo4j/index.js';
import { collabRow, orgToProps } from '../../src/store/neo4j/mapping.js';
import { asOrgId } from '../../src/domain/index.js';
import type { EncodedBatch } from '../../src/store/graph-store.js';
import { syntheticNetwork } from './synthetic.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    'heap-mib': { type: 'string' },
    'page-cache-mib': { type: 'string' },
    plans: { type: 'boolean', default: false },
    /** Adds back the uniqueness constraint on COLLABORATED.key (dropped since), to compare. */
    'key-constraint': { type: 'boolean', default: false },
    'no-reingest': { type: 'boolean', default: false },
    /** Ingests this many other synthetic profiles first and deletes them, so the server's JIT has compiled the paths. */
    'warm-up': { type: 'string', default: '0' },
    objects: { type: 'boolean', default: false },
    /** More JVM flags for the server, space-separated (e.g. a flight recording). */
    jvm: { type: 'string', default: '' },
  },
});
const n = Number(values.n);
const names = new Map<string, string>(Object.entries(Q).filter(([, v]) => typeof v === 'string').map(([k, v]) => [v as string, k]));

/** utime + stime of a process, in seconds. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds of the server's threads, summed by kind (the thread name as Linux keeps it, cut to 15 characters,
 * without its trailing number: "C2 CompilerThre", "GC Thread", "neo4j.BoltWorke", …), from /proc/<pid>/task. Shows
 * how much of the server's CPU is its own JIT compiler and garbage collector rather than the work asked of it.
 */
function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[-#]?\d*$/, '').trim();
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}

function printThreadCpu(before: Map<string, number>, after: Map<string, number>): void {
  const rows = [...after]
    .map(([kind, s]) => ({ kind, 'cpu s': +(s - (before.get(kind) ?? 0)).toFixed(2) }))
    .filter((r) => r['cpu s'] >= 0.1)
    .sort((a, b) => b['cpu s'] - a['cpu s']);
  console.log('server CPU by thread kind:');
  console.table(rows);
}

interface Stat {
  calls: number;
  rows: number;
  wallMs: number;
  serverMs: number;
  jvmCpu: number;
  first: number;
  last: number;
}

function timed(tx: ManagedTransaction, pid: number, stats: Map<string, Stat>): ManagedTransaction {
  let lastCpu = cpuOf(pid);
  const run = (query: string, params: Record<string, unknown>) => {
    const kind = names.get(query) ?? query.trim().split('\n')[0] ?? '?';
    const s = stats.get(kind) ?? { calls: 0, rows: 0, wallMs: 0, serverMs: 0, jvmCpu: 0, first: Infinity, last: 0 };
    stats.set(kind, s);
    const rows = Object.values(params).find(Array.isArray)?.length ?? 1;
    const t0 = performance.now();
    const result = tx.run(query, params) as Result;
    return result.then((r) => {
      const t1 = performance.now();
      const cpu = cpuOf(pid);
      s.calls++;
      s.rows += rows;
      s.wallMs += t1 - t0;
      s.serverMs += Number(r.summary.resultAvailableAfter) + Number(r.summary.resultConsumedAfter);
      s.jvmCpu += cpu - lastCpu;
      lastCpu = cpu;
      s.first = Math.min(s.first, t0);
      s.last = Math.max(s.last, t1);
      return r;
    });
  };
  return { run } as unknown as ManagedTransaction;
}

function print(title: string, stats: Map<string, Stat>, t0: number): void {
  console.log(`\n${title}`);
  console.table(
    [...stats].map(([kind, s]) => ({
      kind,
      calls: s.calls,
      rows: s.rows,
      'span s': +((s.last - s.first) / 1000).toFixed(2),
      'from start s': +((s.first - t0) / 1000).toFixed(2),
      'sum wall s': +(s.wallMs / 1000).toFixed(2),
      'server s': +(s.serverMs / 1000).toFixed(2),
      'jvm cpu s': +s.jvmCpu.toFixed(2),
    })),
  );
}

const { startNeo4j } = await import('../neo4j/start.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-neo4j-profile-'));
const gcLog = join(dataDir, 'gc.log');
const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const server = await startNeo4j({
  port: 0,
  dataDir: join(dataDir, 'db'),
  heapMiB: int(values['heap-mib']),
  pageCacheMiB: int(values['page-cache-mib']),
  jvmArgs: [`-Xlog:gc:file=${gcLog}`, ...(values.jvm ?? '').split(' ').filter((a) => a !== '')],
});
console.log(`neo4j pid ${server.pid} at ${server.uri}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
try {
  const store = await createNeo4jStore({ uri: server.uri });
  await store.close();
  const net = syntheticNetwork(n, 7);
  const encoder = new TextEncoder();
  const organizations = values.objects ? net.organizations : net.organizations.map((o) => ({ id: o.id, text: encoder.encode(JSON.stringify(o)) }));
  const batch = { organizations, collaborations: net.collaborations, programmes: [] };
  const driver = neo4j.driver(server.uri, undefined, { disableLosslessIntegers: true });
  if (values['key-constraint']) {
    await driver.executeQuery('CREATE CONSTRAINT collaboration_key IF NOT EXISTS FOR ()-[r:COLLABORATED]-() REQUIRE r.key IS UNIQUE');
  }
  const pid = server.pid as number;
  const once = async (title: string) => {
    const stats = new Map<string, Stat>();
    const session = driver.session();
    const cpu0 = cpuOf(pid);
    const threads0 = threadCpu(pid);
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    let tWork = 0;
    let cpuWork = 0;
    try {
      const r = await session.executeWrite(async (tx) => {
        const out = await applyBatchInTx(timed(tx, pid, stats), batch);
        tWork = performance.now();
        cpuWork = cpuOf(pid);
        return out;
      });
      const t1 = performance.now();
      const node = process.cpuUsage(node0);
      print(title, stats, t0);
      printThreadCpu(threads0, threadCpu(pid));
      console.log(
        `total ${((t1 - t0) / 1000).toFixed(2)} s (statements ${((tWork - t0) / 1000).toFixed(2)} s, commit ${((t1 - tWork) / 1000).toFixed(2)} s); ` +
          `jvm cpu ${(cpuOf(pid) - cpu0).toFixed(2)} s (commit ${(cpuOf(pid) - cpuWork).toFixed(2)} s); node cpu ${((node.user + node.system) / 1e6).toFixed(2)} s; ` +
          `load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${JSON.stringify(r)}`,
      );
    } finally {
      await session.close();
    }
  };
  const warmUp = Number(values['warm-up']);
  if (warmUp > 0) {
    const w = syntheticNetwork(warmUp, 11);
    const rename = (id: string) => asOrgId(`warm-${id}`);
    const warmBatch: EncodedBatch = {
      organizations: w.organizations.map((o) => ({ id: rename(o.id), text: encoder.encode(JSON.stringify({ ...o, id: rename(o.id) })) })),
      collaborations: w.collaborations.map((c) => ({ ...c, a: rename(c.a), b: rename(c.b) })),
      programmes: [],
    };
    const warmStore = await createNeo4jStore({ uri: server.uri });
    const c0 = cpuOf(pid);
    await warmStore.applyEncodedBatch(warmBatch);
    await warmStore.clear();
    await warmStore.close();
    console.log(`warm-up: ${warmUp} profiles ingested and deleted, ${(cpuOf(pid) - c0).toFixed(2)} s of server CPU`);
  }
  await once('first ingest');
  if (!values['no-reingest']) await once('re-ingest');

  const gc = readFileSync(gcLog, 'utf8').split('\n').filter((l) => /Pause/.test(l));
  const pauses = gc.map((l) => Number(/([\d.]+)ms$/.exec(l)?.[1] ?? 0));
  console.log(`\nGC: ${pauses.length} pauses, ${(pauses.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s in total; last lines:`);
  for (const l of gc.slice(-5)) console.log(`  ${l}`);

  if (values.plans) {
    const orgs = net.organizations.slice(0, 50).map((o) => ({ ...orgToProps(o), id: `${o.id}-x` }));
    const ids = (await driver.executeQuery('MATCH (o:Organization) RETURN o.id AS id, elementId(o) AS eid LIMIT 1000')).records;
    const eid = new Map(ids.map((r) => [r.get('id') as string, r.get('eid') as string]));
    const collabs = net.collaborations
      .filter((c) => eid.has(c.a) && eid.has(c.b))
      .slice(0, 50)
      .map((c) => collabRow(c, eid.get(c.a) as string, eid.get(c.b) as string));
    const plans: [string, string, Record<string, unknown>][] = [
      ['ORG_FINGERPRINTS', Q.ORG_FINGERPRINTS, { ids: orgs.map((o) => o.id) }],
      ['ORG_CREATE', Q.ORG_CREATE, { rows: orgs.map((o) => ({ ...o, id: `${o.id as string}-c` })) }],
      ['ORG_UPSERT', Q.ORG_UPSERT, { rows: orgs }],
      ['COLLAB_KEYS_FROM', Q.COLLAB_KEYS_FROM, { ids: [...new Set(collabs.flatMap((c) => [c.a, c.b]))] }],
      ['COLLAB_MERGE', Q.COLLAB_MERGE, { rows: collabs }],
      ['COLLAB_CREATE', Q.COLLAB_CREATE, { rows: collabs }],
    ];
    const session = driver.session();
    const tx = session.beginTransaction();
    try {
      for (const [name, query, params] of plans) {
        const r = await tx.run(`PROFILE ${query}`, params);
        console.log(`\n${name}:\n${describe(r.summary.profile as unknown as Plan, '  ')}`);
      }
    } finally {
      await tx.rollback();
      await session.close();
    }
  }
  await driver.close();
  console.log(`\nstore files: ${execFileSync('du', ['-sh', '--', ...['neostore.nodestore.db', 'neostore.propertystore.db.strings', 'neostore.propertystore.db.arrays', 'neostore.relationshipstore.db'].map((f) => join(dataDir, 'db', 'data', 'databases', 'neo4j', f)), join(dataDir, 'db', 'data', 'transactions')], { encoding: 'utf8' }).replace(/\n/g, '; ')}`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

interface Plan {
  operatorType: string;
  identifiers: string[];
  arguments: Record<string, unknown>;
  dbHits: number;
  rows: number;
  children: Plan[];
}

function describe(p: Plan, indent: string): string {
  const details = typeof p.arguments.Details === 'string' ? ` ${p.arguments.Details}` : '';
  const line = `${indent}${p.operatorType}${details} (rows ${p.rows}, db hits ${p.dbHits})`;
  return [line, ...p.children.map((c) => describe(c, `${indent}  `))].join('\n');
}
