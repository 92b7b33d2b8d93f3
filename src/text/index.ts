/** The text layer: pure functions from text to index terms (see analyzer.ts for the pipeline). */
export { createAnalyzer, type Analyzer, type Term, type TermKind, type TermOccurrence } from './analyzer.js';
export {
  CONCEPT_PREFIX,
  conceptTerm,
  DICTIONARY_HEADER,
  EMPTY_DICTIONARY,
  formatDictionaryIssue,
  isConceptTerm,
  parseDictionary,
  validateDictionary,
  type ConceptEntry,
  type Dictionary,
  type DictionaryIssue,
} from './dictionary.js';
export { ENGLISH_STOP_WORDS } from './english.js';
export { KOREAN_STOP_WORDS, stripKoreanWord } from './korean-suffixes.js';
export { normalize, toNfkc } from './normalize.js';
