/**
 * How the web page works out who a key is (`identify` in src/web/src/api/session.ts, through `GET /v1/me`), against
 * the real API.
 *
 * The page's modules are compiled for the browser (bundler resolution, DOM types), not by the root tsconfig, so
 * they are loaded here at run time through a path tsc does not follow, and typed by the slice the test uses.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MatchService } from '../../src/app/match-service.js';
import { createMatchService } from '../../src/root.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { startApi, type TestApi } from '../api/harness.js';
import { seed, type Keys } from '../api/world.js';

interface WebApi {
  get<T>(path: string): Promise<T>;
}
type Identity = { role: 'member'; orgId: string } | { role: 'coordinator' | 'admin'; sectors: readonly string[] };
interface ClientModule {
  createApi(key: string): WebApi;
}
interface SessionModule {
  loadDirectory(api: WebApi): Promise<Map<string, { sectors: readonly string[] }>>;
  identify(api: WebApi, directory: ReadonlyMap<string, { sectors: readonly string[] }>): Promise<Identity>;
}

const webModule = async <T>(path: string): Promise<T> => (await import(/* @vite-ignore */ fileURLToPath(new URL(`../../src/web/src/${path}`, import.meta.url)))) as T;

describe('the web page works out who a key is', () => {
  let store: EmbeddedStore;
  let matchService: MatchService;
  let api: TestApi;
  let keys: Keys;
  let client: ClientModule;
  let session: SessionModule;

  beforeAll(async () => {
    store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-web-identify-')) });
    keys = await seed(store);
    matchService = await createMatchService(store, mkdtempSync(join(tmpdir(), 'innomatch-web-model-')));
    api = await startApi(store, { matchService });
    // the page asks same-origin paths (`/v1/…`); here they go to the test server
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(input.startsWith('/') ? `${api.url}${input}` : input, init));
    [client, session] = await Promise.all([webModule<ClientModule>('api/client.ts'), webModule<SessionModule>('api/session.ts')]);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await api.close();
    await store.close();
  });

  const identityOf = async (key: string): Promise<Identity> => {
    const web = client.createApi(key);
    return session.identify(web, await session.loadDirectory(web));
  };

  it('When a member key signs in, then it is known as the member of its organisation (though it may read every profile)', async () => {
    expect((await api.call('GET', '/v1/organizations/wizcore', { key: keys.memberKt })).status).toBe(200);
    expect(await identityOf(keys.memberKt)).toEqual({ role: 'member', orgId: 'kt' });
    expect(await identityOf(keys.memberWiz)).toEqual({ role: 'member', orgId: 'wizcore' });
  });

  it('When a coordinator key signs in, then it is a coordinator of exactly its sectors', async () => {
    expect(await identityOf(keys.coordAi)).toEqual({ role: 'coordinator', sectors: ['ai'] });
    expect(await identityOf(keys.coordBio)).toEqual({ role: 'coordinator', sectors: ['bio_health'] });
  });

  it('When an admin key signs in, then it is an admin', async () => {
    expect((await identityOf(keys.admin)).role).toBe('admin');
  });
});
