/**
 * `innomatch` — the command line. This file only parses arguments (commander + zod) and hands over to a command;
 * the store is chosen by the environment (NEO4J_URI set → Neo4j, else the embedded store in --data-dir).
 */
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { openStore } from '../root.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDigestCommand } from './commands/digest.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerExportMatchesCommand } from './commands/export-matches.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerMatchCommand } from './commands/match.js';
import { registerOrgsCommand } from './commands/orgs.js';
import { registerSearchCommand } from './commands/search.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerTeamCommand } from './commands/team.js';
import { registerTrainCommand } from './commands/train.js';
import type { CliContext } from './context.js';
import { processIo, reportError, type Io } from './output.js';

export function buildProgram(io: Io, env: NodeJS.ProcessEnv, setExit: (code: number) => void): Command {
  const program = new Command('innomatch')
    .description('Collaboration matching for open-innovation networks')
    .option('--data-dir <dir>', 'data directory of the embedded store (env INNOMATCH_DATA_DIR, default ./var)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
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
    withStore: async (f) => {
      const cfg = config();
      const store = await openStore(cfg.store);
      try {
        setExit(await f(store, cfg));
      } finally {
        await store.close();
      }
    },
  };

  // One registration per command file (src/cli/commands/*.ts).
  registerIngestCommand(program, ctx);
  registerOrgsCommand(program, ctx);
  registerStatsCommand(program, ctx);
  registerDigestCommand(program, ctx);
  registerKeysCommand(program, ctx);
  registerServeCommand(program, ctx);
  registerMatchCommand(program, ctx);
  registerSearchCommand(program, ctx);
  registerTeamCommand(program, ctx);
  registerTrainCommand(program, ctx);
  registerEvalCommand(program, ctx);
  registerExportMatchesCommand(program, ctx);
  registerDemoCommand(program, ctx);
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
