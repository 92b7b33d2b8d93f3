/**
 * Free-text search: what a startup types ("머신비전 불량검사", "clinical validation partner") against what
 * organisations offer and their whole profiles.
 *
 *     score(d) = w_offers · cos(q, offers_d) + w_profile · cos(q, profile_d)
 *
 * with the weights of `REQUEST_DEFAULTS` (both ≥ 0); exact (every posting of the query terms is walked, queries are short,
 * and the few candidates within float32 rounding of the top are scored by merging their term lists).
 */
import { REQUEST_DEFAULTS } from './defaults.js';
import type { EngineView } from './engine.js';
import type { CandidateFilters } from './filters.js';
import { exactTopK } from './heap.js';
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
  const wo = REQUEST_DEFAULTS.searchOffersWeight;
  const wp = REQUEST_DEFAULTS.searchProfileWeight;
  const invOffers = index.invNormArray('offers');
  const invProfile = index.invNormArray('profile');
  const allow = view.allow(opts, blocked);
  // the accumulators give the score up to float32 rounding: the candidates near the top are scored exactly
  const allowed: number[] = [];
  for (let i = 0; i < ws.touched.size; i++) if (allow(ws.touched.list[i]!)) allowed.push(ws.touched.list[i]!);
  const { accAB, accTop } = ws;
  /** Both cosines of each candidate scored exactly, kept for its explanation. */
  const cosines = new Map<number, { offers: number; profile: number }>();
  const exact = (d: number) => {
    const c = { offers: index.cosine(q, 'offers', d), profile: index.cosine(q, 'profile', d) };
    cosines.set(d, c);
    return wo * c.offers + wp * c.profile;
  };
  const heap = exactTopK(
    opts.limit,
    view.idOf,
    allowed,
    (d) => wo * accAB[d]! * q.invNorm * invOffers[d]! + wp * accTop[d]! * q.invNorm * invProfile[d]!,
    accSlack(q),
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

  const results: SearchHit[] = heap.sorted().map(({ slot, score }) => {
    const org = view.orgAt(slot)!;
    const matched = new Map<string, { term: string; query: string[]; phrases: string[]; weight: number }>();
    const add = (field: 'offers' | 'profile', weight: number) => {
      const sources = view.sources(slot, field);
      for (const t of index.sharedTerms(q, field, slot)) {
        let m = matched.get(t.term);
        if (m === undefined) matched.set(t.term, (m = { term: t.term, query: querySurfaces.get(t.term) ?? [t.term], phrases: [], weight: 0 }));
        m.weight += weight * t.contribution;
        for (const p of sources.get(t.term, t.id) ?? []) if (!m.phrases.includes(p) && m.phrases.length < 3) m.phrases.push(p);
      }
    };
    add('offers', wo);
    add('profile', wp);
    const explanation: SearchExplanation = {
      kind: 'search',
      matched: [...matched.values()].sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : 1)).slice(0, REQUEST_DEFAULTS.explainTerms),
      offersSimilarity: cosines.get(slot)!.offers,
      profileSimilarity: cosines.get(slot)!.profile,
    };
    return { id: org.id, name: org.name, type: org.type, score, explanation };
  });
  return { query: text, modelVersion: view.model.version, results };
}
