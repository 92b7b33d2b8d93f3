/**
 * The world of the end-to-end tests: the sample network in a temporary embedded store, demo keys made with
 * `createApiKey`, and the real server (`startServer`) on 127.0.0.1, port 0.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createApiKey } from '../../src/app/api-keys.js';
import { importFiles, type InputFile } from '../../src/app/import/import-files.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { ROOT } from './web-build.js';

export interface World {
  readonly server: RunningServer;
  readonly url: string;
  readonly keys: { readonly member: string; readonly coordinator: string; readonly admin: string };
  /** The member key's organisation and the coordinator key's sector. */
  readonly memberOrg: string;
  readonly sector: string;
  close(): Promise<void>;
}

/** Waits for `/readyz` (the match index is built), so timings measure the page, not the index build. */
async function untilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await fetch(`${url}/readyz`)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`e2e: the server at ${url} was not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startWorld(): Promise<World> {
  const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-e2e-'));
  const store = await EmbeddedStore.open({ dataDir });
  const sample = join(ROOT, 'data/sample');
  const files: InputFile[] = (['organizations', 'collaborations', 'programmes'] as const).map((kind) => ({
    kind,
    name: `${kind}.jsonl`,
    bytes: readFileSync(join(sample, `${kind}.jsonl`)),
  }));
  const report = await importFiles(store, files, { strict: true });
  if (!report.landed) throw new Error(`e2e: the sample network did not load: ${JSON.stringify(report.rejected.slice(0, 3))}`);
  const clock = { now: () => new Date() };
  const memberOrg = 'daesun-brewery';
  const sector = 'smart_manufacturing';
  const [member, coordinator, admin] = await Promise.all([
    createApiKey(store, { role: 'member', orgId: memberOrg }, clock),
    createApiKey(store, { role: 'coordinator', sectors: [sector] }, clock),
    createApiKey(store, { role: 'admin' }, clock),
  ]);
  const server = await startServer({ config: loadConfig({}, { dataDir }), port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), store });
  await untilReady(server.url);
  return {
    server,
    url: server.url,
    keys: { member: member.key, coordinator: coordinator.key, admin: admin.key },
    memberOrg,
    sector,
    close: async () => {
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
