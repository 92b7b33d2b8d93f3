/**
 * Types for natural's TfIdf class imported by path (the package root's index.d.ts fails this project's
 * `verbatimModuleSyntax` check; see src/text/natural-modules.d.ts). Only what the engine benchmark uses.
 */
declare module 'natural/lib/natural/tfidf/tfidf.js' {
  /** A document as natural stores it: term → count, plus its key. */
  type NaturalDocument = Record<string, number>;
  class TfIdf {
    documents: NaturalDocument[];
    /** Adds a document (a string is tokenised by natural; an array of terms is taken as is). */
    addDocument(document: string | readonly string[], key?: string): void;
    /** idf(t) = 1 + ln(N / (1 + df(t))), cached. */
    idf(term: string): number;
    /** Σ_{t ∈ terms} tf(t, d)·idf(t). */
    tfidf(terms: readonly string[], d: number): number;
    static tf(term: string, document: NaturalDocument): number;
  }
  export default TfIdf;
}
