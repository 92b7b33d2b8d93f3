/**
 * The digest's suggestions for many organisations at once: the engine built once per thread from the store's data
 * (`readMatchData`, the analyser and the model, as `MatchService` builds it), the recipients' organisations claimed
 * by the threads in chunks of `CHUNK` as they go (`claims.ts`), each organisation ranked once.
 *
 * Per organisation the ranking is the engine's batch ranking (the one `topKForAll` runs) with the digest's
 * filters pushed into it: self, existing partners, declined pairs and opted-out organisations as always, plus the
 * ids sent to it in the last weeks (`exclude`). So the top `limitPerOrg` are exactly the suggestions that go into
 * the mail, and only they are explained (the one-line reason, both languages). Over-fetching ids with
 * `topKForAll` and filtering afterwards would need a second ranking to explain the survivors.
 *
 * Cost: the threads first analyse one slice of the profiles each (`analysis-round.ts`, surface words included, so
 * that the reasons read as before), then each builds its own engine from all the slices (memory × threads), then
 * the ranking — the bulk at scale — is shared out by the claims, so the threads finish together. Below
 * `MIN_ORGS_PER_WORKER` organisations per thread a second build costs more than it saves, so small runs (the
 * sample network, `--only`) stay in this thread.
 */
import type { Locale, OrgId } from '../domain/index.js';
import { buildMatchEngine, inEngineOrder, type AnalysedSlice, type Analyzer, type MatchData, type MatchEngine, type Model } from '../match/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { readMatchData } from './match-service.js';
import { analyseInThreads } from './analysis-round.js';
import { claimCounters, claimRanges } from './claims.js';
import { runWorkers } from './worker-thread.js';

/** A suggestion for the weekly digest: who, how strong, and the one-line reason in each language. */
export interface Suggestion {
  readonly id: OrgId;
  readonly score: number;
  readonly reason: Readonly<Record<Locale, string>>;
}

/** Fewer organisations than this per thread are ranked in fewer threads. */
export const MIN_ORGS_PER_WORKER = 1000;

export interface SuggestionRequest {
  readonly orgIds: readonly OrgId[];
  readonly limitPerOrg: number;
  /** Per organisation, more ids never to suggest to it (e.g. sent in the last weeks). */
  readonly exclude: ReadonlyMap<OrgId, ReadonlySet<OrgId>>;
  /** Build the one-line reasons (default true; a dry run needs the ids only). */
  readonly explain?: boolean;
}

/** Recipients' organisations per claim (a few tenths of a second of ranking and explaining at 100,000). */
export const CHUNK = 64;

/** What one thread is given (plain data and shared memory only). */
export interface SuggestJob {
  readonly data: MatchData;
  readonly model?: Model;
  /** Every organisation of the request; the thread ranks the chunks of it that it claims. */
  readonly orgIds: readonly OrgId[];
  readonly limitPerOrg: number;
  readonly exclude: readonly (readonly [OrgId, readonly OrgId[]])[];
  readonly explain: boolean;
  /** The profiles analysed by the analysis round, with surface words (`analysis-round.ts`); else each thread analyses them all. */
  readonly analysed?: readonly AnalysedSlice[];
  /** The request's claim counters (`claims.ts`) over `orgIds`. */
  readonly counters: Int32Array;
  readonly chunk: number;
}

export type SuggestionRows = [OrgId, Suggestion[]][];

/** What one thread did: its rows, and how long building the engine and ranking took there. */
export interface SliceResult {
  readonly rows: SuggestionRows;
  readonly buildMs: number;
  readonly rankMs: number;
}

/** The last call's work, for benchmarks and the job's summary. */
export interface SuggestionRunStats {
  readonly organizations: number;
  readonly threads: number;
  /** Reading the store's data, in the calling thread. */
  readonly readMs: number;
  /** The analysis round (0 with one thread). */
  readonly analyseMs: number;
  /** The slowest thread's engine build (threads build at the same time). */
  readonly buildMs: number;
  /** Ranking time summed over the threads, and that per organisation ranked. */
  readonly rankMs: number;
  readonly rankMsPerOrg: number;
  readonly wallMs: number;
}

/** Ranks (and explains) `orgIds` on a built engine; unknown ids are left out. */
export function suggestWith(engine: MatchEngine, request: SuggestionRequest): SuggestionRows {
  const rows: SuggestionRows = [];
  const explain = request.explain !== false;
  for (const id of request.orgIds) {
    if (engine.slotOf(id) === undefined) continue;
    const r = engine.match(id, { limit: request.limitPerOrg, exclude: [...(request.exclude.get(id) ?? [])], explain });
    rows.push([id, r.matches.map((m) => ({ id: m.id, score: m.score, reason: { ko: m.explanation?.whyThem.ko ?? '', en: m.explanation?.whyThem.en ?? '' } }))]);
  }
  return rows;
}

