/**
 * A compile-time check, run by `npm run typecheck`: what the API answers (its zod response schemas) must fit the
 * types the web page reads (`src/web/src/api/types.ts`, written out so the page does not bundle zod). When a
 * response changes shape, this file stops compiling and says which one.
 */
import type { z } from 'zod';
import type { MatchListSchema, OpportunityListSchema, SearchResultSchema, TeamResultSchema } from '../../src/api/responses-matching.js';
import type { DirectoryPageSchema, FunnelSchema, IntroductionListSchema, ProblemSchema, PublicOrganizationSchema } from '../../src/api/responses.js';
import type * as Web from '../../src/web/src/api/types.js';

type Out<S extends z.ZodType> = z.output<S>;
declare const search: Out<typeof SearchResultSchema>;
declare const matches: Out<typeof MatchListSchema>;
declare const team: Out<typeof TeamResultSchema>;
declare const opportunities: Out<typeof OpportunityListSchema>;
declare const directory: Out<typeof DirectoryPageSchema>;
declare const organization: Out<typeof PublicOrganizationSchema>;
declare const introductions: Out<typeof IntroductionListSchema>;
declare const funnel: Out<typeof FunnelSchema>;
declare const problem: Out<typeof ProblemSchema>;

export const _fits: readonly unknown[] = [
  search satisfies Web.SearchResult,
  matches satisfies Web.MatchList,
  team satisfies Web.TeamResult,
  opportunities satisfies Web.OpportunityList,
  directory satisfies Web.DirectoryPage,
  organization satisfies Web.Organization,
  introductions satisfies Web.IntroductionList,
  funnel satisfies Web.Funnel,
  problem satisfies Web.Problem,
];
