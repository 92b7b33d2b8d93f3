/**
 * `innomatch` — the command line. This file only parses arguments (commander + zod) and hands over to a command;
 * the store is chosen by the environment (NEO4J_URI set → Neo4j, else the embedded store in --data-dir).
 */
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { appError, OrganizationTypeSchema, OrgIdSchema, SectorSchema } from '../domain/index.js';
import { openStore } from '../root.js';
import type { GraphStore } from '../store/graph-store.js';
import { runIngest } from './commands/ingest.js';
import { runOrgsList, runOrgsShow } from './commands/orgs.js';
import { runStats } from './commands/stats.js';
import { processIo, reportError, type Io } from './output.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

/** Parses a flag's value with a schema; a bad value is a clear error naming the flag. */
export function parseFlag<S extends z.ZodType>(flag: string, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.output<S>;
  const detail = r.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw appError('VALIDATION_FAILED', { detail: `${flag}: ${detail}` });
}

const LimitSchema = z.coerce.number().int().min(1).max(100_000);

export function buildProgram(io: Io, env: NodeJS.ProcessEnv, setExit: (code: number) => void): Command {
  const program = new Command('innomatch')
    .description('Collaboration matching for open-innovation networks')
    .option('--data-dir <dir>', 'data directory of the embedded store (env INNOMATCH_DATA_DIR, default ./var)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .showHelpAfterError();

  const withStore = async (f: (store: GraphStore) => Promise<number>): Promise<void> => {
    const opts = program.opts<{ dataDir?: string }>();
    const config = loadConfig(env, opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {});
    const store = await openStore(config.store);
    try {
      setExit(await f(store));
    } finally {
      await store.close();
    }
  };

  program
    .command('ingest')
    .description('validate and load profile, collaboration and programme files (JSON array, JSON Lines or CSV)')
    .option('--organizations <file...>', 'organisation profile files')
    .option('--collaborations <file...>', 'collaboration files')
    .option('--programmes <file...>', 'programme files')
    .option('--strict', 'reject the whole import when any row is invalid', false)
    .option('--json', 'print the report as JSON', false)
    .action(async (o: { organizations?: string[]; collaborations?: string[]; programmes?: string[]; strict: boolean; json: boolean }) =>
      withStore((store) =>
        runIngest(
          store,
          { organizations: o.organizations ?? [], collaborations: o.collaborations ?? [], programmes: o.programmes ?? [], strict: o.strict, json: o.json },
          io,
        ),
      ),
    );

  const orgs = program.command('orgs').description('list or show organisations');
  orgs
    .command('list')
    .option('--types <types>', 'only these types (comma-separated)', collect)
    .option('--sectors <sectors>', 'only these sectors (comma-separated)', collect)
    .option('--region <region>', 'only this region')
    .option('--q <text>', 'name or id contains')
    .option('--after <id>', 'start after this id (paging)')
    .option('--limit <n>', 'at most n organisations')
    .option('--json', 'print JSON', false)
    .action(async (o: { types?: string[]; sectors?: string[]; region?: string; q?: string; after?: string; limit?: string; json: boolean }) => {
      const filter = {
        ...(o.types ? { types: parseFlag('--types', z.array(OrganizationTypeSchema), o.types) } : {}),
        ...(o.sectors ? { sectors: parseFlag('--sectors', z.array(SectorSchema), o.sectors) } : {}),
        ...(o.region !== undefined ? { region: o.region } : {}),
        ...(o.q !== undefined ? { q: o.q } : {}),
        ...(o.after !== undefined ? { after: parseFlag('--after', OrgIdSchema, o.after) } : {}),
        ...(o.limit !== undefined ? { limit: parseFlag('--limit', LimitSchema, o.limit) } : {}),
      };
      await withStore((store) => runOrgsList(store, filter, o.json, io));
    });
  orgs
    .command('show <id>')
    .option('--json', 'print JSON', false)
    .action(async (id: string, o: { json: boolean }) => withStore((store) => runOrgsShow(store, id, o.json, io)));

  program
    .command('stats')
    .description('counts of organisations by type and sector, collaborations and programmes')
    .option('--json', 'print JSON', false)
    .action(async (o: { json: boolean }) => withStore((store) => runStats(store, o.json, io)));

  program.addOption(new Option('--no-color', 'plain output').hideHelp());
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code = 0;
  const program = buildProgram(io, env, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(io, e);
  }
}
