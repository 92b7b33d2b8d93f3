/**
 * Explanations of a match, from the same feature rows that produced its score (so the contributions add up to
 * the interests exactly) and the same term vectors (so the shared terms are the ones that were counted).
 * Terms are shown as the original phrases of the profiles (`termSources`), never as stems.
 */
import type { Organization, OrgId } from '../domain/index.js';
import { displayName } from '../domain/index.js';
import { stripKoreanWord } from '../text/korean-suffixes.js';
import type { TermSources, Field } from './analyzer.js';
import type { ComponentName, Model } from './defaults.js';
import { COMPONENT_NAMES, FEATURE_COMPONENT, FEATURE_NAMES } from './defaults.js';
import type { QueryContext } from './features.js';
import { kindsOf } from './graph.js';
import { F, interest } from './score.js';
import { sideSentence } from './sentences.js';
import type { SparseVector } from './text-index.js';
import type { ComponentContribution, GraphPath, MatchExplanation, NeedOfferPair, Reason, SharedTerm } from './types.js';

export interface ExplainDeps {
  readonly ctx: QueryContext;
  readonly model: Model;
  readonly weights: Float64Array;
  readonly orgAt: (slot: number) => Organization | undefined;
  readonly sources: (slot: number, field: Field) => TermSources;
  readonly limits: { readonly terms: number; readonly pairs: number; readonly paths: number };
  /** Terms of words too common in a network's profiles to explain anything (`EXPLAIN_GENERIC_WORDS`); shown never. */
  readonly generic?: ReadonlySet<string>;
  /** Per term id, whether the query's own profile shows it as a topic (`telling`); filled as its matches are explained. */
  readonly ownTopics?: Map<number, boolean>;
}

/** Index in `COMPONENT_NAMES` of each feature's component, in feature order. */
const COMPONENT_OF = Int32Array.from(FEATURE_NAMES, (name) => COMPONENT_NAMES.indexOf(FEATURE_COMPONENT[name]));
/** Scratch sums of `componentContributions` (read out before it returns). */
const COMPONENT_SUMS = new Float64Array(COMPONENT_NAMES.length);
/** Index of each component in `COMPONENT_NAMES`. */
const C = Object.fromEntries(COMPONENT_NAMES.map((c, i) => [c, i])) as Readonly<Record<ComponentName, number>>;

/**
 * Contribution of each component to one side: Σ_{i ∈ component} w_i·f_i, added in feature order. Runs for every
 * match served, so it sums into a typed row instead of building objects per feature.
 */
export function componentContributions(weights: Float64Array, row: ArrayLike<number>): Record<ComponentName, number> {
  const s = COMPONENT_SUMS.fill(0);
  for (let i = 0; i < COMPONENT_OF.length; i++) s[COMPONENT_OF[i]!]! += weights[i]! * row[i]!;
  // a literal in COMPONENT_NAMES order (the served JSON's key order), not five stores by computed key
  return { topical: s[C.topical]!, complementarity: s[C.complementarity]!, typePrior: s[C.typePrior]!, graph: s[C.graph]!, activity: s[C.activity]! };
}

/** Per component, the mean of the two sides' contributions (a `Match`'s components). */
export function meanContributions(you: Readonly<Record<ComponentName, number>>, them: Readonly<Record<ComponentName, number>>): Record<ComponentName, number> {
  return {
    topical: (you.topical + them.topical) / 2,
    complementarity: (you.complementarity + them.complementarity) / 2,
    typePrior: (you.typePrior + them.typePrior) / 2,
    graph: (you.graph + them.graph) / 2,
    activity: (you.activity + them.activity) / 2,
  };
}

/** Shared terms of two vectors that say something (`skip`: see `untelling`), each with the original words of both sides. */
function sharedTerms(
  deps: ExplainDeps,
  q: SparseVector,
  field: Field,
  b: number,
  yours: TermSources,
  theirs: TermSources,
  skip: (id: number) => boolean,
): SharedTerm[] {
  return deps.ctx.index
    .sharedTerms(q, field, b, deps.limits.terms, skip)
    .map(({ term, id, contribution }) => ({ term, yours: firstThree(yours.get(term, id), term), theirs: firstThree(theirs.get(term, id), term), weight: contribution }));
}

