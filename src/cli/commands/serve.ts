import type { Command } from 'commander';
import { z } from 'zod';
import { assertStoreIn } from '../../root.js';
import { serveUntilSignalled } from '../../server.js';
import type { CliContext } from '../context.js';
import { parseFlag, wholeNumber } from '../context.js';

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the HTTP API until SIGTERM/SIGINT (then finish in-flight requests and close the store)')
    .option('--port <port>', 'TCP port (0: any free port)', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (o: { port: string; host: string }) => {
      const port = parseFlag('--port', wholeNumber(z.number().max(65_535, 'must be between 0 and 65535')), o.port);
      const host = parseFlag('--host', z.string().trim().min(1).max(255), o.host);
      const config = ctx.config();
      await assertStoreIn(config.store); // a mistyped --data-dir must not serve an empty network
      await serveUntilSignalled({ config, port, host });
      ctx.setExit(0);
    });
}
