/**
 * The bilingual synonym dictionary: concepts, each with Korean and English phrases that mean it. The file format
 * is TSV (the caller reads the file; parsing is pure):
 *
 * ```
 * # comments and blank lines are allowed anywhere
 * concept<TAB>ko<TAB>en
 * machine-vision<TAB>머신비전|비전검사<TAB>machine vision|vision inspection
 * ```
 *
 * `concept` is a kebab-case ASCII id (the analyser emits it as the term `c:<id>`); `ko` and `en` are
 * `|`-separated variant lists, either of which may be empty. Korean variants are Hangul syllables and spaces
 * (spaces are optional when matching: `머신 비전` = `머신비전`); English variants contain no Hangul and are matched
 * word by word after stemming and stop-word removal (`proof of concept` = `proofs of concept`).
 */
import { appError, type AppError, type FieldIssue } from '../domain/index.js';
import { dictionaryKey, tokenizeLatin, type LatinToken } from './english.js';
import { containsHangul, isAllHangul } from './hangul.js';
import { toNfkc } from './normalize.js';

export interface ConceptEntry {
  /** Kebab-case id, e.g. `machine-vision`. */
  readonly concept: string;
  readonly ko: readonly string[];
  readonly en: readonly string[];
  /** 1-based line of the entry in the source text, for messages. */
  readonly line: number;
}

export interface Dictionary {
  readonly entries: readonly ConceptEntry[];
}

/** A bad line: `line` is 1-based and counts comments and blank lines. */
export interface DictionaryIssue {
  readonly line: number;
  readonly reason: string;
}

export const DICTIONARY_HEADER = 'concept\tko\ten';

/** Prefix of concept terms. Surface terms never contain `:` (the tokenizers split on it), so they cannot collide. */
export const CONCEPT_PREFIX = 'c:';

export const EMPTY_DICTIONARY: Dictionary = { entries: [] };

const CONCEPT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The term the analyser emits for a concept id. */
export function conceptTerm(concept: string): string {
  return CONCEPT_PREFIX + concept;
}

export function isConceptTerm(term: string): boolean {
  return term.startsWith(CONCEPT_PREFIX);
}

/** `line N: reason`. */
export function formatDictionaryIssue(issue: DictionaryIssue): string {
  return `line ${issue.line}: ${issue.reason}`;
}

/** A Korean variant as the matcher sees it: NFKC, spaces removed (`머신 비전` → `머신비전`). */
export function koreanVariantKey(variant: string): string {
  return toNfkc(variant).replace(/\s+/g, '');
}

/** An English variant as the matcher sees it: the same tokens the analyser produces for text. */
export function englishVariantTokens(variant: string): LatinToken[] {
  const text = toNfkc(variant);
  const tokens: LatinToken[] = [];
  tokenizeLatin(text, 0, text.length, tokens);
  return tokens;
}

/**
 * Parses and checks every line, keeping the good entries and reporting each bad line (a line with any problem is
 * left out whole). Never throws.
 */
