/**
 * Flags shared by `innomatch match`, `search` and `team`: the same bounds as the API's matching endpoints, and
 * messages that name the flag and the bad value.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_LIMITS } from '../api/limits.js';
import {
  appError,
  DEFAULT_SECTORS,
  LocaleSchema,
  OrganizationTypeSchema,
  OrgIdSchema,
  SectorSchema,
  type Locale,
  type OrganizationType,
  type OrgId,
  type Sector,
} from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { collectList, parseFlag, wholeNumber } from './context.js';

const MAX_LIMIT = DEFAULT_LIMITS.maxPageSize;

/** `--limit`: 1..50 as the API; the CLI refuses a larger value instead of quietly shortening the list. */
export const MatchLimitSchema = wholeNumber(z.number().min(1, `must be between 1 and ${MAX_LIMIT}`).max(MAX_LIMIT, `must be between 1 and ${MAX_LIMIT}`));
export const DEFAULT_MATCH_LIMIT = 10;

/** Free text of `search` and `team --needs` (the API's bound of 2,000 / 5,000 characters). */
export const queryTextSchema = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export function parseLimit(raw: string | undefined): number {
  return raw === undefined ? DEFAULT_MATCH_LIMIT : parseFlag('--limit', MatchLimitSchema, raw);
}

export function parseOrgIdArg(raw: string): OrgId {
  return parseFlag('<id>', OrgIdSchema, raw);
}

/** `--types a,b`: each one of the organisation types; the message names the unknown one and lists the valid ones. */
export function parseTypes(raw: readonly string[] | undefined): OrganizationType[] | undefined {
  if (raw === undefined) return undefined;
  const bad = raw.filter((t) => !OrganizationTypeSchema.safeParse(t).success);
  if (bad.length > 0) throw unknownSlugs('--types', 'type', bad, OrganizationTypeSchema.options);
  return [...new Set(raw)] as OrganizationType[];
}

/**
 * `--sectors x,y`: any sector slug is valid in a profile, so "unknown" means neither one of the default sectors
 * nor the sector of any organisation in the store (a typo would otherwise silently filter everything out).
 */
export async function parseSectors(raw: readonly string[] | undefined, store: GraphStore): Promise<Sector[] | undefined> {
  if (raw === undefined) return undefined;
  const known = new Set<string>([...DEFAULT_SECTORS, ...Object.keys((await store.stats()).bySector)]);
  const sectors = [...new Set(raw)];
  const bad = sectors.filter((s) => !SectorSchema.safeParse(s).success || !known.has(s));
  if (bad.length > 0) throw unknownSlugs('--sectors', 'sector', bad, [...known].sort());
  return sectors;
}

export function parseRegion(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : parseFlag('--region', z.string().trim().min(1, 'must not be empty').max(100), raw);
}

/** `--lang ko|en`; without it Korean when `LANG` starts with "ko", English otherwise. */
export function parseLang(raw: string | undefined, env: NodeJS.ProcessEnv): Locale {
  if (raw !== undefined) return parseFlag('--lang', LocaleSchema, raw);
  return env.LANG?.toLowerCase().startsWith('ko') === true ? 'ko' : 'en';
}

function unknownSlugs(flag: string, what: string, bad: readonly string[], valid: readonly string[]) {
  const list = bad.map((b) => `"${b}"`).join(', ');
  return appError('VALIDATION_FAILED', { detail: `${flag}: unknown ${what}${bad.length > 1 ? 's' : ''} ${list} (expected one of: ${valid.join(', ')})` });
}

/** The filter flags `match` and `search` share, as commander hands them over. */
export interface RawFilterFlags {
  readonly limit?: string;
  readonly types?: string[];
  readonly sectors?: string[];
  readonly region?: string;
  readonly lang?: string;
}

/** Declares `--limit`, `--types`, `--sectors`, `--region` and `--lang` on a command (`what`: "matches", "results"). */
export function withFilterOptions(command: Command, what: string): Command {
  return command
    .option('--limit <n>', `number of ${what}, 1-${MAX_LIMIT} (default ${DEFAULT_MATCH_LIMIT})`)
    .option('--types <types>', 'only these organisation types (comma-separated)', collectList)
    .option('--sectors <sectors>', 'only organisations in these sectors (comma-separated)', collectList)
    .option('--region <region>', 'only organisations of this region')
    .option('--lang <ko|en>', 'language of the table (default: from LANG, else en)');
}

/**
 * Parses the shared filter flags: everything but the sectors before the store opens (a bad flag never opens it),
 * the sectors against the store (`sectorsIn`), since any slug in use there is a sector.
 */
export function parseFilterFlags(o: RawFilterFlags, env: NodeJS.ProcessEnv) {
  const limit = parseLimit(o.limit);
  const types = parseTypes(o.types);
  const region = parseRegion(o.region);
  const lang = parseLang(o.lang, env);
  return {
    lang,
    async filtersIn(store: GraphStore): Promise<{ limit: number; types?: OrganizationType[]; sectors?: Sector[]; region?: string }> {
      const sectors = await parseSectors(o.sectors, store);
      return {
        limit,
        ...(types !== undefined ? { types } : {}),
        ...(sectors !== undefined ? { sectors } : {}),
        ...(region !== undefined ? { region } : {}),
      };
    },
  };
}
