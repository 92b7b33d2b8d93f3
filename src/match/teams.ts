/**
 * Teams: for a demand (need phrases), a small consortium whose offers together cover the needs, mixing types —
 * the Daesun Brewery case (5G system integrator + machine-vision company + university image-learning lab).
 *
 * Match strength of organisation c for need i: m(c,i) = √(cov(need_i, offers_c) · cos(need_i, offers_c)), counted
 * only when ≥ minCover and the two share a term that says something (not a generic word of the network, nor a
 * syllable bigram inside a word of the need: `telling`), where cov is the share of the need's squared term
 * weight that c's offers contain. Cosine
 * alone would favour terse offers ("5G network") over detailed ones that cover more of the need ("5G smart
 * factory system integration"); coverage alone would favour whoever lists everything.
 * Greedy weighted set cover: repeatedly add the organisation with the largest
 *
 *     gain(c) = Σ_i max(0, m(c,i) − covered_i) · (1 + bonus · [type(c) not yet in the team])
 *
 * where covered_i is the best strength of the team so far on need i; stop at `maxSize` members or when nobody
 * adds coverage. Ties go to the smaller id. Greedy set cover is within a factor ln(#needs)+1 of the best cover.
 */
import type { OrgId } from '../domain/index.js';
import { displayName } from '../domain/index.js';
import { REQUEST_DEFAULTS } from './defaults.js';
import type { EngineView } from './engine.js';
import { needOfferPairs, telling } from './explain.js';
import { exactTopK } from './heap.js';
import { TYPE_LABEL, josa, particle } from './sentences.js';
import { accSlack, type SparseVector } from './text-index.js';
import type { NeedOfferPair, TeamMember, TeamOptions, TeamResult } from './types.js';

export function assembleTeam(
  view: EngineView,
  needs: readonly string[],
  self: number | undefined,
  opts: TeamOptions,
  blocked: ReadonlySet<number>,
): TeamResult {
  const { index, workspace: ws } = view;
  const maxSize = Math.max(1, opts.maxSize ?? REQUEST_DEFAULTS.teamMaxSize);
  const minCover = REQUEST_DEFAULTS.teamMinCover;
  const queries: SparseVector[] = needs.map((n) => index.vectorOfTerms(view.analyzer.analyze(n)));
  const allow = view.allow(opts, blocked);

  // candidate pool: the best offers for each need
  const pool = new Set<number>();
  const invOffers = index.invNormArray('offers');
  ws.fit(index.slotCount);
  for (const q of queries) {
    ws.reset();
    index.accumulate(q, 'offers', ws.accAB, ws.touched, Infinity);
    const allowed: number[] = [];
    for (let i = 0; i < ws.touched.size; i++) {
      const d = ws.touched.list[i]!;
      if (d !== self && allow(d)) allowed.push(d);
    }
    const { accAB } = ws;
    const heap = exactTopK(
      REQUEST_DEFAULTS.teamCandidatesPerNeed,
      view.idOf,
      allowed,
      (d) => accAB[d]! * q.invNorm * invOffers[d]!,
      accSlack(q),
      (d) => index.cosine(q, 'offers', d),
    );
    for (const { slot } of heap.sorted()) pool.add(slot);
  }
  ws.reset();

  const candidates = [...pool].sort((x, y) => (view.idOf(x) < view.idOf(y) ? -1 : 1));
  const strength = new Map<number, Float64Array>();
  const generic = view.genericTerms();
  // a need is met only through a term that says something: not a generic word, nor a bigram inside a word of it
  const untelling = (i: number) => (id: number) => generic.has(index.terms[id]!) || !telling(index.terms[id]!, [needs[i]!]);
  for (const c of candidates) {
    strength.set(
      c,
      Float64Array.from(queries, (q, i) => {
        const m = Math.sqrt(index.coverage(q, 'offers', c) * index.cosine(q, 'offers', c));
        return m >= minCover && index.sharedTerms(q, 'offers', c, 1, untelling(i)).length > 0 ? m : 0;
      }),
    );
  }

  const covered = new Float64Array(needs.length);
  const team: number[] = [];
  const teamTypes = new Set<string>();
  while (team.length < maxSize) {
    let best = -1;
    let bestGain = 0;
    for (const c of candidates) {
      if (team.includes(c)) continue;
      const m = strength.get(c)!;
      let gain = 0;
      for (let i = 0; i < needs.length; i++) gain += Math.max(0, m[i]! - covered[i]!);
      if (!teamTypes.has(view.orgAt(c)!.type)) gain *= 1 + REQUEST_DEFAULTS.teamDiversityBonus;
      if (gain > bestGain + 1e-12) {
        best = c;
        bestGain = gain;
      }
    }
    if (best < 0) break;
    team.push(best);
    teamTypes.add(view.orgAt(best)!.type);
    const m = strength.get(best)!;
    for (let i = 0; i < needs.length; i++) covered[i] = Math.max(covered[i]!, m[i]!);
  }

  // who covers what: each need goes to the member with the strongest match
  const coveredBy = needs.map((_, i) => {
    let who = -1;
    let s = 0;
    for (const c of team) {
      const v = strength.get(c)![i]!;
      if (v > s) {
        who = c;
        s = v;
      }
    }
    return { who, s };
  });
  const members: TeamMember[] = team.map((c) => {
    const org = view.orgAt(c)!;
    const covers: NeedOfferPair[] = [];
    coveredBy.forEach(({ who }, i) => {
      if (who !== c) return;
      const need = needs[i]!;
      const shared = index.sharedTerms(queries[i]!, 'offers', c, Infinity, untelling(i));
      const needSources = new Map(shared.map((t) => [t.term, [need]]));
      const pair = needOfferPairs(shared, needSources, view.sources(c, 'offers'), 1)[0];
      covers.push(pair ?? { need, offer: '', terms: [], weight: strength.get(c)![i]! });
    });
    return { id: org.id, name: org.name, type: org.type, explanation: { kind: 'team_member', covers, reason: memberReason(displayName(org, 'ko'), displayName(org, 'en'), org.type, covers) } };
  });
  const result = needs.map((need, i) => {
    const { who, s } = coveredBy[i]!;
    return who < 0 ? { need, strength: 0 } : { need, coveredBy: view.idOf(who) as OrgId, strength: s };
  });
  return {
    modelVersion: view.model.version,
    needs: result,
    members,
    coverage: needs.length === 0 ? 0 : result.filter((r) => r.coveredBy !== undefined).length / needs.length,
  };
}

function memberReason(ko: string, en: string, type: keyof typeof TYPE_LABEL, covers: readonly NeedOfferPair[]): { ko: string; en: string } {
  const label = TYPE_LABEL[type];
  // the particle agrees with the name, not with the type label in brackets after it: 위즈코어(중소기업)는
  const subject = `${ko}(${label.ko})${particle(ko, '은/는')}`;
  if (covers.length === 0) return { ko: `${subject} 보완적인 역량을 더합니다.`, en: `${en} (${label.en}) adds complementary capabilities.` };
  const shown = covers.slice(0, 2);
  const object = `${shown.map((p) => `‘${p.need}’ 수요에 ‘${p.offer}’`).join(', ')}${covers.length > 2 ? ' 등' : ''}`;
  return {
    ko: `${subject} ${josa(object, '을/를')} 제공합니다.`,
    en: `${en} (${label.en}) covers ${shown.map((p) => `“${p.need}” with “${p.offer}”`).join(' and ')}${covers.length > 2 ? ', among others' : ''}.`,
  };
}
