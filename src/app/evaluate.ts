/**
 * `innomatch eval`: measure the engine against the baselines on a temporal benchmark (../shared/bench/README.md).
 *
 * The story: load the organisations and the train collaborations through the normal ingest path into a fresh
 * scratch store (never the user's); read the test pairs on their own (never ingested, never used for fitting);
 * optionally train a model on the train collaborations only; build the engine the way the API does
 * (`MatchService` over the store, with the analyser and the model); rank every query's candidates with it and
 * with the baselines; report the protocol's metrics for each.
 */
import { appError, type Collaboration, type FieldIssue, type OrgId } from '../domain/index.js';
import { commonNeighboursRanker, popularityRanker, tfidfRanker } from '../match/eval/baselines.js';
import { meanInterval, pairedDifference, resampleIndices, type Interval, type PairedDifference } from '../match/eval/bootstrap.js';
import {
  buildQueries,
  partnersOf,
  PER_QUERY_METRICS,
  scoreQueries,
  summarise,
  type MethodReport,
  type PerQueryMetric,
  type QueryScores,
  type Ranker,
} from '../match/eval/protocol.js';
import type { Analyzer, Model } from '../match/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { importFiles, type InputFile } from './import/import-files.js';
import { FileProblem, readRecords } from './import/read-records.js';
import { validateRow } from './import/validate-row.js';
import { MatchService } from './match-service.js';
import { trainModel, type TrainOptions, type TrainSummary } from './train.js';

/** The three inputs, as read by the edge (name for messages and format detection, and the bytes). */
export interface EvaluationFiles {
  readonly organizations: { readonly name: string; readonly bytes: Uint8Array };
  readonly train: { readonly name: string; readonly bytes: Uint8Array };
  readonly test: { readonly name: string; readonly bytes: Uint8Array };
}

/** A store nobody else uses, and how to throw it away. */
export interface ScratchStore {
  readonly store: GraphStore;
  dispose(): Promise<void>;
}

export interface EvaluationDeps {
  readonly analyzer: Analyzer;
  /** A fresh, empty store for this run only (the composition root picks it). */
  scratchStore(): Promise<ScratchStore>;
}

export interface EvaluationOptions {
  /** Train a model on the train collaborations first (else `model`, else the engine's defaults). */
  readonly trainModel?: TrainOptions;
  readonly model?: Model;
  /** Bootstrap resamples of the queries for the intervals (0: none). Default `DEFAULT_RESAMPLES`. */
  readonly resamples?: number;
}

export const METHODS = ['innomatch', 'popularity', 'tfidf', 'common_neighbours'] as const;
export type MethodName = (typeof METHODS)[number];
export type Baseline = Exclude<MethodName, 'innomatch'>;

/** 2,000 resamples: at 359 recall-like values (ECSEL's query count) the interval ends moved by < 0.002 over 20 seeds. */
export const DEFAULT_RESAMPLES = 2000;
/**
 * Fewest resamples for a 95 % interval (0 turns the intervals off): its ends are the 2.5th and 97.5th percentiles
 * of the resampled means, so with 200 each rests on 5 draws; with fewer they are a draw or two (with 1, both ends
 * are the same single draw, an "interval" that need not contain the mean).
 */
export const MIN_RESAMPLES = 200;
/** Fixed, so that the same files give the same report. */
const BOOTSTRAP_SEED = 20_151_201;
const LEVEL = 0.95;

/** How far the figures may be from what another draw of organisations would give (see `bootstrap.ts`). */
export interface Uncertainty {
  readonly level: number;
  readonly resamples: number;
  readonly seed: number;
  readonly intervals: Readonly<Record<MethodName, Readonly<Record<PerQueryMetric, Interval>>>>;
  /** innomatch minus each baseline on the same resampled queries. */
  readonly againstBaselines: Readonly<Record<Baseline, Readonly<Record<PerQueryMetric, PairedDifference>>>>;
}

