import type { Command } from 'commander';
import { toMatchList } from '../../api/present-matching.js';
import { displayName, type Locale } from '../../domain/index.js';
import type { MatchResult } from '../../match/index.js';
import { TYPE_LABEL } from '../../match/sentences.js';
import { createMatchService } from '../../root.js';
import type { CliContext } from '../context.js';
import { parseFilterFlags, parseOrgIdArg, withFilterOptions, type RawFilterFlags } from '../match-flags.js';
import { formatTable, printable, printJson } from '../output.js';

interface RawMatchFlags extends RawFilterFlags {
  readonly includeExisting: boolean;
  readonly json: boolean;
}

const HEAD: Readonly<Record<Locale, readonly string[]>> = {
  ko: ['#', '점수', '유형', '이름', '추천 이유'],
  en: ['#', 'score', 'type', 'name', 'why them for you'],
};

/** The mark of an existing partner (listed with --include-existing), before its reason. */
const ALREADY: Readonly<Record<Locale, (kinds: readonly string[]) => string>> = {
  ko: (kinds) => `[이미 협력 중: ${kinds.join(', ')}] `,
  en: (kinds) => `[already partners: ${kinds.join(', ')}] `,
};

/** Why a match list is empty, for saying so: filters given, and how many others and partners there are. */
export interface EmptyMatches {
  readonly filtered: boolean;
  readonly includeExisting: boolean;
  /** Organisations in the store besides this one. */
  readonly others: number;
  /** This one's existing partners. */
  readonly partners: number;
}

/** What an empty list means: no other organisation at all, none through the filters, or none that may be suggested. */
function noMatches(name: string, why: EmptyMatches, lang: Locale): string {
  if (why.others === 0) return lang === 'ko' ? `${name}: 매칭할 다른 조직이 없습니다.` : `${name}: there are no other organisations to match with.`;
  if (why.filtered) return lang === 'ko' ? `${name}: 조건에 맞는 추천이 없습니다.` : `${name}: no matches for these filters.`;
  const hint = !why.includeExisting && why.partners > 0;
  return lang === 'ko'
    ? `${name}: 다른 ${why.others}개 조직 중 추천할 수 있는 조직이 없습니다 (기존 협력 ${why.partners}곳${hint ? ', --include-existing로 표시' : ''}; 옵트아웃 조직과 거절된 소개는 제외).`
    : `${name}: none of the ${why.others} other organisation(s) can be suggested (${why.partners} existing partner(s)${hint ? ', shown with --include-existing' : ''}; opted-out organisations and declined introductions are left out too).`;
}

/** The ranked matches as a table: rank, score, type, name and the one-line "why them for you". */
export function formatMatches(r: MatchResult, rawName: string, lang: Locale, empty?: EmptyMatches): string {
  const name = printable(rawName);
  if (r.matches.length === 0) return noMatches(name, empty ?? { filtered: true, includeExisting: false, others: 1, partners: 0 }, lang);
  const rows = r.matches.map((m, i) => [
    i + 1,
    m.score.toFixed(3),
    TYPE_LABEL[m.type][lang],
    displayName(m, lang),
    `${m.alreadyPartners !== undefined ? ALREADY[lang](m.alreadyPartners) : ''}${m.explanation?.whyThem[lang] ?? ''}`,
  ]);
  const title = lang === 'ko' ? `${name}의 추천 상대 (모델 ${r.modelVersion})` : `Matches for ${name} (model ${r.modelVersion})`;
  return `${title}\n${formatTable(HEAD[lang], rows)}`;
}

export function registerMatchCommand(program: Command, ctx: CliContext): void {
  withFilterOptions(
    program.command('match <id>').description('ranked partners for one organisation, with the reason for each (existing partners left out)'),
    'matches',
  )
    .option('--include-existing', 'also suggest existing partners', false)
    .option('--json', 'print JSON (the shape of GET /v1/organizations/:id/matches)', false)
    .action(async (rawId: string, o: RawMatchFlags) => {
      const id = parseOrgIdArg(rawId);
      const flags = parseFilterFlags(o, ctx.env);
      const lang = flags.lang;
      await ctx.withStore(async (store, config) => {
        const filters = await flags.filtersIn(store);
        const service = await createMatchService(store, config.store.dataDir);
        const result = await service.matchesFor(id, { ...filters, includeExisting: o.includeExisting });
        if (o.json) printJson(ctx.io, toMatchList(result));
        else {
          const org = await store.getOrganization(id);
          const empty =
            result.matches.length === 0
              ? {
                  filtered: filters.types !== undefined || filters.sectors !== undefined || filters.region !== undefined,
                  includeExisting: o.includeExisting,
                  others: Math.max(0, (await store.stats()).organizations - 1),
                  partners: (await store.partnersOf(id)).length,
                }
              : undefined;
          ctx.io.out(formatMatches(result, org !== undefined ? `${displayName(org, lang)} (${id})` : id, lang, empty));
        }
        return 0;
      });
    });
}
