/**
 * The server as `innomatch serve` runs it: a key made with `innomatch keys create` works against it, and a stop
 * lets an in-flight request finish before the store closes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { startServer } from '../../src/server.js';
import { network } from './world.js';
import { cli as runInProcess } from '../fixtures/cli.js';

const cli = (dataDir: string, ...argv: string[]) => runInProcess(dataDir, argv);

const silent = pino({ level: 'silent' });

describe('innomatch keys create + serve', () => {
  it('When keys are created on the command line, then they authenticate against the server with their role', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-serve-'));
    const store = await EmbeddedStore.open({ dataDir });
    await store.applyBatch(network());
    await store.close();

    const admin = await cli(dataDir, 'keys', 'create', '--role', 'admin', '--json');
    expect(admin.code, admin.err).toBe(0);
    const adminKey = JSON.parse(admin.out) as { id: string; key: string };
    expect(Object.keys(adminKey).sort()).toEqual(['id', 'key']);
    const member = await cli(dataDir, 'keys', 'create', '--role', 'member', '--org', 'kt');
    expect(member.out).toMatch(/created member key key_[0-9a-f]+ \(kt\)/);
    const memberKey = /key \(shown once, store it now\): (\S+)/.exec(member.out)?.[1] ?? '';

    expect((await cli(dataDir, 'keys', 'create', '--role', 'coordinator')).err).toMatch(/sectors: a coordinator key needs at least one sector/);
    expect((await cli(dataDir, 'keys', 'create', '--role', 'member', '--org', 'nobody')).err).toMatch(/organization "nobody" does not exist/);
    expect((await cli(dataDir, 'keys', 'create', '--role', 'root')).code).toBe(2);

    const running = await startServer({ config: loadConfig({}, { dataDir }), port: 0, host: '127.0.0.1', logger: silent });
    try {
      const get = (path: string, key: string) => fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      const asAdmin = await get('/v1/organizations/kt', adminKey.key);
      expect(asAdmin.status).toBe(200);
      expect(await asAdmin.text()).toContain('secret-kt@contacts.example');
      const asMember = await get('/v1/organizations/kt', memberKey);
      expect(asMember.status).toBe(200);
      expect(await asMember.text()).not.toContain('secret-kt@contacts.example');
      // any key reads a public profile; the matches stay the member's own organisation's
      expect((await get('/v1/organizations/wizcore', memberKey)).status).toBe(200);
      expect((await get('/v1/organizations/wizcore/matches', memberKey)).status).toBe(403);
    } finally {
      await running.close();
    }
    await expect(running.store.ping()).rejects.toThrow(/closed/); // the server opened the store, so it closed it
  });

  it('When the server stops during a request, then the request finishes and new connections are refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-stop-'));
    const real = await EmbeddedStore.open({ dataDir });
    await real.applyBatch(network());
    const { createApiKey } = await import('../../src/app/api-keys.js');
    const { key } = await createApiKey(real, { role: 'admin' }, { now: () => new Date() });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // the real store, with getOrganization held until the test lets it go
    const slow = new Proxy(real, {
      get(target, prop, receiver) {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (prop === 'getOrganization') return async (...args: Parameters<EmbeddedStore['getOrganization']>) => gate.then(() => target.getOrganization(...args));
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const running = await startServer({ config: loadConfig({}, { dataDir }), port: 0, host: '127.0.0.1', logger: silent, store: slow });
    const inFlight = fetch(`${running.url}/v1/organizations/kt`, { headers: { authorization: `Bearer ${key}` } });
    await new Promise((r) => setTimeout(r, 100));
    let closed = false;
    const closing = running.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    await closing;
    expect(closed).toBe(true);
    await real.close();
  });
});