/** A thread's share, the way every thread computes it: build, then rank the chunks it claims (the analyser is the only non-data input). */
export function suggestSlice(job: SuggestJob, analyzer: Analyzer): SliceResult {
  const t0 = performance.now();
  const engine = buildMatchEngine(job.data, { analyzer, ...(job.model !== undefined ? { model: job.model } : {}) }, job.analysed);
  engine.prepare(); // build time, not the first organisation's ranking time
  const t1 = performance.now();
  const exclude = new Map(job.exclude.map(([id, ids]) => [id, new Set(ids)]));
  const rows: SuggestionRows = [];
  for (const { offset, limit } of claimRanges(job.counters, job.orgIds.length, job.chunk)) {
    const orgIds = job.orgIds.slice(offset, offset + limit);
    rows.push(...suggestWith(engine, { orgIds, limitPerOrg: job.limitPerOrg, exclude, explain: job.explain }));
  }
  return { rows, buildMs: t1 - t0, rankMs: performance.now() - t1 };
}

/** Threads for `orgs` organisations: at most `workers`, at least `minPerThread` organisations each, ≥ 1. */
export function threadsFor(orgs: number, workers: number, minPerThread = MIN_ORGS_PER_WORKER): number {
  return Math.max(1, Math.min(Math.floor(workers), Math.floor(orgs / Math.max(1, minPerThread))));
}

export interface DigestSuggestionDeps {
  readonly store: GraphStore;
  readonly analyzer: Analyzer;
  readonly model?: Model;
  /** Worker threads at most (1: everything in this thread). */
  readonly workers: number;
  /** Default `MIN_ORGS_PER_WORKER` (tests lower it to run threads on a small network). */
  readonly minPerThread?: number;
}

export interface DigestSuggestions {
  suggestionsFor(request: SuggestionRequest): Promise<ReadonlyMap<OrgId, readonly Suggestion[]>>;
  /** The last call's figures (undefined before the first call that ranked anything). */
  readonly lastRun: SuggestionRunStats | undefined;
}

/** The job's `SuggestionSource` over the store (see the module comment). */
export function createDigestSuggestions(deps: DigestSuggestionDeps): DigestSuggestions {
  let lastRun: SuggestionRunStats | undefined;
  return {
    get lastRun() {
      return lastRun;
    },
    async suggestionsFor(request) {
      if (request.orgIds.length === 0) return new Map();
      const t0 = performance.now();
      const data = await readMatchData(deps.store);
      const readMs = performance.now() - t0;
      const threads = threadsFor(request.orgIds.length, deps.workers, deps.minPerThread);
      const t1 = performance.now();
      const analysed = threads > 1 ? await analyseInThreads(inEngineOrder(data.organizations), threads, true) : undefined;
      const analyseMs = performance.now() - t1;
      const job: SuggestJob = {
        data,
        ...(deps.model !== undefined ? { model: deps.model } : {}),
        orgIds: request.orgIds,
        limitPerOrg: request.limitPerOrg,
        exclude: request.orgIds.flatMap((id) => {
          const ids = request.exclude.get(id);
          return ids !== undefined && ids.size > 0 ? [[id, [...ids]] as const] : [];
        }),
        explain: request.explain !== false,
        ...(analysed !== undefined ? { analysed } : {}),
        counters: claimCounters(),
        chunk: threads === 1 ? Math.max(1, request.orgIds.length) : CHUNK,
      };
      const results =
        threads === 1 ? [suggestSlice(job, deps.analyzer)] : await runWorkers<SliceResult>('digest-suggestions-worker', Array.from({ length: threads }, () => job));
      const rankMs = results.reduce((t, r) => t + r.rankMs, 0);
      lastRun = {
        organizations: request.orgIds.length,
        threads,
        readMs,
        analyseMs,
        buildMs: Math.max(...results.map((r) => r.buildMs)),
        rankMs,
        rankMsPerOrg: rankMs / request.orgIds.length,
        wallMs: performance.now() - t0,
      };
      // in the request's order, whichever thread ranked each (unknown ids are left out)
      const byId = new Map(results.flatMap((r) => r.rows));
      return new Map(request.orgIds.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])));
    },
  };
}
