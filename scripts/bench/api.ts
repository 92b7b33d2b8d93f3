/**
 * `npm run bench:api` — requests/second and p50/p99 latency of the HTTP API on loopback, with 10,000 synthetic
 * organisations, for each store. The server runs in this process (as `innomatch serve` would); autocannon fires
 * from a worker thread, so on 2 cores each gets one. A benchmark, not a test: it prints a table.
 *
 *   npm run bench:api -- [--n 10000] [--duration 10] [--connections 16] [--stores embedded,neo4j] [--json]
 *
 * Endpoints: `matches` (GET /v1/organizations/:id/matches over 2,000 paths that every connection walks in the same
 * order, so after the first pass they are answered from the answer cache; the goal: ≥ 1,500 req/s, p99 ≤ 50 ms
 * embedded), `matches (new)` (every request an organisation not asked before: each answer ranked and explained,
 * the cost after a write or for a first visit), `matches (repeat)` (100 paths, each asked once before: every answer
 * from the cache, the cost of a repeated visit), and, for scale, `profile` (GET /v1/organizations/:id: auth, store
 * read, allow-list) and `health` (the bare stack).
 * Neo4j: uses NEO4J_URI when set, else starts the project's own Neo4j (scripts/neo4j) on a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApiKey } from '../../src/app/api-keys.js';
import { systemClock } from '../../src/app/clock.js';
import { loadConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { startServer } from '../../src/server.js';
import { withBenchNeo4j } from './neo4j-server.js';
import { rng, syntheticNetwork } from './synthetic.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    stores: { type: 'string', default: 'embedded,neo4j' },
    json: { type: 'boolean', default: false },
  },
});
const n = Number(values.n);
const duration = Number(values.duration);
const connections = Number(values.connections);
for (const [flag, v] of [['--n', n], ['--duration', duration], ['--connections', connections]] as const) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`bench:api: ${flag} must be a positive integer`);
}
const stores = (values.stores ?? '').split(',');
const net = syntheticNetwork(n, 11);

interface Row {
  store: string;
  endpoint: string;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
}
const rows: Row[] = [];

/** 2,000 request paths over random organisations, the same for every run. */
function paths(template: (id: string) => string): { method: 'GET'; path: string }[] {
  const random = rng(5);
  return Array.from({ length: 2_000 }, () => ({ method: 'GET' as const, path: template(`org-${Math.floor(random() * n)}`) }));
}

async function waitReady(url: string): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    // the server may still be starting (or busy building its index in slices): retry until it says ready
    const r = await fetch(`${url}/readyz`).catch(() => undefined);
    const body = (await r?.json()) as { ready: boolean; index: string } | undefined;
    if (r?.ok === true) return body?.index === 'built';
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('bench:api: the server did not become ready in 5 minutes');
}

type Requests = { method: 'GET'; path: string }[] | 'new';

/** `new`: each request built by api-new-query.cjs in autocannon's worker, from the `from`-th organisation on. */
/** Asks each path once, so that the measured run finds every answer already kept. */
async function prime(url: string, key: string, requests: { path: string }[]): Promise<void> {
  for (const { path } of requests) await (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } })).arrayBuffer();
}

async function fire(url: string, key: string, requests: Requests, seconds: number, from = 0) {
  if (requests === 'new') {
    process.env.INNOMATCH_BENCH_N = String(n); // the worker thread starts with a copy of this environment
    process.env.INNOMATCH_BENCH_FROM = String(from);
  }
  const list = requests === 'new' ? [{ method: 'GET' as const, path: '/', setupRequest: NEW_QUERY as never }] : requests;
  return autocannon({ url, connections, duration: seconds, workers: 1, headers: { authorization: `Bearer ${key}` }, requests: list });
}
const NEW_QUERY = fileURLToPath(new URL('./api-new-query.cjs', import.meta.url));

async function measure(name: string, open: () => Promise<GraphStore>): Promise<void> {
  const store = await open();
  await store.clear();
  await store.applyBatch({ organizations: net.organizations, collaborations: net.collaborations });
  const { key } = await createApiKey(store, { role: 'admin' }, systemClock);
  const running = await startServer({
    config: loadConfig(process.env),
    port: 0,
    host: '127.0.0.1',
    store,
    logger: pino({ level: 'silent' }),
    limits: { rateLimit: { windowMs: 60_000, max: 1e9 } },
  });
  try {
    const matching = await waitReady(running.url);
    const endpoints: [string, Requests][] = [
      ...(matching
        ? ([
            ['matches', paths((id) => `/v1/organizations/${id}/matches?limit=10`)],
            ['matches (new)', 'new'],
            ['matches (repeat)', paths((id) => `/v1/organizations/${id}/matches?limit=10`).slice(0, 100)],
          ] as [string, Requests][])
        : []),
      ['profile', paths((id) => `/v1/organizations/${id}`)],
      ['health', [{ method: 'GET', path: '/healthz' }]],
    ];
    if (!matching) console.error(`bench:api: ${name}: no match service in this build; measuring the other endpoints only`);
    for (const [endpoint, requests] of endpoints) {
      if (endpoint === 'matches (repeat)' && requests !== 'new') await prime(running.url, key, requests);
      const warm = await fire(running.url, key, requests, 2); // warm-up: JIT, caches
      // new queries go on after the warm-up's (plus those still in flight when it stopped)
      const from = warm.requests.sent + connections;
      const r = await fire(running.url, key, requests, duration, from);
      if (requests === 'new' && from + r.requests.sent > n) console.error(`bench:api: ${name}: more requests than organisations; some answers were repeats`);
      rows.push({
        store: name,
        endpoint,
        req_per_s: Math.round(r.requests.average),
        p50_ms: r.latency.p50,
        p99_ms: r.latency.p99,
        non_2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      });
    }
  } finally {
    await running.close();
    await store.close();
  }
}

if (stores.includes('embedded')) {
  const dir = mkdtempSync(join(tmpdir(), 'innomatch-bench-api-'));
  await measure('embedded', () => EmbeddedStore.open({ dataDir: dir }));
  rmSync(dir, { recursive: true, force: true });
}
if (stores.includes('neo4j')) {
  const { createNeo4jStore } = await import('../../src/store/neo4j/index.js');
  await withBenchNeo4j((uri) => measure('neo4j', () => createNeo4jStore({ uri })));
}

if (values.json) console.log(JSON.stringify({ n, duration, connections, results: rows }, null, 2));
else {
  console.log(`HTTP API on loopback: ${n} synthetic organisations, ${connections} connections, ${duration} s per endpoint`);
  console.table(rows);
}
