/**
 * A real outage: the API runs on its own Neo4j (started here with scripts/neo4j, not the run's shared one) under
 * a steady load of writes and reads; the Neo4j process is stopped, then started again on the same port and data.
 * While it is down every answer is a 503 problem with Retry-After, given within the request timeout, and
 * /readyz is false; when it is back the API recovers by itself (same process, same driver); and every write the
 * API acknowledged before, during or after the outage is there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startNeo4j, type RunningNeo4j } from '../../scripts/neo4j/start.mjs';
import { createApiKey } from '../../src/app/api-keys.js';
import { createNeo4jStore, type Neo4jStore } from '../../src/store/neo4j/index.js';
import { neo4jUri } from '../setup/neo4j.js';
import { codeOf, startApi, type Answer, type TestApi } from './harness.js';

const REQUEST_TIMEOUT_MS = 4_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  readonly answer: Answer;
  readonly ms: number;
  readonly id?: string;
}

/** Sends requests back to back until `stop()`, recording every answer and how long it took. */
function load(api: TestApi, key: string, writers: number, readers: number) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const timed = async (f: () => Promise<Answer>, id?: string) => {
    const started = performance.now();
    const answer = await f();
    outcomes.push({ answer, ms: performance.now() - started, ...(id !== undefined ? { id } : {}) });
    if (answer.status === 503) await sleep(100); // a polite client backs off a little
  };
  const writer = async () => {
    while (running) {
      const id = `fault-${n++}`;
      await timed(() => api.call('PUT', `/v1/organizations/${id}`, { key, body: { id, name: { en: id }, type: 'startup', sectors: ['ai'], description: `written as ${id}` } }), id);
    }
  };
  const reader = async () => {
    while (running) await timed(() => api.call('GET', '/v1/organizations?limit=5', { key }));
  };
  const all = Promise.all([...Array.from({ length: writers }, writer), ...Array.from({ length: readers }, reader)]);
  return {
    outcomes,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

describe.skipIf(neo4jUri() === '')('API during a Neo4j outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-fault-neo4j-'));
  let neo4j: RunningNeo4j | undefined;
  let store: Neo4jStore | undefined;
  let api: TestApi | undefined;
  afterAll(async () => {
    await api?.close();
    await store?.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('answers 503 with Retry-After while Neo4j is down, recovers by itself, and loses nothing acknowledged', async () => {
    neo4j = await startNeo4j({ port: 0, dataDir, pageCacheMiB: 32, heapMiB: 512 });
    const port = neo4j.port;
    store = await createNeo4jStore({ uri: neo4j.uri, connectionTimeoutMs: 1_000, maxRetryTimeMs: 1_000 });
    await store.clear();
    // the key is cached for 1 s only, so authentication also meets the outage
    const { key } = await createApiKey(store, { role: 'admin' }, { now: () => new Date() });
    const unexpected: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void unexpected.push(line) });
    api = await startApi(store, { logger, limits: { requestTimeoutMs: REQUEST_TIMEOUT_MS, retryAfterSeconds: 2, authCacheMs: 1_000, rateLimit: { windowMs: 60_000, max: 1e9 } } });
    expect((await api.call('GET', '/readyz')).status).toBe(200);

    const traffic = load(api, key, 3, 2);
    const ok = () => traffic.outcomes.filter((o) => o.answer.status < 300).length;
    for (const started = performance.now(); ok() < 30 && performance.now() - started < 60_000; ) await sleep(200);
    const beforeOutage = ok();
    await neo4j.stop();
    const downAt = traffic.outcomes.length;
    await sleep(6_000);
    const ready = await api.call('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, store: 'unavailable' });
    const duringOutage = traffic.outcomes.slice(downAt);

    neo4j = await startNeo4j({ port, dataDir, pageCacheMiB: 32, heapMiB: 512 });
    let recoveredAfterMs = -1;
    const back = performance.now();
    while (performance.now() - back < 60_000) {
      if ((await api.call('GET', '/readyz')).status === 200) {
        recoveredAfterMs = performance.now() - back;
        break;
      }
      await sleep(250);
    }
    expect(recoveredAfterMs, 'the API did not become ready again within 60 s of Neo4j being back').toBeGreaterThanOrEqual(0);
    const afterRecovery = traffic.outcomes.length;
    for (const started = performance.now(); ok() < beforeOutage + 30 && performance.now() - started < 60_000; ) await sleep(200);
    await traffic.stop();

    const all = traffic.outcomes;
    expect(beforeOutage, 'load served before the outage').toBeGreaterThanOrEqual(30);
    // during the outage: only 2xx (answered before the stop took effect) or 503 problems with Retry-After
    expect(duringOutage.filter((o) => o.answer.status === 503).length).toBeGreaterThan(0);
    for (const o of all) {
      expect([200, 201, 503], `${o.answer.text}\n${unexpected.join('\n').slice(0, 3000)}`).toContain(o.answer.status);
      if (o.answer.status === 503) {
        expect(['STORE_UNAVAILABLE', 'TIMEOUT']).toContain(codeOf(o.answer));
        expect(o.answer.headers.get('retry-after')).toBe('2');
      }
      // the timer fires at the request timeout; the bound leaves room for a loaded machine, not for a hung request
      expect(o.ms, 'no hung request: every answer about within the request timeout').toBeLessThan(REQUEST_TIMEOUT_MS * 2);
    }
    expect(all.slice(afterRecovery).filter((o) => o.answer.status < 300).length, 'served again after recovery').toBeGreaterThan(0);

    // nothing acknowledged was lost
    const acknowledged = all.filter((o) => o.id !== undefined && (o.answer.status === 200 || o.answer.status === 201)).map((o) => o.id as string);
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = new Set((await store.allOrganizations()).map((o) => o.id as string));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    console.log(
      `[fault] ${all.length} requests; ${acknowledged.length} writes acknowledged; ${duringOutage.filter((o) => o.answer.status === 503).length} answered 503 while down; ready again ${Math.round(recoveredAfterMs)} ms after Neo4j was back; slowest answer ${Math.round(Math.max(...all.map((o) => o.ms)))} ms`,
    );
  }, 600_000);
});