/**
 * Which shared terms an explanation passes over, decided on the query's side, once per term for all its matches
 * (`ownTopics`; `yours` are the query's profile sources): a generic word, or no topic in the query's own words (a
 * bigram inside 시스템 is inside a word on this side as on the other, 씨스템).
 */
function untelling(deps: ExplainDeps, yours: TermSources): (id: number) => boolean {
  const terms = deps.ctx.index.terms;
  return (id) => {
    let shown = deps.ownTopics?.get(id);
    if (shown === undefined) {
      const term = terms[id]!;
      shown = deps.generic?.has(term) !== true && telling(term, yours.get(term, id));
      deps.ownTopics?.set(id, shown);
    }
    return !shown;
  };
}

const isSyllable = (c: number): boolean => c >= 0xac00 && c <= 0xd7a3;
const JAMO = /[\u1100-\u11ff\u3130-\u318f]/;

/**
 * Whether a shared term says something to a reader of its sources. A Korean index term can be a syllable bigram
 * found inside a longer word ('스템' in both 시스템 and 씨스템, '클라' in 클라우드) or the stem of a verb form
 * ('참여' of 참여해): it counts for the score, but shown as a shared topic it is a coincidence of spelling. So a
 * Hangul term is shown only when it is some source word itself, or that word without its particle (현장에서 →
 * 현장, as the analyser strips it); concepts and Latin terms always are (their sources are whole words or the
 * phrase a concept was found in). Runs for every shown match: occurrences are found with indexOf, not by
 * splitting every source into words.
 */
export function telling(term: string, sources: readonly string[] | undefined): boolean {
  if (sources === undefined || term.startsWith('c:') || !isSyllable(term.charCodeAt(0))) return true;
  for (const raw of sources) {
    // terms are NFKC; a source typed in decomposed jamo is composed first (lower-casing leaves Hangul alone)
    const s = JAMO.test(raw) ? raw.normalize('NFKC') : raw;
    for (let at = s.indexOf(term); at !== -1; at = s.indexOf(term, at + 1)) {
      // a syllable before it makes it the inside of a word; Latin letters or digits do not (5G스마트공장)
      if (at > 0 && isSyllable(s.charCodeAt(at - 1))) continue;
      let end = at + term.length;
      while (end < s.length && isSyllable(s.charCodeAt(end))) end++;
      if (end === at + term.length || stripKoreanWord(s.slice(at, end)) === term) return true;
    }
  }
  return false;
}

/**
 * The first three sources of a term, or the term itself when it has none. A list of three or fewer is shown as it
 * is (read-only, like everything a result holds), not copied.
 */
function firstThree(sources: readonly string[] | undefined, term: string): readonly string[] {
  return sources === undefined ? [term] : sources.length <= 3 ? sources : sources.slice(0, 3);
}

/**
 * Need→offer pairs behind a complementarity cosine: every shared term links each need phrase that produced it
 * to each offer phrase that produced it; a pair's weight is the sum of its terms' shares of the cosine. The
 * strongest `limit`, by weight descending, then need + offer ascending, ties in order of first appearance.
 */
export function needOfferPairs(
  shared: readonly { term: string; id?: number; contribution: number }[],
  needs: TermSources,
  offers: TermSources,
  limit: number,
): NeedOfferPair[] {
  // pairs in order of first appearance, found by a linear search while they are few (~4 on average), then by
  // need and offer (no concatenated key to build and hash)
  const pairs: Pair[] = [];
  let byNeed: Map<string, Map<string, Pair>> | undefined;
  for (const { term, id, contribution } of shared) {
    const needList = needs.get(term, id);
    if (needList === undefined || needList.length === 0) continue;
    const offerList = offers.get(term, id);
    if (offerList === undefined) continue;
    for (const need of needList) {
      for (const offer of offerList) {
        const p = byNeed === undefined ? findPair(pairs, need, offer) : byNeed.get(need)?.get(offer);
        if (p !== undefined) {
          p.terms.push(term);
          p.weight += contribution;
          continue;
        }
        const fresh = { need, offer, terms: [term], weight: contribution };
        pairs.push(fresh);
        if (byNeed !== undefined) indexPair(byNeed, fresh);
        else if (pairs.length > LINEAR_PAIRS) {
          byNeed = new Map();
          for (const q of pairs) indexPair(byNeed, q);
        }
      }
    }
  }
  return strongestPairs(pairs, limit);
}

