/**
 * `innomatch` — the command line. This file only parses arguments (commander + zod) and hands over to a command;
 * the store is chosen by the environment (NEO4J_URI set → Neo4j, else the embedded store in --data-dir).
 */
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import type { CliContext } from './context.js';
import { printable, processIo, reportError, type Io } from './output.js';
import { disposedOnEarlyExit } from './shutdown.js';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * One registration per command file (src/cli/commands/*.ts), in the order help lists them. A command's module (and
 * what it pulls in: the engine, express, the mailer …) is loaded only when that command runs or help lists them all:
 * loading every one took ~0.15 s of each call's ~0.45 s.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  ingest: async () => (await import('./commands/ingest.js')).registerIngestCommand,
  orgs: async () => (await import('./commands/orgs.js')).registerOrgsCommand,
  stats: async () => (await import('./commands/stats.js')).registerStatsCommand,
  digest: async () => (await import('./commands/digest.js')).registerDigestCommand,
  keys: async () => (await import('./commands/keys.js')).registerKeysCommand,
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
  match: async () => (await import('./commands/match.js')).registerMatchCommand,
  search: async () => (await import('./commands/search.js')).registerSearchCommand,
  team: async () => (await import('./commands/team.js')).registerTeamCommand,
  train: async () => (await import('./commands/train.js')).registerTrainCommand,
  eval: async () => (await import('./commands/eval.js')).registerEvalCommand,
  'export-matches': async () => (await import('./commands/export-matches.js')).registerExportMatchesCommand,
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand,
};

/** The command `argv` names (the first word that is neither an option nor the value of `--data-dir`), if any. */
export function commandIn(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data-dir') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * The program with the commands `argv` needs: only the one it names when that is a known command, else all of them
 * (for help, and for commander's suggestion when a name is mistyped).
 */
export async function buildProgram(io: Io, env: NodeJS.ProcessEnv, setExit: (code: number) => void, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('innomatch')
    .description('Collaboration matching for open-innovation networks')
    .option('--data-dir <dir>', 'data directory of the embedded store (env INNOMATCH_DATA_DIR, default ./var)')
    // commander quotes a mistyped option or command as given
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(printable(s, true)) })
    .exitOverride()
    .showHelpAfterError();

  const config = () => {
    const opts = program.opts<{ dataDir?: string }>();
    return loadConfig(env, opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {});
  };
  const ctx: CliContext = {
    io,
    env,
    config,
    setExit,
    withStore: async (f, options = {}) => {
      const cfg = config();
      const { openStore } = await import('../root.js');
      const store = await openStore(cfg.store, { create: options.create === true });
      const close = disposedOnEarlyExit(() => store.close()); // Ctrl-C releases the data directory too
      try {
        setExit(await f(store, cfg));
      } finally {
        await close();
      }
    },
  };

  const named = commandIn(argv);
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  const registers = await Promise.all(wanted.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program, ctx);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let code = 0;
  try {
    const program = await buildProgram(
      io,
      env,
      (c) => {
        code = c;
      },
      argv,
    );
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(io, e);
  }
}
