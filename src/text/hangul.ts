/**
 * Hangul syllable arithmetic. A precomposed syllable U+AC00..U+D7A3 encodes
 * `0xAC00 + (lead × 21 + vowel) × 28 + tail`, where `tail` is 0 when the syllable ends in a vowel and 8 when it
 * ends in ㄹ. Korean particles alternate on exactly that (은/는, 이/가, 을/를, 과/와, 으로/로), which the suffix
 * stripper uses to avoid cutting loanwords such as 디스플레이 (레 has no final consonant, so 이 is not a particle).
 */

export const HANGUL_FIRST = 0xac00;
export const HANGUL_LAST = 0xd7a3;

export function isHangulSyllable(code: number): boolean {
  return code >= HANGUL_FIRST && code <= HANGUL_LAST;
}

/** Final-consonant index (0 = none) of a precomposed syllable; -1 for anything else. */
export function tailOf(code: number): number {
  return isHangulSyllable(code) ? (code - HANGUL_FIRST) % 28 : -1;
}

/** True when every UTF-16 unit of `s` is a precomposed Hangul syllable (and `s` is not empty). */
export function isAllHangul(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isHangulSyllable(s.charCodeAt(i))) return false;
  return true;
}

/** True when `s` contains at least one precomposed Hangul syllable. */
export function containsHangul(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isHangulSyllable(s.charCodeAt(i))) return true;
  return false;
}
