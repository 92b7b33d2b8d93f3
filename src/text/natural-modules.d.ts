/**
 * Types for the natural modules imported by path, by the text layer and by its tests (see english.ts for why not
 * the package root). Declared here rather than borrowed from `natural`'s own index.d.ts: that file pulls in
 * `analyzers/SenType.ts`, a TypeScript source that `skipLibCheck` does not skip and that fails this project's
 * `verbatimModuleSyntax` check.
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  /** natural's Porter stemmer; lower-cases its input. */
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  /** Splits on `/[^A-Za-zА-Яа-я0-9_]+/` and drops empty strings. */
  export class WordTokenizer {
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: readonly string[];
}
