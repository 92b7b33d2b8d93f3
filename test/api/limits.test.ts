/**
 * Limits and failure answers that do not depend on the adapter: per-key rate limit, request timeout, an
 * unreachable store and an unexpected error. The store is the real embedded one behind a switch that makes
 * chosen calls hang or fail; the real Neo4j outage is `neo4j-fault.test.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appError } from '../../src/domain/index.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { codeOf, startApi, type TestApi } from './harness.js';
import { seed, type Keys } from './world.js';

type Mode = 'ok' | 'hang' | 'unavailable' | 'bug';

/** The real store, except that while `mode` is not ok, reads of organisations and pings misbehave. */
function switchable(store: GraphStore): { store: GraphStore; set(mode: Mode): void } {
  let mode: Mode = 'ok';
  const affected = new Set<PropertyKey>(['getOrganization', 'listOrganizations', 'ping']);
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !affected.has(prop)) return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        if (mode === 'hang') return new Promise(() => undefined);
        if (mode === 'unavailable') return Promise.reject(appError('STORE_UNAVAILABLE', { detail: 'connection refused' }));
        if (mode === 'bug') return Promise.reject(new TypeError('cannot read properties of undefined (reading "x")'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, set: (m) => void (mode = m) };
}

describe('limits and failures', () => {
  let real: EmbeddedStore;
  let sw: ReturnType<typeof switchable>;
  let api: TestApi;
  let keys: Keys;
  beforeAll(async () => {
    real = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-limits-')) });
    sw = switchable(real);
    api = await startApi(sw.store, { limits: { rateLimit: { windowMs: 60_000, max: 5 }, requestTimeoutMs: 300, readyTimeoutMs: 200, retryAfterSeconds: 7 } });
  });
  afterAll(async () => {
    await api.close();
    await real.close();
  });
  beforeEach(async () => {
    sw.set('ok');
    keys = await seed(real);
  });

  it('When one key exceeds its rate, then it gets 429 with Retry-After while another key is still served', async () => {
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await api.call('GET', '/v1/organizations?limit=1', { key: keys.coordBio }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const limited = answers[5];
    expect(limited?.status).toBe(429);
    expect(limited && codeOf(limited)).toBe('RATE_LIMITED');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api.call('GET', '/v1/organizations?limit=1', { key: keys.coordAi })).status).toBe(200);
  });

  it('When the store hangs, then the request ends with 503 TIMEOUT and Retry-After within the timeout', async () => {
    sw.set('hang');
    const started = performance.now();
    const a = await api.call('GET', '/v1/organizations/kt', { key: keys.admin });
    expect([a.status, codeOf(a)]).toEqual([503, 'TIMEOUT']);
    expect(a.headers.get('retry-after')).toBe('7');
    expect(performance.now() - started).toBeLessThan(2_000);
    const ready = await api.call('GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, store: 'unavailable' });
  });

  it('When the store is unreachable, then 503 STORE_UNAVAILABLE with Retry-After; /readyz is false; then it recovers by itself', async () => {
    sw.set('unavailable');
    const a = await api.call('GET', '/v1/organizations', { key: keys.admin });
    expect([a.status, codeOf(a)]).toEqual([503, 'STORE_UNAVAILABLE']);
    expect(a.headers.get('retry-after')).toBe('7');
    expect((await api.call('GET', '/readyz')).status).toBe(503);
    sw.set('ok');
    expect((await api.call('GET', '/v1/organizations', { key: keys.admin })).status).toBe(200);
    expect((await api.call('GET', '/readyz')).status).toBe(200);
  });

  it('When a handler fails unexpectedly, then 500 INTERNAL with the request id and no stack or message', async () => {
    sw.set('bug');
    const a = await api.call('GET', '/v1/organizations/kt', { key: keys.admin });
    expect([a.status, codeOf(a)]).toEqual([500, 'INTERNAL']);
    expect(a.text).not.toContain('cannot read properties');
    expect((a.body as { instance: string }).instance).toBe(`urn:uuid:${a.headers.get('x-request-id') ?? ''}`);
  });
});
