/**
 * The engine's public result shapes. Results carry public profile data only (id, name, type): never contacts.
 */
import type { CollaborationKind, Organization, OrganizationType, OrgId, Sector } from '../domain/index.js';
import type { ComponentName, FeatureName } from './defaults.js';

export interface LocalizedText {
  readonly ko: string;
  readonly en: string;
}

/** One component's share of the score: w·f summed over its features, for each side. */
export interface ComponentContribution {
  readonly component: ComponentName;
  /** Contribution to I(A→B), "how good they are for you". */
  readonly forYou: number;
  /** Contribution to I(B→A), "how good you are for them". */
  readonly forThem: number;
}

/** A term both profiles contain, with the original words or phrases on each side. */
export interface SharedTerm {
  readonly term: string;
  readonly yours: readonly string[];
  readonly theirs: readonly string[];
  /** Share of the cosine carried by this term. */
  readonly weight: number;
}

/** A need of one side met by an offer of the other, as written in the profiles. */
export interface NeedOfferPair {
  readonly need: string;
  readonly offer: string;
  readonly terms: readonly string[];
  readonly weight: number;
}

/**
 * How one side is tied to an intermediary: the kinds of their collaborations, and `shared_programme` when both
 * took part in a programme (co-participation, not a collaboration).
 */
export type Tie = CollaborationKind | 'shared_programme';

/** A → X ← B: both are tied to X (see `Tie`). */
export interface GraphPath {
  readonly via: OrgId;
  readonly viaName: LocalizedText;
  readonly yourTie: readonly Tie[];
  readonly theirTie: readonly Tie[];
}

/** Why a match scores what it does; one variant per component, each with its contribution (mean of the sides). */
export type Reason =
  | { readonly kind: 'shared_topics'; readonly contribution: number; readonly similarity: number; readonly terms: readonly SharedTerm[] }
  | {
      readonly kind: 'need_offer';
      /** `they_offer`: their offer meets your need (A→B); `you_offer`: your offer meets their need (B→A). */
      readonly direction: 'they_offer' | 'you_offer';
      readonly contribution: number;
      readonly similarity: number;
      readonly pairs: readonly NeedOfferPair[];
    }
  | { readonly kind: 'type_fit'; readonly contribution: number; readonly yourType: OrganizationType; readonly theirType: OrganizationType; readonly prior: number }
  | { readonly kind: 'network'; readonly contribution: number; readonly commonPartners: number; readonly paths: readonly GraphPath[] }
  | {
      readonly kind: 'activity';
      readonly contribution: number;
      /**
       * r(B) and r(A): the recent evidence groups (projects among the newest `recentShare` of all, or a
       * collaboration without evidence) each side took part in, the counts the activity score used (`recency.ts`).
       */
      readonly recentProjects: number;
      readonly yourRecentProjects: number;
    };

export interface MatchExplanation {
  readonly kind: 'match';
  /** I(A→B) and I(B→A); the score is their `combination`. */
  readonly interest: { readonly forYou: number; readonly forThem: number };
  readonly combination: 'harmonic' | 'geometric';
  readonly components: readonly ComponentContribution[];
  readonly reasons: readonly Reason[];
  /** "Why B for you". */
  readonly whyThem: LocalizedText;
  /** "Why you for B". */
  readonly whyYou: LocalizedText;
}

export interface SearchExplanation {
  readonly kind: 'search';
  /** Query terms found, with the query words and the profile phrases they matched. */
  readonly matched: readonly { readonly term: string; readonly query: readonly string[]; readonly phrases: readonly string[]; readonly weight: number }[];
  readonly offersSimilarity: number;
  readonly profileSimilarity: number;
}

export interface TeamMemberExplanation {
  readonly kind: 'team_member';
  readonly covers: readonly NeedOfferPair[];
  readonly reason: LocalizedText;
}

export type Explanation = MatchExplanation | SearchExplanation | TeamMemberExplanation;

/** The public face of an organisation in results. */
export interface OrgSummary {
  readonly id: OrgId;
  readonly name: Organization['name'];
  readonly type: OrganizationType;
}

export interface Match extends OrgSummary {
  readonly score: number;
  /** The kinds of their collaborations, when B is an existing partner (listed only with `includeExisting`). */
  readonly alreadyPartners?: readonly CollaborationKind[];
  /** Per component, the mean over both sides of its contribution: Σ_{i∈component} w_i·(f_i(A→B) + f_i(B→A))/2. */
  readonly components: Readonly<Record<ComponentName, number>>;
  readonly explanation?: MatchExplanation;
}

export interface MatchResult {
  readonly organization: OrgId;
  readonly modelVersion: string;
  readonly matches: readonly Match[];
}

export interface SearchHit extends OrgSummary {
  readonly score: number;
  readonly explanation: SearchExplanation;
}

export interface SearchResult {
  readonly query: string;
  readonly modelVersion: string;
  readonly results: readonly SearchHit[];
}

export interface TeamMember extends OrgSummary {
  readonly explanation: TeamMemberExplanation;
}

export interface TeamResult {
  readonly modelVersion: string;
  /** The need phrases of the demand and which member (if any) covers each. */
  readonly needs: readonly { readonly need: string; readonly coveredBy?: OrgId; readonly strength: number }[];
  readonly members: readonly TeamMember[];
  /** Share of the needs covered (strength ≥ the cover threshold). */
  readonly coverage: number;
}

/** Exclusions and filters of a match request. */
export interface MatchOptions {
  /** Number of matches, 1–`REQUEST_DEFAULTS.maxLimit`; default `REQUEST_DEFAULTS.limit`. */
  readonly limit?: number;
  readonly types?: readonly OrganizationType[];
  /** Keep organisations active in at least one of these sectors. */
  readonly sectors?: readonly Sector[];
  /** Keep organisations of this region (case-insensitive). */
  readonly region?: string;
  /** Suggest existing partners too (default false). */
  readonly includeExisting?: boolean;
  /** More organisations never to suggest. */
  readonly exclude?: readonly OrgId[];
  /** Build explanations (default true; the batch path turns them off). */
  readonly explain?: boolean;
}

export interface SearchOptions {
  readonly limit?: number;
  readonly types?: readonly OrganizationType[];
  readonly sectors?: readonly Sector[];
  readonly region?: string;
  readonly exclude?: readonly OrgId[];
}

/** A demand: an organisation's needs, or free text (need phrases split at line breaks, commas and semicolons). */
export type TeamDemand = { readonly organization: OrgId } | { readonly text: string };

export interface TeamOptions {
  /** At most this many members (default `REQUEST_DEFAULTS.teamMaxSize`); fewer when nobody else adds coverage. */
  readonly maxSize?: number;
  readonly types?: readonly OrganizationType[];
  readonly sectors?: readonly Sector[];
  readonly region?: string;
  readonly exclude?: readonly OrgId[];
}

/** One line of the batch path: an organisation's top-k, ids and scores only. */
export interface BatchRow {
  readonly id: OrgId;
  readonly matches: readonly { readonly id: OrgId; readonly score: number }[];
}

/** Raw one-sided feature rows of a pair (FEATURE_NAMES order), for training and evaluation. */
export interface PairFeatureRows {
  readonly a: OrgId;
  readonly b: OrgId;
  readonly ab: Readonly<Record<FeatureName, number>>;
  readonly ba: Readonly<Record<FeatureName, number>>;
  readonly rowAB: readonly number[];
  readonly rowBA: readonly number[];
}
