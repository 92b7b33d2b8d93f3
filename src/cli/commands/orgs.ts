import type { Command } from 'commander';
import { z } from 'zod';
import { appError, displayName, OrgIdSchema } from '../../domain/index.js';
import type { GraphStore, OrganizationFilter } from '../../store/graph-store.js';
import { collectList, LimitSchema, parseFlag, type CliContext } from '../context.js';
import { parseRegion, parseSectors, parseTypes } from '../match-flags.js';
import { formatTable, printable, printJson, type Io } from '../output.js';

export async function runOrgsList(store: GraphStore, filter: OrganizationFilter, json: boolean, io: Io): Promise<number> {
  const orgs = await store.listOrganizations(filter);
  if (json) printJson(io, orgs);
  else
    io.out(
      formatTable(
        ['id', 'name', 'type', 'sectors', 'region'],
        orgs.map((o) => [o.id, displayName(o, o.name.ko !== undefined ? 'ko' : 'en'), o.type, o.sectors.join(','), o.region ?? '']),
      ),
    );
  return 0;
}

export async function runOrgsShow(store: GraphStore, rawId: string, json: boolean, io: Io): Promise<number> {
  const id = OrgIdSchema.safeParse(rawId);
  if (!id.success) throw appError('VALIDATION_FAILED', { detail: `"${rawId}" is not a valid organization id` });
  const org = await store.getOrganization(id.data);
  if (org === undefined) throw appError('NOT_FOUND', { entity: 'organization', id: rawId });
  const partners = await store.partnersOf(id.data);
  if (json) {
    printJson(io, { ...org, partners });
    return 0;
  }
  const lines = [
    `${org.id}  ${[org.name.ko, org.name.en].filter(Boolean).join(' / ')}`,
    `type: ${org.type}   sectors: ${org.sectors.join(', ')}   region: ${org.region ?? '-'}`,
    org.description !== '' ? `\n${org.description}\n` : '',
    list('technologies', org.technologies),
    list('offers', org.offers),
    list('needs', org.needs),
    list('partners', partners.map((p) => `${p.id} (${p.kinds.join(', ')})`)),
    list('contacts', org.contacts.map((c) => `${c.name} <${c.email}> ${c.locale}${c.digest ? ' digest' : ''}`)),
  ];
  io.out(printable(lines.filter((l) => l !== '').join('\n'), true));
  return 0;
}

function list(label: string, items: readonly string[]): string {
  return items.length === 0 ? '' : `${label}:\n${items.map((i) => `  - ${i}`).join('\n')}`;
}

export function registerOrgsCommand(program: Command, ctx: CliContext): void {
  const orgs = program.command('orgs').description('list or show organisations');
  orgs
    .command('list')
    .option('--types <types>', 'only these types (comma-separated)', collectList)
    .option('--sectors <sectors>', 'only these sectors (comma-separated)', collectList)
    .option('--region <region>', 'only this region')
    .option('--q <text>', 'name or id contains')
    .option('--after <id>', 'start after this id (paging)')
    .option('--limit <n>', 'at most n organisations')
    .option('--json', 'print JSON', false)
    .action(async (o: { types?: string[]; sectors?: string[]; region?: string; q?: string; after?: string; limit?: string; json: boolean }) => {
      // the checks and messages of `match` and `search` (an unknown sector names the known ones, an empty region is refused)
      const types = parseTypes(o.types);
      const region = parseRegion(o.region);
      const q = o.q === undefined ? undefined : parseFlag('--q', z.string().trim().min(1, 'must not be empty').max(200), o.q);
      const after = o.after === undefined ? undefined : parseFlag('--after', OrgIdSchema, o.after);
      const limit = o.limit === undefined ? undefined : parseFlag('--limit', LimitSchema, o.limit);
      await ctx.withStore(async (store) => {
        const sectors = await parseSectors(o.sectors, store);
        const filter: OrganizationFilter = {
          ...(types !== undefined ? { types } : {}),
          ...(sectors !== undefined ? { sectors } : {}),
          ...(region !== undefined ? { region } : {}),
          ...(q !== undefined ? { q } : {}),
          ...(after !== undefined ? { after } : {}),
          ...(limit !== undefined ? { limit } : {}),
        };
        return runOrgsList(store, filter, o.json, ctx.io);
      });
    });
  orgs
    .command('show <id>')
    .option('--json', 'print JSON', false)
    .action(async (id: string, o: { json: boolean }) => ctx.withStore((store) => runOrgsShow(store, id, o.json, ctx.io)));
}
