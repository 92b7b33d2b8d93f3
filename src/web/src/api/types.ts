/**
 * The shapes the page reads from the API (`/openapi.json`), written out here so the browser bundle does not pull
 * in zod. `test/e2e/api-types.check.ts` assigns the API's own response types to these, so `npm run typecheck`
 * fails when the two drift apart.
 */

export type Lang = 'ko' | 'en';
export interface Localized {
  readonly ko: string;
  readonly en: string;
}
export interface OrgName {
  readonly ko?: string | undefined;
  readonly en?: string | undefined;
}

export const ORGANIZATION_TYPES = ['large_company', 'sme', 'startup', 'university', 'research_institute', 'investor', 'public_agency', 'association'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];
export const DEFAULT_SECTORS = ['system_semiconductor', 'bio_health', 'ai', 'smart_manufacturing'] as const;
export const COMPONENT_NAMES = ['topical', 'complementarity', 'typePrior', 'graph', 'activity'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];
export type CollaborationKind = 'mou' | 'joint_rnd' | 'tech_transfer' | 'poc' | 'investment' | 'programme';
export const INTRODUCTION_STATUSES = ['proposed', 'accepted', 'declined', 'met', 'closed'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];
export const INTRODUCTION_OUTCOMES = ['mou', 'joint_rnd', 'tech_transfer', 'none'] as const;
export type IntroductionOutcome = (typeof INTRODUCTION_OUTCOMES)[number];

/** The allowed moves (the API checks them too; the page only offers these). */
export const TRANSITIONS: Readonly<Record<IntroductionStatus, readonly Exclude<IntroductionStatus, 'proposed'>[]>> = {
  proposed: ['accepted', 'declined'],
  accepted: ['met', 'declined'],
  met: ['closed'],
  declined: [],
  closed: [],
};

export interface OrgSummary {
  readonly id: string;
  readonly name: OrgName;
  readonly type: OrganizationType;
  /** Not (yet) in matching results; the page fills it from the directory. */
  readonly sectors?: readonly string[];
}

export interface Organization extends OrgSummary {
  readonly sectors: readonly string[];
  readonly region?: string | undefined;
  readonly description: string;
  readonly technologies: readonly string[];
  readonly offers: readonly string[];
  readonly needs: readonly string[];
  readonly founded?: number | undefined;
  readonly employees?: number | undefined;
  readonly website?: string | undefined;
}

export interface DirectoryPage {
  readonly items: readonly (OrgSummary & { readonly sectors: readonly string[]; readonly region?: string | undefined })[];
  readonly nextCursor?: string | undefined;
}

export interface SearchHit extends OrgSummary {
  readonly score: number;
  readonly explanation: {
    readonly matched: readonly { readonly term: string; readonly query: readonly string[]; readonly phrases: readonly string[]; readonly weight: number }[];
    readonly offersSimilarity: number;
    readonly profileSimilarity: number;
  };
}
export interface SearchResult {
  readonly query: string;
  readonly modelVersion: string;
  readonly results: readonly SearchHit[];
}

export interface NeedOffer {
  readonly need: string;
  readonly offer: string;
  readonly terms: readonly string[];
  readonly weight: number;
}
export interface SharedTerm {
  readonly term: string;
  readonly yours: readonly string[];
  readonly theirs: readonly string[];
  readonly weight: number;
}
export interface GraphPath {
  readonly via: string;
  /** Localized now; a plain string in older servers. */
  readonly viaName: Localized | string;
  /** `shared_programme`: both took part in a programme (not a collaboration). */
  readonly yourTie: readonly (CollaborationKind | 'shared_programme')[];
  readonly theirTie: readonly (CollaborationKind | 'shared_programme')[];
}

export type Reason =
  | { readonly kind: 'shared_topics'; readonly contribution: number; readonly terms: readonly SharedTerm[] }
  | { readonly kind: 'need_offer'; readonly direction: 'they_offer' | 'you_offer'; readonly contribution: number; readonly pairs: readonly NeedOffer[] }
  | { readonly kind: 'type_fit'; readonly contribution: number; readonly yourType: OrganizationType; readonly theirType: OrganizationType }
  | { readonly kind: 'network'; readonly contribution: number; readonly commonPartners: number; readonly paths: readonly GraphPath[] }
  | { readonly kind: 'activity'; readonly contribution: number; readonly recentProjects: number; readonly yourRecentProjects: number };

export interface MatchExplanation {
  readonly interest: { readonly forYou: number; readonly forThem: number };
  readonly components: readonly { readonly component: ComponentName; readonly forYou: number; readonly forThem: number }[];
  readonly reasons: readonly Reason[];
  readonly whyThem: Localized;
  readonly whyYou: Localized;
}

export interface Match extends OrgSummary {
  readonly score: number;
  /** Present for an existing partner (listed only with includeExisting): the kinds of their collaborations. */
  readonly alreadyPartners?: readonly CollaborationKind[];
  readonly components: Readonly<Record<ComponentName, number>>;
  readonly explanation?: MatchExplanation | undefined;
}
export interface MatchList {
  readonly organization: string;
  readonly modelVersion: string;
  readonly matches: readonly Match[];
}

export interface TeamResult {
  readonly modelVersion: string;
  readonly needs: readonly { readonly need: string; readonly coveredBy?: string | undefined; readonly strength: number }[];
  readonly members: readonly (OrgSummary & { readonly explanation: { readonly covers: readonly NeedOffer[]; readonly reason: Localized } })[];
  readonly coverage: number;
}

export interface Opportunity {
  readonly a: OrgSummary;
  readonly b: OrgSummary;
  readonly score: number;
  readonly components: Readonly<Record<ComponentName, number>>;
  readonly explanation?: MatchExplanation | undefined;
}
export interface OpportunityList {
  readonly sector: string;
  readonly modelVersion: string;
  readonly pairs: readonly Opportunity[];
}

export interface Introduction {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  readonly proposedBy: string;
  readonly sectors: readonly string[];
  readonly note?: string | undefined;
  readonly status: IntroductionStatus;
  readonly outcome?: IntroductionOutcome | undefined;
  readonly reasons: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}
export interface IntroductionList {
  readonly items: readonly Introduction[];
}

export interface Funnel {
  readonly sector: string;
  readonly proposed: number;
  readonly accepted: number;
  readonly declined: number;
  readonly met: number;
  readonly closed: number;
  readonly open: number;
  readonly outcomes: Readonly<Record<IntroductionOutcome, number>>;
}

/** RFC 9457 problem, as every API error is sent. */
export interface Problem {
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}
