/**
 * Free-text search: what a startup types ("머신비전 불량검사", "clinical validation partner") against what
 * organisations offer and their whole profiles. A search asks "who can give me this", so an organisation that
 * only *needs* it must not fill the list: the profile part (which holds the organisation's own needs too) is
 * damped by how much the query reads like those needs.
 *
 *     score(d) = w_offers · cos(q, offers_d) + w_profile · cos(q, profile_d) · (1 − cos(q, needs_d))
 *
 * with the weights of `REQUEST_DEFAULTS` (both ≥ 0); exact (every posting of the query terms is walked, queries are
 * short; each cosine is known from its float32 accumulator within [e·down, e·up] (`accSlack`), which bounds the
 * score from both sides, and the candidates whose upper bound reaches the k-th lower bound are scored by merging
 * their term lists). The phrases shown as matched are the organisation's own, never its needs nor the network's
 * generic words (`EXPLAIN_GENERIC_WORDS`), and a hit with nothing of its own matched is not listed (twice the limit are ranked, the first `limit` with a match kept).
 */
import { REQUEST_DEFAULTS } from './defaults.js';
import type { EngineView } from './engine.js';
import type { CandidateFilters } from './filters.js';
import { boundedTopK } from './heap.js';
import { accSlack } from './text-index.js';
import type { SearchExplanation, SearchHit, SearchResult } from './types.js';

export function searchProfiles(
  view: EngineView,
  text: string,
  opts: CandidateFilters & { readonly limit: number },
  blocked: ReadonlySet<number>,
): SearchResult {
  const { index, workspace: ws } = view;
  const q = index.vectorOfTerms(view.analyzer.analyze(text));
  ws.fit(index.slotCount);
  ws.reset();
  index.accumulate(q, 'offers', ws.accAB, ws.touched, Infinity);
  index.accumulate(q, 'profile', ws.accTop, ws.touched, Infinity);
  index.accumulate(q, 'needs', ws.accBA, ws.touched, Infinity);
  const wo = REQUEST_DEFAULTS.searchOffersWeight;
  const wp = REQUEST_DEFAULTS.searchProfileWeight;
  const invOffers = index.invNormArray('offers');
  const invProfile = index.invNormArray('profile');
  const invNeeds = index.invNormArray('needs');
  const allow = view.allow(opts, blocked);
  // the accumulators give the score up to float32 rounding: the candidates near the top are scored exactly
  const allowed: number[] = [];
  for (let i = 0; i < ws.touched.size; i++) if (allow(ws.touched.list[i]!)) allowed.push(ws.touched.list[i]!);
  const { accAB, accTop, accBA } = ws;
  /** The cosines of each candidate scored exactly, kept for its explanation. */
  const cosines = new Map<number, { offers: number; profile: number; needs: number }>();
  const exact = (d: number) => {
    const c = { offers: index.cosine(q, 'offers', d), profile: index.cosine(q, 'profile', d), needs: index.cosine(q, 'needs', d) };
    cosines.set(d, c);
    return wo * c.offers + wp * c.profile * (1 - Math.min(1, c.needs));
  };
  const { up, down } = accSlack(q);
  const eo = (d: number) => accAB[d]! * q.invNorm * invOffers[d]!;
  const ep = (d: number) => accTop[d]! * q.invNorm * invProfile[d]!;
  const en = (d: number) => accBA[d]! * q.invNorm * invNeeds[d]!;
  // twice the limit are ranked, as a hit with nothing of its own matched (its needs alone) is dropped below
  const heap = boundedTopK(
    2 * opts.limit,
    view.idOf,
    allowed,
    (d) => (wo * eo(d) + wp * ep(d) * Math.max(0, 1 - en(d) * up)) * down,
    (d) => (wo * eo(d) + wp * ep(d) * Math.max(0, 1 - en(d) * down)) * up,
    exact,
  );
  ws.reset();

  // query term → the words of the query it came from
  const querySurfaces = new Map<string, string[]>();
  const pairs = view.analyzer.analyzeWithSurface?.(text) ?? view.analyzer.analyze(text).map((t) => ({ term: t, surface: t }));
  for (const { term, surface } of pairs) {
    const list = querySurfaces.get(term) ?? [];
    if (!list.includes(surface)) list.push(surface);
    querySurfaces.set(term, list);
  }

  const generic = view.genericTerms();
  const results: SearchHit[] = [];
  for (const { slot, score } of heap.sorted()) {
    if (results.length === opts.limit) break;
    const org = view.orgAt(slot)!;
    const matched = new Map<string, { term: string; query: string[]; phrases: string[]; weight: number }>();
    const needs = view.sources(slot, 'needs');
    const add = (field: 'offers' | 'profile', weight: number) => {
      const sources = view.sources(slot, field);
      for (const t of index.sharedTerms(q, field, slot)) {
        // the network's generic words ("partner", "지원") count for the score but say nothing as a match
        if (generic.has(t.term)) continue;
        // a term only the organisation's needs hold is not something it offers
        const all = sources.get(t.term, t.id) ?? [];
        const phrases = field === 'offers' ? all : all.filter((p) => !(needs.get(t.term, t.id) ?? []).includes(p));
        if (all.length > 0 && phrases.length === 0) continue;
        let m = matched.get(t.term);
        if (m === undefined) matched.set(t.term, (m = { term: t.term, query: querySurfaces.get(t.term) ?? [t.term], phrases: [], weight: 0 }));
        m.weight += weight * t.contribution;
        for (const p of phrases) if (!m.phrases.includes(p) && m.phrases.length < 3) m.phrases.push(p);
      }
    };
    add('offers', wo);
    add('profile', wp);
    if (matched.size === 0) continue;
    const explanation: SearchExplanation = {
      kind: 'search',
      matched: [...matched.values()].sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : 1)).slice(0, REQUEST_DEFAULTS.explainTerms),
      offersSimilarity: cosines.get(slot)!.offers,
      profileSimilarity: cosines.get(slot)!.profile,
    };
    results.push({ id: org.id, name: org.name, type: org.type, score, explanation });
  }
  return { query: text, modelVersion: view.model.version, results };
}