export interface EvaluationReport {
  readonly methods: Readonly<Record<MethodName, MethodReport>>;
  readonly queries: number;
  readonly organizations: number;
  readonly trainCollaborations: number;
  readonly testPairs: number;
  readonly modelVersion: string;
  readonly uncertainty?: Uncertainty;
  readonly training?: TrainSummary;
  /** Wall-clock milliseconds of the phases, for the curious (not part of the protocol). */
  readonly timings: Readonly<Record<string, number>>;
}

/** Runs the benchmark protocol on the files (see the module comment). */
export async function evaluateFiles(files: EvaluationFiles, deps: EvaluationDeps, options: EvaluationOptions = {}): Promise<EvaluationReport> {
  const timings: Record<string, number> = {};
  const time = async <T>(phase: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    timings[phase] = Math.round(performance.now() - t0);
    return out;
  };
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (resamples !== 0 && resamples < MIN_RESAMPLES) throw appError('VALIDATION_FAILED', { detail: `resamples: must be 0 or at least ${MIN_RESAMPLES}, got ${resamples}` });
  const testPairs = readTestPairs(files.test);
  const scratch = await deps.scratchStore();
  try {
    const { store } = scratch;
    await time('ingest', () => ingestStrictly(store, files));
    const [organizations, collaborations, programmes] = await Promise.all([store.allOrganizations(), store.allCollaborations(), store.allProgrammes()]);
    const catalogue = organizations.map((o) => o.id as string).sort();
    const queries = buildQueries(catalogue, collaborations, testPairs);
    if (queries.length === 0) {
      throw appError('VALIDATION_FAILED', { detail: `${files.test.name}: no organisation has a new partner in the test pairs, so there is nothing to measure` });
    }

    const trained =
      options.trainModel === undefined
        ? undefined
        : await time('train', () => trainModel({ organizations, collaborations, programmes }, deps.analyzer, options.trainModel!));
    const model = trained?.model ?? options.model;
    const service = new MatchService(store, { analyzer: deps.analyzer, ...(model !== undefined ? { model } : {}) });
    await time('index', () => service.start());
    const rows = await time('rank', () => service.topK(100, { ids: queries.map((q) => q.id as OrgId) }));
    const lists = new Map(rows.map((r) => [r.id as string, r.matches.map((m) => m.id as string)]));
    const innomatch: Ranker = (id, k, exclude) => (lists.get(id) ?? []).filter((c) => !exclude.has(c)).slice(0, k);

    const partners = partnersOf(collaborations, new Set(catalogue));
    const tfidf = await time('tfidf', () => tfidfRanker(new Map(organizations.map((o) => [o.id as string, o.description]))));
    const scores = await time('measure', () => ({
      innomatch: scoreQueries(innomatch, queries),
      popularity: scoreQueries(popularityRanker(partners), queries),
      tfidf: scoreQueries(tfidf, queries),
      common_neighbours: scoreQueries(commonNeighboursRanker(partners), queries),
    }));
    const methods = Object.fromEntries(METHODS.map((m) => [m, summarise(scores[m], catalogue)])) as Record<MethodName, MethodReport>;
    const uncertainty = resamples > 0 ? await time('bootstrap', () => uncertaintyOf(scores, resamples)) : undefined;
    return {
      methods,
      queries: queries.length,
      organizations: organizations.length,
      trainCollaborations: collaborations.length,
      testPairs: testPairs.length,
      modelVersion: service.modelVersion ?? 'unknown',
      ...(uncertainty !== undefined ? { uncertainty } : {}),
      ...(trained !== undefined ? { training: trained.summary } : {}),
      timings,
    };
  } finally {
    await scratch.dispose();
  }
}

