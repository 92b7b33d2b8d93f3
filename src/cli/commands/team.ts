import type { Command } from 'commander';
import { toTeamResult } from '../../api/present-matching.js';
import { appError, displayName, type Locale } from '../../domain/index.js';
import { splitNeeds, type TeamDemand, type TeamResult } from '../../match/index.js';
import { TYPE_LABEL } from '../../match/sentences.js';
import { createMatchService } from '../../root.js';
import { parseFlag, type CliContext } from '../context.js';
import { parseLang, parseOrgIdArg, queryTextSchema } from '../match-flags.js';
import { printable, printJson } from '../output.js';

const WORDS = {
  ko: {
    title: (d: string) => `컨소시엄 — 수요: ${d}`,
    model: '모델',
    covers: '충족',
    coverage: '충족률',
    uncovered: '미충족',
    none: '이 수요를 채울 구성원을 찾지 못했습니다.',
    noNeeds: (d: string) => `${d}: 프로필에 수요(needs)가 없어 팀을 구성할 수 없습니다. --needs "…"로 수요를 직접 지정하세요.`,
  },
  en: {
    title: (d: string) => `Consortium for ${d}`,
    model: 'model',
    covers: 'covers',
    coverage: 'coverage',
    uncovered: 'not covered',
    none: 'no member found for these needs.',
    noNeeds: (d: string) => `${d} lists no needs in its profile, so there is nothing to build a team around; give them with --needs "…".`,
  },
} as const;

/** Each member with the needs it covers (need ← offer) and its reason, then the needs nobody covers. */
export function formatTeam(r: TeamResult, demand: string, lang: Locale): string {
  const w = WORDS[lang];
  if (r.needs.length === 0) return printable(w.noNeeds(demand)); // `--needs` always names one: a profile without needs
  const lines = [`${w.title(demand)} (${w.model} ${r.modelVersion}) · ${w.coverage} ${Math.round(r.coverage * 100)}%`];
  if (r.members.length === 0) lines.push(w.none);
  r.members.forEach((m, i) => {
    lines.push('', `${i + 1}. ${displayName(m, lang)} (${m.id}, ${TYPE_LABEL[m.type][lang]})`, `   ${m.explanation.reason[lang]}`);
    for (const c of m.explanation.covers) lines.push(`   ${w.covers}: ${c.need} ← ${c.offer}`);
  });
  const uncovered = r.needs.filter((n) => n.coveredBy === undefined).map((n) => n.need);
  if (uncovered.length > 0) lines.push('', `${w.uncovered}: ${uncovered.join('; ')}`);
  // the needs, names and reasons come from profiles or the command line: no control character reaches the terminal
  return printable(lines.join('\n'), true);
}

export function registerTeamCommand(program: Command, ctx: CliContext): void {
  program
    .command('team [id]')
    .description("a consortium of 2-4 organisations whose offers cover an organisation's needs or free-text needs, with why each member")
    .option('--needs <text>', 'build the team around these needs instead (split at line breaks, commas and semicolons)')
    .option('--lang <ko|en>', 'language of the output (default: from LANG, else en)')
    .option('--json', 'print JSON (the shape of POST /v1/teams)', false)
    .action(async (rawId: string | undefined, o: { needs?: string; lang?: string; json: boolean }) => {
      if (rawId === undefined && o.needs === undefined) throw appError('VALIDATION_FAILED', { detail: 'team: give an organization <id> or --needs "<text>"' });
      if (rawId !== undefined && o.needs !== undefined) throw appError('VALIDATION_FAILED', { detail: 'team: give an organization <id> or --needs "<text>", not both' });
      const demand: TeamDemand = rawId !== undefined ? { organization: parseOrgIdArg(rawId) } : { text: parseFlag('--needs', queryTextSchema(5000).refine((t) => splitNeeds(t).length > 0, 'must name at least one need'), o.needs) };
      const lang = parseLang(o.lang, ctx.env);
      await ctx.withStore(async (store, config) => {
        const service = await createMatchService(store, config.store.dataDir);
        const result = await service.team(demand);
        if (o.json) {
          printJson(ctx.io, toTeamResult(result));
          return 0;
        }
        const org = 'organization' in demand ? await store.getOrganization(demand.organization) : undefined;
        const label = 'organization' in demand ? (org !== undefined ? `${displayName(org, lang)} (${demand.organization})` : demand.organization) : `"${demand.text}"`;
        ctx.io.out(formatTeam(result, label, lang));
        return 0;
      });
    });
}
