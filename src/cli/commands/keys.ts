import type { Command } from 'commander';
import { z } from 'zod';
import { createApiKey } from '../../app/api-keys.js';
import { ROLES } from '../../app/auth.js';
import { systemClock } from '../../app/clock.js';
import type { CliContext } from '../context.js';
import { collectList, parseFlag } from '../context.js';
import { printJson } from '../output.js';

interface KeysCreateFlags {
  role?: string;
  sector?: string[];
  org?: string;
  json: boolean;
}

export function registerKeysCommand(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('API keys of the HTTP API');
  keys
    .command('create')
    .description('create an API key; the key is printed once and only its SHA-256 hash is stored')
    .requiredOption('--role <role>', 'admin | coordinator | member')
    .option('--sector <sectors...>', 'the sectors a coordinator key acts in (repeatable, comma-separated)', (v: string, prev: string[] = []) => collectList(v, prev))
    .option('--org <id>', 'the organisation a member key acts for')
    .option('--json', 'print {"id", "key"} as JSON', false)
    .action(async (o: KeysCreateFlags) =>
      ctx.withStore(async (store) => {
        const created = await createApiKey(
          store,
          { role: parseFlag('--role', z.enum(ROLES), o.role), ...(o.sector !== undefined ? { sectors: o.sector } : {}), ...(o.org !== undefined ? { orgId: o.org } : {}) },
          systemClock,
        );
        if (o.json) printJson(ctx.io, { id: created.id, key: created.key });
        else {
          const scope = created.record.orgId ?? (created.record.sectors.length > 0 ? created.record.sectors.join(', ') : 'everything');
          ctx.io.out(`created ${created.record.role} key ${created.id} (${scope})`);
          ctx.io.out(`key (shown once, store it now): ${created.key}`);
        }
        return 0;
      }, { create: true }), // keys may come first: an admin key, then `serve`, then POST /v1/imports
    );
}