/** Bootstrap intervals of every method's per-query means, and innomatch against each baseline, paired. */
function uncertaintyOf(scores: Readonly<Record<MethodName, QueryScores>>, resamples: number): Uncertainty {
  const draws = resampleIndices(scores.innomatch.perQuery['recall@20'].length, { resamples, seed: BOOTSTRAP_SEED });
  const perMetric = <T>(f: (metric: PerQueryMetric) => T) => Object.fromEntries(PER_QUERY_METRICS.map((m) => [m, f(m)])) as Record<PerQueryMetric, T>;
  const intervals = Object.fromEntries(METHODS.map((m) => [m, perMetric((metric) => meanInterval(scores[m].perQuery[metric], draws, LEVEL))]));
  const baselines = METHODS.filter((m): m is Baseline => m !== 'innomatch');
  const againstBaselines = Object.fromEntries(
    baselines.map((b) => [b, perMetric((metric) => pairedDifference(scores.innomatch.perQuery[metric], scores[b].perQuery[metric], draws, LEVEL))]),
  );
  return {
    level: LEVEL,
    resamples,
    seed: BOOTSTRAP_SEED,
    intervals: intervals as Uncertainty['intervals'],
    againstBaselines: againstBaselines as Uncertainty['againstBaselines'],
  };
}

/** Organisations and train collaborations through `importFiles`; any rejected row stops the evaluation. */
async function ingestStrictly(store: GraphStore, files: EvaluationFiles): Promise<void> {
  const inputs: InputFile[] = [
    { kind: 'organizations', name: files.organizations.name, bytes: files.organizations.bytes },
    { kind: 'collaborations', name: files.train.name, bytes: files.train.bytes },
  ];
  const report = await importFiles(store, inputs, { strict: true });
  if (report.rejected.length > 0 || !report.landed) {
    const shown = report.rejected
      .slice(0, 20)
      .map((r) => ({ path: `${r.line > 0 ? `${r.file}:${r.line}` : r.file}${r.field !== '' ? ` ${r.field}` : ''}`, message: r.reason }));
    // without a valid organisation every collaboration is rejected too: name the cause
    const empty = report.files.filter((f) => f.accepted === 0);
    const useless = empty.some((f) => f.kind === 'organizations') ? empty.filter((f) => f.kind === 'organizations') : empty;
    if (useless.length > 0) throw wrongFile(useless.map((f) => ({ name: f.name, what: f.kind === 'organizations' ? 'organisation' : 'collaboration' })), shown);
    throw appError('ROWS_REJECTED', { count: report.rejected.length }, shown);
  }
}

/**
 * Files without a single valid row: most likely the wrong file for its flag (organisations given as --test), so bad
 * input (exit 2) rather than "some rows rejected" (exit 1, which in `ingest` means the rest was imported).
 */
function wrongFile(files: readonly { name: string; what: string }[], issues: readonly FieldIssue[]) {
  const list = files.map((f) => `${f.name} (no valid ${f.what})`).join(', ');
  return appError('VALIDATION_FAILED', { detail: `not one row could be used in ${list}: is it the right file for its flag?` }, issues);
}

const TEST_CSV = { required: ['a', 'b'], optional: ['kind', 'year', 'evidence'], lists: [], numbers: ['year'], booleans: [] };

/**
 * The test pairs, read and validated like collaborations but never stored. `kind` may be left out (a pair is a
 * pair). Any unreadable or invalid row is an error naming its place.
 */
export function readTestPairs(file: { readonly name: string; readonly bytes: Uint8Array }): Collaboration[] {
  let read;
  try {
    read = readRecords(file.name, file.bytes, TEST_CSV);
  } catch (e) {
    if (e instanceof FileProblem) throw appError(e.code, { file: file.name, detail: e.message });
    throw e;
  }
  const pairs: Collaboration[] = [];
  const issues: { path: string; message: string }[] = [];
  for (const rec of read.records) {
    if ('error' in rec) {
      issues.push({ path: `${file.name}:${rec.line}`, message: rec.error });
      continue;
    }
    // the words ingest uses ("is required", "unknown field(s)"), so a file reads the same given as --train or --test
    const row = validateRow('collaborations', { kind: 'joint_rnd', ...rec.value });
    if (row.ok) pairs.push(row.value as Collaboration);
    else for (const i of row.issues) issues.push({ path: `${file.name}:${rec.line} ${i.field}`.trimEnd(), message: i.reason });
  }
  if (issues.length > 0 && pairs.length === 0) throw wrongFile([{ name: file.name, what: 'collaboration' }], issues.slice(0, 20));
  if (issues.length > 0) throw appError('ROWS_REJECTED', { count: issues.length }, issues.slice(0, 20));
  return pairs;
}