type Pair = { need: string; offer: string; terms: string[]; weight: number };

/** Pairs looked up by a linear search up to this many. */
const LINEAR_PAIRS = 16;

function findPair(pairs: readonly Pair[], need: string, offer: string): Pair | undefined {
  for (const p of pairs) if (p.need === need && p.offer === offer) return p;
  return undefined;
}

function indexPair(byNeed: Map<string, Map<string, Pair>>, p: Pair): void {
  let byOffer = byNeed.get(p.need);
  if (byOffer === undefined) byNeed.set(p.need, (byOffer = new Map()));
  byOffer.set(p.offer, p);
}

/**
 * The first `limit` pairs of the order weight descending, need + offer ascending, appearance: a stable sort and
 * a slice, done by insertion into the kept list (a handful of pairs, limit 3).
 */
function strongestPairs(pairs: readonly Pair[], limit: number): Pair[] {
  const top: Pair[] = [];
  for (const p of pairs) {
    let i = top.length;
    while (i > 0 && pairBefore(p, top[i - 1]!)) i--;
    if (i >= limit) continue;
    // shift the weaker ones right (the last falls off a full list)
    if (top.length < limit) top.push(p);
    for (let j = top.length - 1; j > i; j--) top[j] = top[j - 1]!;
    top[i] = p;
  }
  return top;
}

function pairBefore(x: Pair, y: Pair): boolean {
  return x.weight > y.weight || (x.weight === y.weight && concatLess(x.need, x.offer, y.need, y.offer));
}

/** x1 + x2 < y1 + y2 (by UTF-16 code units, as `<` compares strings) without building the two strings. */
export function concatLess(x1: string, x2: string, y1: string, y2: string): boolean {
  const xn = x1.length + x2.length;
  const yn = y1.length + y2.length;
  const n = xn < yn ? xn : yn;
  for (let i = 0; i < n; i++) {
    const a = i < x1.length ? x1.charCodeAt(i) : x2.charCodeAt(i - x1.length);
    const b = i < y1.length ? y1.charCodeAt(i) : y2.charCodeAt(i - y1.length);
    if (a !== b) return a < b;
  }
  return xn < yn;
}

/**
 * The explanation of match (A = ctx.a, B = b) with feature rows ab = f(A→B), ba = f(B→A); `contributions`, when the
 * caller has them, are `componentContributions` of ab and ba.
 */
