/**
 * The analyser the engine is given (MiniSearch style: passed in, not imported), and how a profile is cut into
 * the three indexed fields. `src/text`'s `createAnalyzer()` satisfies this interface structurally.
 */
import type { Organization } from '../domain/index.js';
import { PHRASE_OVERFLOW } from './forward-store.js';

export interface Analyzer {
  /** Index terms of a text, in order, repeated as often as they occur (term frequency counts repeats). */
  analyze(text: string): readonly string[];
  /** The same terms, each with the text it came from; used for explanations when present. */
  analyzeWithSurface?(text: string): readonly { readonly term: string; readonly surface: string }[];
}

export const FIELDS = ['profile', 'offers', 'needs'] as const;
export type Field = (typeof FIELDS)[number];

/** One piece of profile text and where it comes from; list items are phrases, the description is one text. */
export interface ProfilePhrase {
  readonly source: 'name' | 'description' | 'technology' | 'offer' | 'need';
  readonly text: string;
}

/**
 * The phrases of each field: `profile` = names + description + technologies + offers + needs;
 * `offers` = offers + technologies (what the organisation can give); `needs` = needs.
 * Each phrase is analysed on its own so that no term spans two list items.
 */
export function fieldPhrases(org: Organization, field: Field): ProfilePhrase[] {
  const list = (source: ProfilePhrase['source'], items: readonly string[]) => items.map((text) => ({ source, text }));
  switch (field) {
    case 'offers':
      return [...list('offer', org.offers), ...list('technology', org.technologies)];
    case 'needs':
      return list('need', org.needs);
    case 'profile':
      return [
        ...list('name', [org.name.ko, org.name.en].filter((n): n is string => n !== undefined)),
        ...(org.description.trim() === '' ? [] : [{ source: 'description' as const, text: org.description }]),
        ...list('technology', org.technologies),
        ...list('offer', org.offers),
        ...list('need', org.needs),
      ];
  }
}

export type FieldTerms = Readonly<Record<Field, readonly string[]>> & {
  /**
   * For the list fields: the index of the phrase (in `fieldPhrases` order) that produced each term of
   * `offers` / `needs`, aligned with those arrays. Lets the index keep, per document and term, which list phrases
   * it came from, so explanations need not analyse the phrases again (`TextIndex.phraseMask`).
   */
  readonly phraseOf?: Readonly<Record<'offers' | 'needs', Uint8Array>>;
  /**
   * When asked for (`analyzeOrganization(…, { surfaces: true })`): each term of the free text (names, description)
   * → its distinct surface words in text order, exactly what `termSources` reports for a term that no list phrase
   * produced. The engine keeps them compactly (`SurfaceStore`) so explanations need not analyse the text again.
   */
  readonly freeSources?: ReadonlyMap<string, readonly string[]>;
};

/**
 * The terms of each field of a profile (with repeats), the input of `TextIndex.setDocument`. Each list phrase is
 * analysed once, though it belongs to two fields (its own and the profile); the profile's terms are the
 * concatenation in `fieldPhrases('profile')` order.
 */
export function analyzeOrganization(org: Organization, analyzer: Analyzer, opts: { readonly surfaces?: boolean } = {}): FieldTerms {
  const each = (items: readonly string[]) => items.map((text) => analyzer.analyze(text));
  const techs = each(org.technologies);
  const offers = each(org.offers);
  const needs = each(org.needs);
  const freePhrases = fieldPhrases(org, 'profile').filter(isFree);
  let free: string[];
  let freeSources: Map<string, string[]> | undefined;
  if (opts.surfaces === true) {
    // one analysis gives both the terms and their surfaces (`analyzeWithSurface` reports the same terms in order)
    freeSources = new Map();
    free = [];
    for (const p of freePhrases) for (const { term, surface } of occurrences(p.text, analyzer)) free.push(addSource(freeSources, term, surface.trim()));
  } else free = freePhrases.flatMap((p) => analyzer.analyze(p.text));
  const withPhrase = (lists: readonly (readonly string[])[]) => {
    const terms = lists.flat();
    const phraseOf = new Uint8Array(terms.length);
    let at = 0;
    lists.forEach((l, i) => {
      phraseOf.fill(Math.min(i, 255), at, at + l.length);
      at += l.length;
    });
    return { terms, phraseOf };
  };
  const o = withPhrase([...offers, ...techs]);
  const nd = withPhrase(needs);
  return {
    profile: [...free, ...techs.flat(), ...offers.flat(), ...needs.flat()],
    offers: o.terms,
    needs: nd.terms,
    phraseOf: { offers: o.phraseOf, needs: nd.phraseOf },
    ...(freeSources !== undefined ? { freeSources } : {}),
  };
}

/** Where a term of a field came from: the list phrases that produced it, or the surface word in free text. */
export interface TermSources {
  /** `id`: the index's id of `term` when the caller has it (saves looking the term up; same answer). */
  get(term: string, id?: number): readonly string[] | undefined;
}

