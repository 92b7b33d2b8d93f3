/** Reasons as chips a person can read: query words with the profile phrases they hit, need → offer pairs. */
import type { NeedOffer, SearchHit, SharedTerm } from '../api/types';

/** Search matches grouped by the query words behind them, each with up to two distinct profile phrases. */
export function searchReasons(hit: SearchHit, max = 4): { words: string; phrases: string[] }[] {
  const groups = new Map<string, Set<string>>();
  for (const m of hit.explanation.matched) {
    const words = [...new Set(m.query)].join(' ');
    if (words === '') continue;
    const set = groups.get(words) ?? new Set<string>();
    for (const p of m.phrases) set.add(p);
    groups.set(words, set);
  }
  return [...groups].slice(0, max).map(([words, phrases]) => ({ words, phrases: [...phrases].slice(0, 2) }));
}

export function SearchChips(props: { hit: SearchHit }) {
  return (
    <ul class="chips" data-testid="reasons">
      {searchReasons(props.hit).map((r) => (
        <li key={r.words} class="chip">
          <b>{r.words}</b>
          <span class="arrow" aria-hidden="true">
            →
          </span>
          <span>{r.phrases.join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}

/** Distinct need → offer pairs, strongest first. */
export function NeedOfferChips(props: { pairs: readonly NeedOffer[]; max?: number }) {
  const seen = new Set<string>();
  const pairs = [...props.pairs]
    .sort((a, b) => b.weight - a.weight)
    .filter((p) => {
      const k = `${p.need}\u0000${p.offer}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .slice(0, props.max ?? 3);
  return (
    <ul class="chips">
      {pairs.map((p) => (
        <li key={`${p.need}→${p.offer}`} class="chip pair">
          <span>{p.need}</span>
          <span class="arrow" aria-hidden="true">
            →
          </span>
          <b>{p.offer}</b>
        </li>
      ))}
    </ul>
  );
}

/** Shared topics as the other side's phrases (what you would talk about). */
export function TopicChips(props: { terms: readonly SharedTerm[]; max?: number }) {
  const phrases = [...new Set(props.terms.flatMap((t) => t.theirs.slice(0, 1).concat(t.yours.slice(0, 1))))].slice(0, props.max ?? 4);
  return (
    <ul class="chips">
      {phrases.map((p) => (
        <li key={p} class="chip topic">
          {p}
        </li>
      ))}
    </ul>
  );
}
