/**
 * The matching use cases as their callers (the API, the jobs) see them: requests, results and the port that
 * `MatchService` implements. Declared in the app layer so that callers depend on it, never the other way round.
 */
import type { Introduction, OrganizationType, OrgId, Sector } from '../domain/index.js';
import type { Match, MatchExplanation, MatchResult, OrgSummary, SearchResult, TeamDemand, TeamResult } from '../match/types.js';

export interface MatchFilters {
  readonly types?: readonly OrganizationType[];
  readonly sectors?: readonly Sector[];
  /** Only organisations of this region (case-insensitive); the CLI's `--region`. */
  readonly region?: string;
  readonly limit: number;
}

export interface MatchRequest extends MatchFilters {
  readonly includeExisting: boolean;
}

/** One not-yet-connected pair of a sector, as the coordinator sees it. */
export interface Opportunity {
  readonly a: OrgSummary;
  readonly b: OrgSummary;
  readonly score: number;
  readonly components: Match['components'];
  readonly explanation?: MatchExplanation;
}

export interface OpportunityList {
  readonly sector: Sector;
  readonly modelVersion: string;
  readonly pairs: readonly Opportunity[];
}

/** A write the API made, so a service that keeps an index in memory can follow it. */
export type DataChange =
  | { readonly kind: 'organization'; readonly id: OrgId }
  | { readonly kind: 'import' }
  | { readonly kind: 'introduction'; readonly introduction: Introduction };

/** The engine as the API uses it. Results are mapped through allow-lists in `present-matching.ts` before they leave. */
export interface MatchServicePort {
  matchesFor(id: OrgId, options: MatchRequest): Promise<MatchResult>;
  search(text: string, options: MatchFilters): Promise<SearchResult>;
  team(demand: TeamDemand): Promise<TeamResult>;
  opportunities(sector: Sector, limit: number): Promise<OpportunityList>;
  /** True once the index is built (`/readyz`). */
  isReady(): boolean;
  /**
   * Changes whenever an answer may change (a write was reported, the index was rebuilt): an answer kept from
   * generation g may be served again only while this is still g.
   */
  readonly generation: number;
  /** Called after each successful write through the API. */
  notify?(change: DataChange): Promise<void> | void;
}