export function validateDictionary(tsv: string): { dictionary: Dictionary; issues: DictionaryIssue[] } {
  const entries: ConceptEntry[] = [];
  const issues: DictionaryIssue[] = [];
  const conceptLines = new Map<string, number>();
  /** Variant key → owning concept and line, to catch one phrase meaning two concepts. */
  const owners = new Map<string, { concept: string; line: number; variant: string }>();
  let headerSeen = false;

  const lines = tsv.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const text = (lines[index] as string).replace(/\r$/, '');
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    if (!headerSeen) {
      headerSeen = true;
      if (text.trim() !== DICTIONARY_HEADER) {
        issues.push({ line, reason: `expected the header "concept<TAB>ko<TAB>en", found "${text.trim()}"` });
      }
      continue;
    }
    const problems: string[] = [];
    const fields = text.split('\t');
    if (fields.length !== 3) {
      issues.push({ line, reason: `expected 3 tab-separated fields (concept, ko, en), found ${fields.length}` });
      continue;
    }
    const [rawConcept, koField, enField] = fields as [string, string, string];
    const concept = rawConcept.trim();
    if (!CONCEPT_ID.test(concept)) {
      problems.push(`concept id "${concept}" must be lower-case ASCII letters and digits joined by "-"`);
    } else if (conceptLines.has(concept)) {
      problems.push(`concept "${concept}" is already defined on line ${conceptLines.get(concept)}`);
    }
    const ko = splitVariants(koField, 'ko', problems);
    const en = splitVariants(enField, 'en', problems);
    if (ko.length === 0 && en.length === 0 && problems.length === 0) problems.push(`concept "${concept}" has no variants`);

    const keys = new Map<string, string>();
    for (const variant of ko) {
      const key = koreanVariantKey(variant);
      if (!isAllHangul(key)) {
        problems.push(`ko variant "${variant}" must be Hangul syllables and spaces only (Latin variants go in the en column)`);
      } else if (key.length < 2) {
        problems.push(`ko variant "${variant}" is one syllable: too ambiguous to match inside words`);
      } else if (variant.split(' ').slice(0, -1).some((part) => part.length < 2)) {
        problems.push(`ko variant "${variant}" has a one-syllable word before a space, which is never matched across; write it solid`);
      } else {
        noteKey(`ko:${key}`, variant, keys, problems);
      }
    }
    for (const variant of en) {
      if (containsHangul(toNfkc(variant))) {
        problems.push(`en variant "${variant}" contains Hangul (Korean variants go in the ko column)`);
        continue;
      }
      const tokens = englishVariantTokens(variant);
      if (tokens.length === 0) {
        problems.push(`en variant "${variant}" has no content words (only stop words, numbers or punctuation)`);
      } else {
        noteKey(`en:${tokens.map(dictionaryKey).join(' ')}`, variant, keys, problems);
      }
    }
    for (const [key, variant] of keys) {
      const owner = owners.get(key);
      if (owner !== undefined) {
        problems.push(`variant "${variant}" already belongs to concept "${owner.concept}" (line ${owner.line}, as "${owner.variant}")`);
      }
    }

    if (problems.length > 0) {
      for (const reason of problems) issues.push({ line, reason });
      continue;
    }
    conceptLines.set(concept, line);
    for (const [key, variant] of keys) owners.set(key, { concept, line, variant });
    entries.push({ concept, ko, en, line });
  }
  if (!headerSeen) issues.push({ line: 1, reason: 'the dictionary is empty: expected the header "concept<TAB>ko<TAB>en"' });
  return { dictionary: { entries }, issues };
}

/**
 * Parses a dictionary, or throws a `CONFIG_INVALID` {@link AppError} listing every bad line as `line N: reason`
 * (its `issues` carry `path: "line N"`), so a broken file is fixed in one round.
 */
export function parseDictionary(tsv: string): Dictionary {
  const { dictionary, issues } = validateDictionary(tsv);
  if (issues.length > 0) throw dictionaryError(issues);
  return dictionary;
}

function dictionaryError(issues: readonly DictionaryIssue[]): AppError {
  const fieldIssues: FieldIssue[] = issues.map((i) => ({ path: `line ${i.line}`, message: i.reason }));
  const detail = `dictionary: ${issues.length} bad line(s): ${issues.map(formatDictionaryIssue).join('; ')}`;
  return appError('CONFIG_INVALID', { detail }, fieldIssues);
}

function splitVariants(field: string, column: 'ko' | 'en', problems: string[]): string[] {
  if (field.trim() === '') return [];
  const variants: string[] = [];
  for (const part of field.split('|')) {
    const variant = part.trim().replace(/\s+/g, ' ');
    if (variant === '') problems.push(`empty ${column} variant (check the "|" separators)`);
    else variants.push(variant);
  }
  return variants;
}

function noteKey(key: string, variant: string, keys: Map<string, string>, problems: string[]): void {
  const earlier = keys.get(key);
  if (earlier !== undefined) problems.push(`variant "${variant}" repeats "${earlier}" of the same concept (same after normalisation)`);
  else keys.set(key, variant);
}
