/**
 * Text normalisation shared by every analysis path.
 *
 * NFKC folds compatibility characters to their plain forms before anything else looks at the text: full-width
 * Latin (`５Ｇ` → `5G`), ideographic and no-break spaces (→ U+0020), ligatures (`ﬁ` → `fi`), circled and
 * parenthesised forms (`㈜` → `(주)`), and it composes conjoining Hangul jamo into syllables, so a profile typed
 * on any keyboard analyses like one typed on another.
 */

/** NFKC only, case kept: the analyser scans this form, so acronyms (`MEMS`) can still be told from words. */
export function toNfkc(text: string): string {
  return text.normalize('NFKC');
}

/** NFKC, then lower case: the form every emitted term is in. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
