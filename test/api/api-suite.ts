/**
 * The API behaviour every store must show, written once and run by `embedded-api.test.ts` and
 * `neo4j-api.test.ts`. Each part lives in its own file under `suite/`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { MatchService } from '../../src/app/match-service.js';
import { createMatchService } from '../../src/root.js';
import type { GraphStore } from '../../src/store/graph-store.js';
import { startApi, type TestApi } from './harness.js';
import { authSuite } from './suite/auth.js';
import { errorsSuite } from './suite/errors.js';
import { importsSuite } from './suite/imports.js';
import { introductionsSuite } from './suite/introductions.js';
import { matchingSuite } from './suite/matching.js';
import { organizationsSuite } from './suite/organizations.js';
import { probesSuite } from './suite/probes.js';
import { unsubscribeSuite, UNSUBSCRIBE_SECRET } from './suite/unsubscribe.js';
import { CONTACT_SECRETS, seed, type Keys } from './world.js';

export interface ApiTarget {
  open(): Promise<GraphStore>;
}

export interface SuiteContext {
  readonly api: TestApi;
  readonly store: GraphStore;
  readonly keys: Keys;
}
export type Ctx = () => SuiteContext;

export function runApiSuite(name: string, target: ApiTarget): void {
  describe(`HTTP API on the ${name} store`, () => {
    let store: GraphStore;
    let api: TestApi;
    let keys: Keys;
    let matchService: MatchService;
    beforeAll(async () => {
      store = await target.open();
      // the real match service (dictionary from data/, no trained model in the empty directory)
      matchService = await createMatchService(store, mkdtempSync(join(tmpdir(), 'innomatch-api-model-')));
      api = await startApi(store, { matchService, secrets: () => CONTACT_SECRETS, adminKeys: () => [keys.admin], digestSecret: UNSUBSCRIBE_SECRET });
    });
    afterAll(async () => {
      await api.close();
      await store.close();
    });
    beforeEach(async () => {
      keys = await seed(store);
      await matchService.rebuild(); // the seed wrote to the store directly, not through the API
    });
    const ctx: Ctx = () => ({ api, store, keys });
    probesSuite(ctx);
    authSuite(ctx);
    organizationsSuite(ctx);
    importsSuite(ctx);
    introductionsSuite(ctx);
    matchingSuite(ctx);
    errorsSuite(ctx);
    unsubscribeSuite(ctx);
  });
}
