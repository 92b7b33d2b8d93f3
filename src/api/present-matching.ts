/** Allow-list mappers of the engine's results (see `present.ts` for why field by field). */
import type { z } from 'zod';
import type { Organization } from '../domain/index.js';
import type { GraphPath, Match, MatchExplanation, MatchResult, NeedOfferPair, OrgSummary, Reason, SearchResult, TeamResult } from '../match/types.js';
import type { OpportunityList } from './deps.js';
import type { MatchExplanationSchema, MatchListSchema, OpportunityListSchema, ReasonSchema, SearchResultSchema, TeamResultSchema } from './responses-matching.js';

type Out<S extends z.ZodType> = z.output<S>;

const name = (n: Organization['name']): Organization['name'] => ({ ...(n.ko !== undefined ? { ko: n.ko } : {}), ...(n.en !== undefined ? { en: n.en } : {}) });
const summary = (o: OrgSummary) => ({ id: o.id, name: name(o.name), type: o.type });
const components = (c: Match['components']): Match['components'] => ({
  topical: c.topical,
  complementarity: c.complementarity,
  typePrior: c.typePrior,
  graph: c.graph,
  activity: c.activity,
});
const needOffer = (p: NeedOfferPair) => ({ need: p.need, offer: p.offer, terms: [...p.terms], weight: p.weight });
const path = (p: GraphPath) => ({ via: p.via, viaName: { ko: p.viaName.ko, en: p.viaName.en }, yourTie: [...p.yourTie], theirTie: [...p.theirTie] });

function reason(r: Reason): Out<typeof ReasonSchema> {
  switch (r.kind) {
    case 'shared_topics':
      return {
        kind: r.kind,
        contribution: r.contribution,
        similarity: r.similarity,
        terms: r.terms.map((t) => ({ term: t.term, yours: [...t.yours], theirs: [...t.theirs], weight: t.weight })),
      };
    case 'need_offer':
      return { kind: r.kind, direction: r.direction, contribution: r.contribution, similarity: r.similarity, pairs: r.pairs.map(needOffer) };
    case 'type_fit':
      return { kind: r.kind, contribution: r.contribution, yourType: r.yourType, theirType: r.theirType, prior: r.prior };
    case 'network':
      return { kind: r.kind, contribution: r.contribution, commonPartners: r.commonPartners, paths: r.paths.map(path) };
    case 'activity':
      return { kind: r.kind, contribution: r.contribution, recentProjects: r.recentProjects, yourRecentProjects: r.yourRecentProjects };
  }
}

function matchExplanation(e: MatchExplanation): Out<typeof MatchExplanationSchema> {
  return {
    kind: 'match',
    interest: { forYou: e.interest.forYou, forThem: e.interest.forThem },
    combination: e.combination,
    components: e.components.map((c) => ({ component: c.component, forYou: c.forYou, forThem: c.forThem })),
    reasons: e.reasons.map(reason),
    whyThem: { ko: e.whyThem.ko, en: e.whyThem.en },
    whyYou: { ko: e.whyYou.ko, en: e.whyYou.en },
  };
}

export function toMatchList(r: MatchResult): Out<typeof MatchListSchema> {
  return {
    organization: r.organization,
    modelVersion: r.modelVersion,
    matches: r.matches.map((m) => ({
      ...summary(m),
      score: m.score,
      ...(m.alreadyPartners !== undefined ? { alreadyPartners: [...m.alreadyPartners] } : {}),
      components: components(m.components),
      ...(m.explanation !== undefined ? { explanation: matchExplanation(m.explanation) } : {}),
    })),
  };
}

export function toSearchResult(r: SearchResult): Out<typeof SearchResultSchema> {
  return {
    query: r.query,
    modelVersion: r.modelVersion,
    results: r.results.map((h) => ({
      ...summary(h),
      score: h.score,
      explanation: {
        kind: 'search',
        matched: h.explanation.matched.map((m) => ({ term: m.term, query: [...m.query], phrases: [...m.phrases], weight: m.weight })),
        offersSimilarity: h.explanation.offersSimilarity,
        profileSimilarity: h.explanation.profileSimilarity,
      },
    })),
  };
}

export function toTeamResult(r: TeamResult): Out<typeof TeamResultSchema> {
  return {
    modelVersion: r.modelVersion,
    needs: r.needs.map((n) => ({ need: n.need, ...(n.coveredBy !== undefined ? { coveredBy: n.coveredBy } : {}), strength: n.strength })),
    members: r.members.map((m) => ({
      ...summary(m),
      explanation: { kind: 'team_member', covers: m.explanation.covers.map(needOffer), reason: { ko: m.explanation.reason.ko, en: m.explanation.reason.en } },
    })),
    coverage: r.coverage,
  };
}

export function toOpportunityList(r: OpportunityList): Out<typeof OpportunityListSchema> {
  return {
    sector: r.sector,
    modelVersion: r.modelVersion,
    pairs: r.pairs.map((p) => ({
      a: summary(p.a),
      b: summary(p.b),
      score: p.score,
      components: components(p.components),
      ...(p.explanation !== undefined ? { explanation: matchExplanation(p.explanation) } : {}),
    })),
  };
}
