/**
 * The analyser the engine is given (MiniSearch style: passed in, not imported), and how a profile is cut into
 * the three indexed fields. `src/text`'s `createAnalyzer()` satisfies this interface structurally.
 */
import type { Organization } from '../domain/index.js';

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

export type FieldTerms = Readonly<Record<Field, readonly string[]>>;

/** The terms of each field of a profile (with repeats), the input of `TextIndex.setDocument`. */
export function analyzeOrganization(org: Organization, analyzer: Analyzer): FieldTerms {
  const terms = (field: Field) => fieldPhrases(org, field).flatMap((p) => analyzer.analyze(p.text));
  // offers and needs phrases are analysed twice (own field and profile); cheap next to the description.
  return { profile: terms('profile'), offers: terms('offers'), needs: terms('needs') };
}

/** Where a term of a field came from: the list phrases that produced it, or the surface word in free text. */
export interface TermSources {
  get(term: string): readonly string[] | undefined;
}

/**
 * Term → original phrases of one field, for explanations: list items map to the whole phrase
 * ("machine vision defect inspection"), the description and names to the surface words the analyser reports
 * (`analyzeWithSurface`), or to the term itself when the analyser cannot say. List phrases come first; the
 * description (the long part) is analysed only when a term is not found in them.
 */
export function termSources(org: Organization, field: Field, analyzer: Analyzer): TermSources {
  const free = (p: ProfilePhrase) => p.source === 'description' || p.source === 'name';
  const phrases = fieldPhrases(org, field);
  const collect = (list: readonly ProfilePhrase[]) => {
    const out = new Map<string, string[]>();
    const add = (term: string, phrase: string) => {
      const l = out.get(term);
      if (l === undefined) out.set(term, [phrase]);
      else if (!l.includes(phrase)) l.push(phrase);
    };
    for (const p of list) {
      if (!free(p)) for (const term of analyzer.analyze(p.text)) add(term, p.text.trim());
      else if (analyzer.analyzeWithSurface !== undefined) for (const { term, surface } of analyzer.analyzeWithSurface(p.text)) add(term, surface.trim());
      else for (const term of analyzer.analyze(p.text)) add(term, term);
    }
    return out;
  };
  const listed = collect(phrases.filter((p) => !free(p)));
  let freeText: Map<string, string[]> | undefined;
  return {
    get(term) {
      const hit = listed.get(term);
      if (hit !== undefined) return hit;
      freeText ??= collect(phrases.filter(free));
      return freeText.get(term);
    },
  };
}