export function explainMatch(
  deps: ExplainDeps,
  b: number,
  ab: Float64Array,
  ba: Float64Array,
  contributions?: { readonly you: Record<ComponentName, number>; readonly them: Record<ComponentName, number> },
): MatchExplanation {
  const { ctx, model, weights: w } = deps;
  const a = ctx.a;
  const orgA = deps.orgAt(a)!;
  const orgB = deps.orgAt(b)!;
  const cyou = contributions?.you ?? componentContributions(w, ab);
  const cthem = contributions?.them ?? componentContributions(w, ba);
  const components: ComponentContribution[] = COMPONENT_NAMES.map((c) => ({ component: c, forYou: cyou[c], forThem: cthem[c] }));
  const mean = meanContributions(cyou, cthem);

  const reasons: Reason[] = [];
  const yours = deps.sources(a, 'profile');
  const skip = untelling(deps, yours);
  if (ab[F.topical]! > 0) {
    reasons.push({
      kind: 'shared_topics',
      contribution: mean.topical,
      similarity: ab[F.topical]!,
      terms: sharedTerms(deps, ctx.profile, 'profile', b, yours, deps.sources(b, 'profile'), skip),
    });
  }
  if (ab[F.complementarity]! > 0) {
    // the pairs rest on telling terms only (as shared topics do); the similarity and contribution on all of them
    const shared = ctx.index.sharedTerms(ctx.needs, 'offers', b, Infinity, skip);
    reasons.push({
      kind: 'need_offer',
      direction: 'they_offer',
      contribution: (w[F.complementarity]! * ab[F.complementarity]!) / 2,
      similarity: ab[F.complementarity]!,
      pairs: needOfferPairs(shared, deps.sources(a, 'needs'), deps.sources(b, 'offers'), deps.limits.pairs),
    });
  }
  if (ba[F.complementarity]! > 0) {
    const shared = ctx.index.sharedTerms(ctx.offers, 'needs', b, Infinity, skip);
    reasons.push({
      kind: 'need_offer',
      direction: 'you_offer',
      contribution: (w[F.complementarity]! * ba[F.complementarity]!) / 2,
      similarity: ba[F.complementarity]!,
      pairs: needOfferPairs(shared, deps.sources(b, 'needs'), deps.sources(a, 'offers'), deps.limits.pairs),
    });
  }
  reasons.push({ kind: 'type_fit', contribution: mean.typePrior, yourType: orgA.type, theirType: orgB.type, prior: ab[F.typePrior]! });
  const paths: GraphPath[] = [];
  for (const p of ctx.graph.paths(a, b, deps.limits.paths)) {
    const via = deps.orgAt(p.via);
    // an organisation that opted out is never named to others, not even as a go-between (its ties still count)
    if (via !== undefined && via.optedOut !== true) paths.push({ via: via.id as OrgId, viaName: { ko: displayName(via, 'ko'), en: displayName(via, 'en') }, yourTie: kindsOf(p.kindsA), theirTie: kindsOf(p.kindsB) });
  }
  const cn = ctx.walk.touched.has(b) ? ctx.walk.cn[b]! : 0;
  if (mean.graph !== 0 || paths.length > 0) reasons.push({ kind: 'network', contribution: mean.graph, commonPartners: cn, paths });
  if (ab[F.activity]! > 0 || ba[F.activity]! > 0) {
    // the counts act(v) was computed from (`activityOf`), not the all-time partner counts
    reasons.push({ kind: 'activity', contribution: mean.activity, recentProjects: recentOf(ctx, b), yourRecentProjects: recentOf(ctx, a) });
  }
  sortByContribution(reasons);

  const names = { ko: displayName(orgB, 'ko'), en: displayName(orgB, 'en') };
  return {
    kind: 'match',
    interest: { forYou: interest(model, w, ab), forThem: interest(model, w, ba) },
    combination: model.reciprocal,
    components,
    reasons,
    whyThem: sideSentence('them', reasons, sideContributions(reasons, cyou, 'they_offer'), names, orgA.type, orgB.type),
    whyYou: sideSentence('you', reasons, sideContributions(reasons, cthem, 'you_offer'), names, orgA.type, orgB.type),
  };
}

/** r(v): the recent evidence groups of v (`recentGroupCounts`), 0 for a node the graph does not know yet. */
function recentOf(ctx: QueryContext, v: number): number {
  return v < ctx.graph.n ? ctx.graph.recent[v]! : 0;
}

/** Sorts reasons by contribution descending, ties in the given order (a stable insertion sort: at most six). */
function sortByContribution(reasons: Reason[]): void {
  for (let i = 1; i < reasons.length; i++) {
    const r = reasons[i]!;
    let j = i;
    while (j > 0 && reasons[j - 1]!.contribution < r.contribution) {
      reasons[j] = reasons[j - 1]!;
      j--;
    }
    reasons[j] = r;
  }
}

/**
 * What each reason adds to one side's interest, aligned with `reasons`: its component's contribution to that side
 * (`own` = `componentContributions` of the side's row; a need met by an offer only in the side's own direction
 * `dirOwn`, 0 in the other).
 */
function sideContributions(reasons: readonly Reason[], own: Readonly<Record<ComponentName, number>>, dirOwn: 'they_offer' | 'you_offer'): number[] {
  const out: number[] = new Array(reasons.length);
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i]!;
    switch (r.kind) {
      case 'shared_topics':
        out[i] = own.topical;
        break;
      case 'need_offer':
        out[i] = r.direction === dirOwn ? own.complementarity : 0;
        break;
      case 'type_fit':
        out[i] = own.typePrior;
        break;
      case 'network':
        out[i] = own.graph;
        break;
      case 'activity':
        out[i] = own.activity;
        break;
    }
  }
  return out;
}
