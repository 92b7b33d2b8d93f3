import type { Command } from 'commander';
import { toSearchResult } from '../../api/present-matching.js';
import { displayName, type Locale } from '../../domain/index.js';
import type { SearchResult } from '../../match/index.js';
import { TYPE_LABEL } from '../../match/sentences.js';
import { createMatchService } from '../../root.js';
import { parseFlag, type CliContext } from '../context.js';
import { parseFilterFlags, queryTextSchema, withFilterOptions, type RawFilterFlags } from '../match-flags.js';
import { formatTable, printable, printJson } from '../output.js';

interface RawSearchFlags extends RawFilterFlags {
  readonly json: boolean;
}

const HEAD: Readonly<Record<Locale, readonly string[]>> = {
  ko: ['#', '점수', '유형', '이름', '일치한 내용'],
  en: ['#', 'score', 'type', 'name', 'what matched'],
};

/** The hits as a table; "what matched" lists the profile phrases behind the strongest matched terms. */
export function formatSearch(r: SearchResult, lang: Locale): string {
  const query = printable(r.query); // typed by the user: a control character must not reach the terminal
  if (r.results.length === 0) return lang === 'ko' ? `"${query}": 일치하는 조직이 없습니다.` : `"${query}": no organisation matches.`;
  const rows = r.results.map((h, i) => [
    i + 1,
    h.score.toFixed(3),
    TYPE_LABEL[h.type][lang],
    displayName(h, lang),
    [...new Set(h.explanation.matched.flatMap((m) => m.phrases))].slice(0, 3).join('; '),
  ]);
  return `${lang === 'ko' ? '검색' : 'Search'}: "${query}" (${lang === 'ko' ? '모델' : 'model'} ${r.modelVersion})\n${formatTable(HEAD[lang], rows)}`;
}

export function registerSearchCommand(program: Command, ctx: CliContext): void {
  withFilterOptions(
    program.command('search <text>').description('organisations whose offers and profile answer a free-text need, in Korean or English'),
    'results',
  )
    .option('--json', 'print JSON (the shape of POST /v1/search)', false)
    .action(async (rawText: string, o: RawSearchFlags) => {
      const text = parseFlag('<text>', queryTextSchema(2000), rawText);
      const flags = parseFilterFlags(o, ctx.env);
      const lang = flags.lang;
      await ctx.withStore(async (store, config) => {
        const filters = await flags.filtersIn(store);
        const service = await createMatchService(store, config.store.dataDir);
        const result = await service.search(text, filters);
        if (o.json) printJson(ctx.io, toSearchResult(result));
        else ctx.io.out(formatSearch(result, lang));
        return 0;
      });
    });
}
