/**
 * Every tunable number of the matching engine, in one place. Each option says what it means, a sensible range
 * and its default. A trained model (see `train.ts`) replaces `weights`/`bias`/`link`; everything else is a
 * hyper-parameter that training takes as given.
 */
import type { OrganizationType } from '../domain/index.js';
import { ORGANIZATION_TYPES } from '../domain/index.js';

/**
 * The one-sided features of "how good is B for A", in the order of a feature row. Each lies in [0, 1].
 * `features.ts` computes them; `FEATURE_COMPONENT` groups them into the five components shown to people.
 */
export const FEATURE_NAMES = [
  'topical',
  'complementarity',
  'typePrior',
  'commonNeighbours',
  'adamicAdar',
  'resourceAllocation',
  'ppr',
  'katz',
  'activity',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export const COMPONENT_NAMES = ['topical', 'complementarity', 'typePrior', 'graph', 'activity'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export const FEATURE_COMPONENT: Readonly<Record<FeatureName, ComponentName>> = {
  topical: 'topical',
  complementarity: 'complementarity',
  typePrior: 'typePrior',
  commonNeighbours: 'graph',
  adamicAdar: 'graph',
  resourceAllocation: 'graph',
  ppr: 'graph',
  katz: 'graph',
  activity: 'activity',
};

export type FeatureWeights = Readonly<Record<FeatureName, number>>;

/** A symmetric table of how naturally two organisation types work together, in [0, 1]. */
export type TypePriorTable = Readonly<Record<OrganizationType, Readonly<Record<OrganizationType, number>>>>;

/**
 * The type-pair prior (symmetric). The listed pairs are the partnerships open-innovation programmes exist for
 * (i-CON's showcase cases: large company ↔ startups, technology transfer to SMEs, university labs in consortia,
 * investors ↔ startups); every pair not listed gets `TYPE_PRIOR_DEFAULT`.
 */
export const TYPE_PRIOR_PAIRS: readonly (readonly [OrganizationType, OrganizationType, number])[] = [
  ['large_company', 'startup', 1.0], // open innovation's core: corporates open data/channels to startups
  ['large_company', 'sme', 0.9], // supply chain, technology transfer
  ['large_company', 'university', 0.8], // joint R&D
  ['large_company', 'research_institute', 0.8],
  ['investor', 'startup', 1.0], // funding
  ['investor', 'sme', 0.6],
  ['startup', 'university', 0.8], // spin-offs, lab technology, talent
  ['startup', 'research_institute', 0.7],
  ['sme', 'research_institute', 0.8], // technology transfer (e.g. ETRI → SMEs)
  ['sme', 'university', 0.7],
  ['sme', 'startup', 0.6], // integrator + component maker consortia
  ['university', 'research_institute', 0.6],
  ['sme', 'sme', 0.5],
  ['startup', 'startup', 0.4],
  ['university', 'university', 0.4],
  ['research_institute', 'research_institute', 0.4],
  ['large_company', 'large_company', 0.3],
  ['public_agency', 'startup', 0.5],
  ['public_agency', 'sme', 0.5],
  ['association', 'startup', 0.4],
  ['association', 'sme', 0.4],
  ['investor', 'large_company', 0.2],
  ['investor', 'investor', 0.1],
];
export const TYPE_PRIOR_DEFAULT = 0.3;

/** Expands `pairs` into a full symmetric table; unlisted pairs get `fallback`. */
export function typePriorTable(
  pairs: readonly (readonly [OrganizationType, OrganizationType, number])[] = TYPE_PRIOR_PAIRS,
  fallback = TYPE_PRIOR_DEFAULT,
): TypePriorTable {
  const table = {} as Record<OrganizationType, Record<OrganizationType, number>>;
  for (const a of ORGANIZATION_TYPES) {
    table[a] = {} as Record<OrganizationType, number>;
    for (const b of ORGANIZATION_TYPES) table[a][b] = fallback;
  }
  for (const [a, b, v] of pairs) {
    table[a][b] = v;
    table[b][a] = v;
  }
  return table;
}

/** How raw feature values are turned into [0, 1] features; part of the model because training depends on it. */
export interface FeatureParams {
  /**
   * Saturation constants h of `sat(x) = x / (x + h)` (the raw value that maps to 0.5). Range: any positive
   * number of the raw feature's scale. Defaults: common neighbours 2 partners; Adamic-Adar 1.5; weighted
   * resource allocation 0.25; truncated PageRank 0.3 (walk probabilities stay far below it, so the feature is
   * nearly linear in π and the geometric reciprocal can divide out the hubs' strength); Katz 1 (paths).
   */
  readonly halves: Readonly<{ commonNeighbours: number; adamicAdar: number; resourceAllocation: number; ppr: number; katz: number }>;
  /** Walk length for PageRank/Katz: 2 (cheaper) or 3 (reaches friends of friends of friends). Default 3. */
  readonly walkHops: 2 | 3;
  /** Weight of 3-step walks relative to 2-step ones in the truncated PageRank, γ ∈ [0, 1]. Default 1. */
  readonly pprDamping: number;
  /** Katz attenuation β ∈ (0, 1): 3-step paths count β times a 2-step path. Default 0.1. */
  readonly katzBeta: number;
  /** Type-pair prior table (symmetric). Default: `typePriorTable()`. */
  readonly typePrior: TypePriorTable;
  /**
   * Which pairs the Katz floor applies to, in distinct collaboration partners d(·) (`graph.ts`):
   *
   *   katz(A→B) = katz(B→A) = sat(cn + β·c3, h_katz) · [max(d(A), d(B)) ≥ hub] · [min(d(A), d(B)) ≥ thin]
   *
   * (symmetric, so the reciprocal score stays the same from both sides). Why: Katz is a floor under both sides
   * of the geometric mean; where one side's π is tiny (a thinly connected organisation: π_B(A) = π_A(B)·s(A)/s(B))
   * the floor dominates that side and the score follows the other side's π alone, i.e. the hubs every walk ends
   * at. Without the floor such a pair keeps the hub damping of √(π_A(B)·π_B(A)); with a hub on one side and no
   * thin side, the floor's reachability evidence helps. Range ≥ 0 partners; 0 and 0 = always on. Default 0
   * and 0 (`default-4`): hub 50, thin 15 won on the validation splits but not on the benchmark (see
   * `DEFAULT_MODEL`).
   */
  readonly katzGate: Readonly<{ hub: number; thin: number }>;
}

/**
 * A scoring model. One-sided interest of A in B: `I(A→B) = link(bias + Σ_i w_i · f_i(A→B))`; the reciprocal
 * score combines `I(A→B)` and `I(B→A)` (see `score.ts`).
 */
export interface Model {
  /** Returned with every result, so that a score can be traced to the model that produced it. */
  readonly version: string;
  /** One weight per feature. Hand-set defaults are non-negative and sum to 1; trained ones are unconstrained. */
  readonly weights: FeatureWeights;
  /** Added before the link; only meaningful with the logistic link. Default 0. */
  readonly bias: number;
  /** `identity`: I = max(0, z) (hand-set weights); `logistic`: I = 1/(1+e^(−z)) (trained models). */
  readonly link: 'identity' | 'logistic';
  /** `harmonic`: 2xy/(x+y) (punishes one-sided matches hardest, default); `geometric`: √(xy). */
  readonly reciprocal: 'harmonic' | 'geometric';
  readonly features: FeatureParams;
}

export const DEFAULT_FEATURE_PARAMS: FeatureParams = {
  halves: { commonNeighbours: 2, adamicAdar: 1.5, resourceAllocation: 0.25, ppr: 0.3, katz: 1 },
  walkHops: 3,
  pprDamping: 1,
  katzBeta: 0.1,
  typePrior: typePriorTable(),
  katzGate: { hub: 0, thin: 0 },
};

/**
 * The hand-set model used until one is trained, tuned on train-internal validation splits of the ECSEL benchmark
 * (../shared/bench), never on its test file: the newest 30 %, 20 % and 15 % of the train projects predicted from
 * the rest, descriptions rebuilt from the earlier projects only (`src/match/eval/validation.ts`,
 * `scripts/eval/validation-split.ts`; the study: `scripts/eval/study-data.ts`). With f(A→B) the feature row and
 * w the weights below:
 *
 *   I(A→B) = Σ_i w_i·f_i(A→B),   score(A, B) = √(I(A→B)·I(B→A))   (geometric reciprocal)
 *
 * Why these numbers:
 * - ppr 0.57 (saturated at h = 0.3, 2- and 3-step walks weighted alike, γ = 1, see `DEFAULT_FEATURE_PARAMS`):
 *   the truncated PageRank is the strongest single predictor of a new partner, and the only one-sided graph
 *   feature: π_B(A) = π_A(B)·s(A)/s(B), so the geometric mean of the two sides behaves like π_A(B)/√s(B) and
 *   damps the hubs every walk ends at (the hub-damping part of the score). Ties in large projects count less
 *   (σ = 1.5 in `DEFAULT_GRAPH_OPTIONS`): a tie from a 40-member project says little about either member.
 * - katz 0.19 (h = 1): the saturated Katz count is ≈ 1 for most pairs a few steps apart and small for barely
 *   connected ones, a reachability floor under both sides that softens the hub damping just enough. Kept for
 *   every pair (`katzGate` off). Gating it to pairs with a hub (≥ 50 partners) and no thinly connected side
 *   (< 15) was the first change since `default-3` to raise validation recall and coverage together (mean
 *   0.1680 / 0.3227 against 0.1663 / 0.3180; the whole plateau hub 45–60 × thin 15–16 did), but its one look at
 *   the benchmark's test file gave 0.165 / 0.298 against `default-4`'s 0.166 / 0.308, so it was not adopted.
 *   One-sided gates (by the query's partner count: coverage up, recall flat, and the score is no longer the
 *   same from both sides; by the smaller count: recall up, coverage down) stay on the old trade-off.
 *   Likewise the corporate-family and region-pair signals of `scripts/eval/affinity.ts` (mean validation 0.1710 / 0.3377)
 *   gave 0.163 / 0.331 on their one test look: coverage up, recall down.
 * - activity 0.01: the candidate's *recent* activity (projects among the newest 30 %, `recency.ts`). Who was
 *   in recent projects joins the next ones; the all-time partner count (`default-3`) mostly favoured old hubs.
 *   Each unit of weight still sends more people to the same busy organisations, hence the small weight.
 * - topical 0.04 and complementarity 0.19: on the benchmark, text similarity mostly echoes past projects and
 *   more weight narrows the lists; it matters for newcomers (no graph at all), and complementarity (zero on the
 *   benchmark, which has no offers/needs) carries the need→offer matches of the seed cases.
 * - typePrior, CN, Adamic-Adar and resource allocation 0: the type table is a guess that cost recall on real
 *   data; CN, Adamic-Adar and resource allocation (2-step PageRank is resource allocation divided by s(A)) are
 *   symmetric, so each unit of weight undoes the hub damping of the PageRank term: recall up, coverage down.
 *   BM25 text weighting, a candidate-degree discount and recency-weighted edges moved along the same
 *   recall/coverage trade-off without improving both (see the issue notes).
 * Chosen as the best mean validation recall@20 whose mean coverage@10 is not below `default-3`'s.
 * Validation recall@20 / coverage@10 (30 %, 20 %, 15 % splits): 0.175 / 0.342, 0.158 / 0.314, 0.166 / 0.298
 * (`default-3`: 0.165 / 0.336, 0.158 / 0.319, 0.160 / 0.295). Weights are non-negative and sum to 1.
 */
export const DEFAULT_MODEL: Model = {
  version: 'default-4',
  weights: {
    topical: 0.04,
    complementarity: 0.19,
    typePrior: 0,
    commonNeighbours: 0,
    adamicAdar: 0,
    resourceAllocation: 0,
    ppr: 0.57,
    katz: 0.19,
    activity: 0.01,
  },
  bias: 0,
  link: 'identity',
  reciprocal: 'geometric',
  features: DEFAULT_FEATURE_PARAMS,
};

/** Options of the text index (`text-index.ts`). */
export interface IndexOptions {
  /**
   * Document-frequency bands (fractions of N, descending) whose terms a match query may bound instead of
   * walking their postings (MaxScore-style; results stay exact). Range: fractions in (0, 1). Default
   * [0.2, 0.05, 0.01].
   */
  readonly pruneBands: readonly number[];
  /** Below this many documents every posting is walked (it is fast anyway). Range ≥ 0. Default 5,000. */
  readonly pruneMinDocs: number;
  /**
   * Postings a query walks before it starts bounding the most frequent bands instead. Range ≥ 0 (0 bounds every
   * band). Default 50,000.
   */
  readonly postingsBudget: number;
  /**
   * Cost of scoring one candidate exactly (three merges of term lists plus graph features), in postings. When the
   * bounds leave more than (postings still unwalked) / verifyCost candidates to verify, walking the rest is
   * cheaper, and the query walks every posting instead (its bounds become exact). Range 0 (always trust the
   * bounds; tests) to ~5,000. Default 500.
   */
  readonly verifyCost: number;
  /**
   * Joint cut of the two complement walks (`rank.ts`, graph-first path): how many documents of the first walk,
   * those with the largest possible complementarity, are set apart and visited in any case, so that every other one
   * has a smaller one and the second walk may be cut deeper. Exactness does not depend on it. Range ≥ 1. Default 64
   * (fewer leaves the second walk less to cut; more costs the scan that picks them).
   */
  readonly jointHigh: number;
  /**
   * Share of documents changed since the last full re-weighting (idf and norms) that triggers the next one.
   * 0 (default) re-weights lazily before the next query after any change, so results always equal a fresh
   * build; e.g. 0.01 tolerates stale idf for up to 1 % churn (O(total postings) work saved per change).
   */
  readonly reweightAfter: number;
}

export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  pruneBands: [0.2, 0.05, 0.01],
  pruneMinDocs: 5000,
  postingsBudget: 50_000,
  verifyCost: 500,
  jointHigh: 64,
  reweightAfter: 0,
};

/** How collaborations and programmes become weighted edges (`graph.ts`). */
export interface GraphOptions {
  /** Weight of one collaboration by kind, range [0, 1]. Defaults: joint R&D, transfer, investment 1; MOU 0.6. */
  readonly kindWeights: Readonly<Record<'mou' | 'joint_rnd' | 'tech_transfer' | 'poc' | 'investment' | 'programme', number>>;
  /**
   * Collaborations sharing the same `evidence` (e.g. one project) form a group of n organisations; each pair's
   * weight is divided by (n − 1)^σ. σ ∈ [0, 2]; 1 gives every participant one unit of tie strength per project,
   * however many partners it had; above 1 (default 1.5) a large project gives its members less in all, as a tie
   * in a 40-member consortium says less about two members than one in a small project.
   */
  readonly projectSizeExponent: number;
  /** Weight of co-participation in one programme (a weaker tie), range [0, 1]. Default 0.3. */
  readonly programmeWeight: number;
  /** Programmes with more participants than this add no edges (not evidence of a relationship). Default 100. */
  readonly maxProgrammeSize: number;
  /**
   * Share of the evidence groups (projects, newest first by year, then grant number, see `recency.ts`) counted
   * as recent for the activity feature, range [0, 1]. Default 0.3.
   */
  readonly recentShare: number;
}

export const DEFAULT_GRAPH_OPTIONS: GraphOptions = {
  kindWeights: { mou: 0.6, joint_rnd: 1, tech_transfer: 1, poc: 0.8, investment: 1, programme: 0.5 },
  projectSizeExponent: 1.5,
  programmeWeight: 0.3,
  maxProgrammeSize: 100,
  recentShare: 0.3,
};

/**
 * Words that nearly every profile of an open-innovation network uses (its own name, "participating company",
 * "support", "field", "case"…): they count for the score like any word, with the low weight their frequency gives
 * them, but shown as what two organisations have in common they explain nothing, so explanations pass over their
 * terms (as the analyser makes them: stems, stripped Korean words, their bigrams and concepts). Checked by hand.
 */
export const EXPLAIN_GENERIC_WORDS: readonly string[] = [
  'i-CON', '참여', '참여기관', '분야', '제공', '지원', '협력', '기업', '기관', '사업', '회원', '회원사', '관련', '기반', '다양한',
  '통해', '위한', '국내', '해외', '추진', '보유', '활용', '운영', '중심', '한국',
  'case', 'company', 'support', 'provide', 'field', 'member', 'partner', 'cooperation', 'collaboration', 'business',
  'based', 'program', 'programme', 'project', 'various', 'korea', 'korean', 'global',
  '스타트업', '기술', 'startup', 'technology',
];

/** Per-request defaults of `match`, `search` and `team`. */
export const REQUEST_DEFAULTS = {
  /** Results per match/search, range 1–200. Default 10. */
  limit: 10,
  /** Upper bound on `limit`. */
  maxLimit: 200,
  /** Shared terms, need→offer pairs and graph paths listed per explanation. Default 5 / 3 / 3. */
  explainTerms: 5,
  explainPairs: 3,
  explainPaths: 3,
  /**
   * Free-text search: weight of the offers field vs the whole profile (sum 1). A search asks "who can give me
   * this", so offers count most; the profile (which also holds the organisation's own needs) mainly breaks ties.
   * Default 0.8 / 0.2.
   */
  searchOffersWeight: 0.8,
  searchProfileWeight: 0.2,
  /** Teams: at most 4 members (range 2–6); a need counts as covered at match strength ≥ 0.1 (range 0–1). */
  teamMaxSize: 4,
  teamMinCover: 0.1,
  /** Teams: bonus for a member of a type not yet in the team, as a share of its gain, range [0, 1]. Default 0.25. */
  teamDiversityBonus: 0.25,
  /** Teams: candidates considered per need phrase. Default 50. */
  teamCandidatesPerNeed: 50,
} as const;
