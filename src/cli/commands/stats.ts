import type { Command } from 'commander';
import type { GraphStore } from '../../store/graph-store.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson, type Io } from '../output.js';

export async function runStats(store: GraphStore, json: boolean, io: Io): Promise<number> {
  const s = await store.stats();
  if (json) {
    printJson(io, { store: store.kind, ...s });
    return 0;
  }
  const sorted = (r: Readonly<Record<string, number>>) => Object.entries(r).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  io.out(
    [
      `store: ${store.kind}`,
      `organizations: ${s.organizations}   collaborations: ${s.collaborations}   programmes: ${s.programmes}   introductions: ${s.introductions}`,
      '',
      formatTable(['type', 'organizations'], sorted(s.byType)),
      '',
      formatTable(['sector', 'organizations'], sorted(s.bySector)),
    ].join('\n'),
  );
  return 0;
}

export function registerStatsCommand(program: Command, ctx: CliContext): void {
  program
    .command('stats')
    .description('counts of organisations by type and sector, collaborations and programmes')
    .option('--json', 'print JSON', false)
    .action(async (o: { json: boolean }) => ctx.withStore((store) => runStats(store, o.json, ctx.io)));
}
