import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { createApiKey, hashApiKey } from '../../app/api-keys.js';
import { systemClock } from '../../app/clock.js';
import { formatRejection, importFiles, type InputFile } from '../../app/import/import-files.js';
import { openStore, PACKAGE_DATA_DIR } from '../../root.js';
import { startServer } from '../../server.js';
import type { GraphStore } from '../../store/graph-store.js';
import { parseFlag, wholeNumber, type CliContext } from '../context.js';
import { formatColumns } from '../output.js';

/** Demo keys, kept in the data directory so that a restart prints the same links. */
const DemoKeysSchema = z.object({
  admin: z.string(),
  member: z.string(),
  memberOrg: z.string(),
  coordinator: z.string(),
  coordinatorSector: z.string(),
});
type DemoKeys = z.infer<typeof DemoKeysSchema>;

const DEMO_MEMBER = 'daesun-brewery';
const DEMO_SECTOR = 'smart_manufacturing';

/**
 * `innomatch demo` (what `npm start` runs): loads the sample network into the data directory (idempotent), makes
 * sure there are demo keys for an admin, a member and a coordinator, and serves the API and the web page, printing
 * a local URL for each key.
 */
export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('load the sample network, create demo keys and serve the API and web page (what `npm start` runs)')
    .option('--port <port>', 'TCP port (0: any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (o: { port: string; host: string }) => {
      const port = parseFlag('--port', wholeNumber(z.number().max(65_535, 'must be between 0 and 65535')), o.port);
      const host = parseFlag('--host', z.string().trim().min(1).max(255), o.host);
      const config = ctx.config();
      const store = await openStore(config.store);
      try {
        await loadSample(store, ctx);
        const keys = await demoKeys(store, config.store.dataDir);
        const running = await startServer({ config, port, host, store });
        const base = running.url;
        // listen for the signals before saying it runs: a supervisor may stop it as soon as it reads the links
        const stopped = new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            running.close().then(resolve, resolve);
          };
          process.on('SIGTERM', stop);
          process.on('SIGINT', stop);
        });
        ctx.io.out(['', `innomatch is running on the ${store.kind} store: ${base}`, demoLinks(base, keys), '  (Ctrl-C stops it)', ''].join('\n'));
        await stopped;
        ctx.setExit(0);
      } finally {
        await store.close();
      }
    });
}

/** One line per key (and the API reference), the links in one column whatever the labels' lengths. */
function demoLinks(base: string, keys: DemoKeys): string {
  const rows = [
    [`member (${keys.memberOrg}):`, `${base}/#key=${keys.member}`],
    [`coordinator (${keys.coordinatorSector}):`, `${base}/#key=${keys.coordinator}`],
    ['admin:', `${base}/#key=${keys.admin}`],
    ['API reference:', `${base}/docs`],
  ];
  return formatColumns(rows)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

async function loadSample(store: GraphStore, ctx: CliContext): Promise<void> {
  const dir = join(PACKAGE_DATA_DIR, 'sample');
  const files: InputFile[] = [];
  for (const [kind, name] of [
    ['organizations', 'organizations.jsonl'],
    ['collaborations', 'collaborations.jsonl'],
    ['programmes', 'programmes.jsonl'],
  ] as const) {
    files.push({ kind, name: join(dir, name), bytes: await readFile(join(dir, name)) });
  }
  const report = await importFiles(store, files);
  for (const r of report.rejected) ctx.io.err(formatRejection(r));
  const s = await store.stats();
  ctx.io.out(`sample network loaded: ${s.organizations} organisations, ${s.collaborations} collaborations, ${s.programmes} programmes`);
}

async function demoKeys(store: GraphStore, dataDir: string): Promise<DemoKeys> {
  const path = join(dataDir, 'demo-keys.json');
  try {
    const keys = DemoKeysSchema.parse(JSON.parse(await readFile(path, 'utf8')));
    const known = await Promise.all([keys.admin, keys.member, keys.coordinator].map((k) => store.findApiKeyByHash(hashApiKey(k))));
    if (known.every((k) => k !== undefined && k.revoked !== true)) return keys;
  } catch {
    // none yet, unreadable or from another store: make new ones
  }
  const admin = await createApiKey(store, { role: 'admin' }, systemClock);
  const member = await createApiKey(store, { role: 'member', orgId: DEMO_MEMBER }, systemClock);
  const coordinator = await createApiKey(store, { role: 'coordinator', sectors: [DEMO_SECTOR] }, systemClock);
  const keys: DemoKeys = { admin: admin.key, member: member.key, memberOrg: DEMO_MEMBER, coordinator: coordinator.key, coordinatorSector: DEMO_SECTOR };
  await writeFile(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return keys;
}
