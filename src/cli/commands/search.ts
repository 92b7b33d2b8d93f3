import type { Command } from 'commander';
import { toSearchResult } from '../../api/present-matching.js';
import { displayName, type Locale } from '../../domain/index.js';
import type { SearchResult } from '../../match/index.js';
import { TYPE_LABEL } from '../../match/sentences.js';
import { createMatchService } from '../../root.js';
import { collectList, parseFlag, type CliContext } from '../context.js';
import { parseLang, parseLimit, parseRegion, parseSectors, parseTypes, queryTextSchema } from '../match-flags.js';
import { formatTable, printJson } from '../output.js';

interface RawSearchFlags {
  readonly limit?: string;
  readonly types?: string[];
  readonly sectors?: string[];
  readonly region?: string;
  readonly lang?: string;
  readonly json: boolean;
}

const HEAD: Readonly<Record<Locale, readonly string[]>> = {
  ko: ['#', '점수', '유형', '이름', '일치한 내용'],
  en: ['#', 'score', 'type', 'name', 'what matched'],
};

/** The hits as a table; "what matched" lists the profile phrases behind the strongest matched terms. */
export function formatSearch(r: SearchResult, lang: Locale): string {
  if (r.results.length === 0) return lang === 'ko' ? `"${r.query}": 일치하는 조직이 없습니다.` : `"${r.query}": no organisation matches.`;
  const rows = r.results.map((h, i) => [
    i + 1,
    h.score.toFixed(3),
    TYPE_LABEL[h.type][lang],
    displayName(h, lang),
    [...new Set(h.explanation.matched.flatMap((m) => m.phrases))].slice(0, 3).join('; '),
  ]);
  return `${lang === 'ko' ? '검색' : 'Search'}: "${r.query}" (${lang === 'ko' ? '모델' : 'model'} ${r.modelVersion})\n${formatTable(HEAD[lang], rows)}`;
}

export function registerSearchCommand(program: Command, ctx: CliContext): void {
  program
    .command('search <text>')
    .description('organisations whose offers and profile answer a free-text need, in Korean or English')
    .option('--limit <n>', 'number of results, 1-50 (default 10)')
    .option('--types <types>', 'only these organisation types (comma-separated)', collectList)
    .option('--sectors <sectors>', 'only organisations in these sectors (comma-separated)', collectList)
    .option('--region <region>', 'only organisations of this region')
    .option('--lang <ko|en>', 'language of the table (default: from LANG, else en)')
    .option('--json', 'print JSON (the shape of POST /v1/search)', false)
    .action(async (rawText: string, o: RawSearchFlags) => {
      const text = parseFlag('<text>', queryTextSchema(2000), rawText);
      const limit = parseLimit(o.limit);
      const types = parseTypes(o.types);
      const region = parseRegion(o.region);
      const lang = parseLang(o.lang, ctx.env);
      await ctx.withStore(async (store, config) => {
        const sectors = await parseSectors(o.sectors, store);
        const service = await createMatchService(store, config.store.dataDir);
        const result = await service.search(text, {
          limit,
          ...(types !== undefined ? { types } : {}),
          ...(sectors !== undefined ? { sectors } : {}),
          ...(region !== undefined ? { region } : {}),
        });
        if (o.json) printJson(ctx.io, toSearchResult(result));
        else ctx.io.out(formatSearch(result, lang));
        return 0;
      });
    });
}