function isFree(p: ProfilePhrase): boolean {
  return p.source === 'description' || p.source === 'name';
}

/** The terms of a free text with their surface words; the term itself when the analyser cannot say. */
function occurrences(text: string, analyzer: Analyzer): readonly { readonly term: string; readonly surface: string }[] {
  return analyzer.analyzeWithSurface?.(text) ?? analyzer.analyze(text).map((term) => ({ term, surface: term }));
}

/** Appends `phrase` to the sources of `term` unless already there; returns the term. */
function addSource(out: Map<string, string[]>, term: string, phrase: string): string {
  const l = out.get(term);
  if (l === undefined) out.set(term, [phrase]);
  else if (!l.includes(phrase)) l.push(phrase);
  return term;
}

/** Term → phrases (list items whole, free text as the surface words the analyser reports), in phrase order. */
function collectSources(list: readonly ProfilePhrase[], analyzer: Analyzer): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of list) {
    if (!isFree(p)) for (const term of analyzer.analyze(p.text)) addSource(out, term, p.text.trim());
    else for (const { term, surface } of occurrences(p.text, analyzer)) addSource(out, term, surface.trim());
  }
  return out;
}

/**
 * Term → original phrases of one field, for explanations: list items map to the whole phrase
 * ("machine vision defect inspection"), the description and names to the surface words the analyser reports
 * (`analyzeWithSurface`), or to the term itself when the analyser cannot say. List phrases come first; the
 * description (the long part) is analysed only when a term is not found in them.
 */
export function termSources(org: Organization, field: Field, analyzer: Analyzer): TermSources {
  const phrases = fieldPhrases(org, field);
  const listed = collectSources(phrases.filter((p) => !isFree(p)), analyzer);
  let freeText: Map<string, string[]> | undefined;
  return {
    get(term) {
      const hit = listed.get(term);
      if (hit !== undefined) return hit;
      freeText ??= collectSources(phrases.filter(isFree), analyzer);
      return freeText.get(term);
    },
  };
}

/**
 * Which list phrases of the indexed document produced `term` in a list field: bit i for phrase i of
 * `fieldPhrases(org, field)` (i < 31), bit 31 (`PHRASE_OVERFLOW`) for any phrase from 31 on, undefined when unknown.
 */
export type PhraseMaskOf = (field: 'offers' | 'needs', term: string, id?: number) => number | undefined;

/**
 * The surface words of `term` in the indexed document's free text (names, description), for a term no list phrase
 * produced: undefined when the document does not contain the term, null when the surfaces were not kept.
 */
export type FreeSourcesOf = (term: string, id?: number) => readonly string[] | undefined | null;

/** Appends to `out` the phrases texts[i] whose bit `from + i` is set in `mask` (trimmed, each once). */
function pick(out: string[], texts: readonly string[], mask: number, from: number): void {
  for (let i = 0; i < texts.length && from + i < 31; i++) {
    if ((mask & (1 << (from + i))) === 0) continue;
    const p = texts[i]!.trim();
    if (!out.includes(p)) out.push(p);
  }
}

/**
 * `termSources` without analysing the document again: which list phrases produced a term is read from the masks
 * the index kept (`maskOf`), the free text's surface words from what the engine kept (`freeOf`); the result is
 * the same (phrases in `fieldPhrases` order, each once). Falls back to `termSources` when a mask is unknown or
 * covers phrases from 31 on; analyses the free text as there, lazily, when `freeOf` is absent or answers null.
 */
export function indexedTermSources(org: Organization, field: Field, analyzer: Analyzer, maskOf: PhraseMaskOf, freeOf?: FreeSourcesOf): TermSources {
  let fallback: TermSources | undefined;
  let freeText: Map<string, string[]> | undefined;
  return {
    get(term, id) {
      const om = field === 'needs' ? 0 : maskOf('offers', term, id);
      const nm = field === 'offers' ? 0 : maskOf('needs', term, id);
      if (om === undefined || nm === undefined || (om & PHRASE_OVERFLOW) !== 0 || (nm & PHRASE_OVERFLOW) !== 0) {
        fallback ??= termSources(org, field, analyzer);
        return fallback.get(term);
      }
      const listed: string[] = [];
      if (field === 'offers') {
        // the offers field's phrases: offers, then technologies
        pick(listed, org.offers, om, 0);
        pick(listed, org.technologies, om, org.offers.length);
      }
      else if (field === 'needs') pick(listed, org.needs, nm, 0);
      else {
        // the profile's list phrases: technologies, offers, needs
        pick(listed, org.technologies, om, org.offers.length);
        pick(listed, org.offers, om, 0);
        pick(listed, org.needs, nm, 0);
      }
      if (listed.length > 0) return listed;
      if (field !== 'profile') return undefined;
      const kept = freeOf?.(term, id);
      if (kept !== undefined && kept !== null) return kept;
      if (kept === undefined && freeOf !== undefined) return undefined;
      freeText ??= collectSources(fieldPhrases(org, field).filter(isFree), analyzer);
      return freeText.get(term);
    },
  };
}
