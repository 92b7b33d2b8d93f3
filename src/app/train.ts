/**
 * `innomatch train`: fit the engine's feature weights on the known collaborations and write the model file that
 * `createMatchService` loads.
 *
 * The story: hold out the newest evidence groups (projects) as the partnerships to predict; build the engine on
 * the rest only (with the held-out ties in the graph, graph features would contain the answer); the held-out
 * pairs that were not partners before are the positives, each with `negatives` sampled non-partners; fit the
 * logistic regression on their one-sided feature rows; write `<data-dir>/model.json` durably.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Collaboration, Organization, OrgId, Programme } from '../domain/index.js';
import { appError, asOrgId, collaborationKey, pairKey } from '../domain/index.js';
import { descriptionsFromGroups, splitByGroup } from '../match/eval/validation.js';
import { buildMatchEngine, FEATURE_NAMES, type Analyzer, type Model } from '../match/index.js';
import { fitLogistic, modelFromFit, samplePairs, trainingRows } from '../match/train.js';
import type { GraphStore } from '../store/graph-store.js';
import { writeFileDurably } from '../store/embedded/durable-file.js';
import type { Clock } from './clock.js';
import type { ModelFile } from './model-file.js';

export interface TrainOptions {
  /** Share of the evidence groups (newest first) held out as positives, in (0, 1). Default 0.2. */
  readonly holdout: number;
  /** Negatives sampled per positive, 1–50. Default 5. */
  readonly negatives: number;
  /** Seed of the negative sampling. Default 1. */
  readonly seed: number;
  /** L2 strength of the logistic regression. Default 0.01. */
  readonly l2?: number;
  /**
   * The descriptions were written from the evidence groups' own texts (e.g. the ECSEL benchmark builds each
   * description from its organisation's project summaries): rebuild them from the training groups only
   * (`descriptionsFromGroups`), else the held-out projects' text is in both partners' descriptions and the fit
   * learns text similarity from the answer. Default false (self-written profiles).
   */
  readonly textsFromGroups?: boolean;
  /**
   * Draw negatives among each organisation's current top candidates (the untrained engine's top 100) instead of
   * among all non-partners: the fit then learns to order plausible candidates, not to tell them from random
   * strangers (which text similarity alone does well). Default false.
   */
  readonly hardNegatives?: boolean;
  /**
   * Fewest positive pairs (new pairs among the held-out collaborations) a fit may rest on to be written as the model
   * that match, search, serve and digest use; `trainFromStore` refuses fewer and leaves the old model file as it
   * is. Default 30, about three per feature: with a handful, the weights follow those few pairs (one positive gave
   * a log-loss of 0.009 and a Katz weight of 4.3). At least 1.
   */
  readonly minPositives?: number;
}

/** Candidates per organisation that hard negatives are drawn from. */
const HARD_POOL = 100;

export const DEFAULT_TRAIN_OPTIONS = { holdout: 0.2, negatives: 5, seed: 1, minPositives: 30 } as const satisfies TrainOptions;

export interface TrainData {
  readonly organizations: readonly Organization[];
  readonly collaborations: readonly Collaboration[];
  readonly programmes?: readonly Programme[];
}

/** What the fit saw and found, printed by the command and kept in the model file. */
export interface TrainSummary {
  readonly version: string;
  readonly groups: { readonly training: number; readonly heldOut: number };
  readonly positives: number;
  readonly negatives: number;
  readonly rows: number;
  readonly iterations: number;
  readonly logLoss: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly bias: number;
  readonly options: TrainOptions;
}

export interface TrainResult {
  readonly model: Model;
  readonly summary: TrainSummary;
}

/**
 * Fits a model on `data` (pure apart from the analyser's work): see the module comment. Deterministic for the
 * same data, options and seed, whatever the input order.
 */
export function trainModel(data: TrainData, analyzer: Analyzer, options: TrainOptions = DEFAULT_TRAIN_OPTIONS): TrainResult {
  if (!(options.holdout > 0 && options.holdout < 1)) throw appError('VALIDATION_FAILED', { detail: `--holdout must be in (0, 1), got ${options.holdout}` });
  const collaborations = [...data.collaborations].sort(byPair);
  const split = splitByGroup(collaborations, options.holdout);
  if (split.later.length === 0 || split.earlier.length === 0) {
    throw appError('VALIDATION_FAILED', {
      detail: `training needs collaborations in at least two evidence groups (projects) to hold some out; found ${split.earlierGroups.size + split.laterGroups.size}`,
    });
  }
  const organizations = options.textsFromGroups === true ? descriptionsFromGroups(data.organizations, collaborations, split.earlierGroups) : data.organizations;
  const engine = buildMatchEngine({ organizations, collaborations: split.earlier, programmes: data.programmes ?? [] }, { analyzer });
  const known = new Set(data.organizations.map((o) => o.id as string));
  const before = new Set(split.earlier.map((c) => pairKey(c.a, c.b)));
  const positives = uniquePairs(split.later.filter((c) => known.has(c.a) && known.has(c.b) && !before.has(pairKey(c.a, c.b))));
  if (positives.length === 0) throw appError('VALIDATION_FAILED', { detail: 'the held-out collaborations hold no new pair to learn from' });

  // negatives are drawn among a's candidates as the engine sees them: neither a itself nor an earlier partner
  const ids = engine.organizationIds();
  const partners = new Map<string, Set<string>>();
  for (const c of split.earlier) {
    for (const [x, y] of [[c.a, c.b], [c.b, c.a]] as const) {
      let s = partners.get(x);
      if (s === undefined) partners.set(x, (s = new Set()));
      s.add(y);
    }
  }
  const pools = new Map<string, OrgId[]>();
  const pool = (a: OrgId) => {
    let p = pools.get(a);
    if (p === undefined) {
      if (options.hardNegatives === true) {
        p = engine.match(a, { limit: HARD_POOL, explain: false }).matches.map((m) => m.id);
      } else {
        const mine = partners.get(a);
        p = mine === undefined ? ids : ids.filter((id) => !mine.has(id));
      }
      pools.set(a, p);
    }
    return p;
  };
  // hard negatives come from the candidate pool, so positives must too: else the pool's own selection (by the
  // untrained score) would look like evidence against every feature that score uses
  const kept = options.hardNegatives === true ? positives.filter((p) => pool(p.a).includes(p.b)) : positives;
  const pairs = samplePairs(kept, ids, { seed: options.seed, negativesPerPositive: options.negatives, pool });
  const rows = trainingRows(engine, pairs);
  const fit = fitLogistic(rows, options.l2 !== undefined ? { l2: options.l2 } : {});
  if (!fit.weights.every(Number.isFinite) || !Number.isFinite(fit.bias)) {
    throw appError('VALIDATION_FAILED', { detail: 'the logistic regression did not converge (weights are not finite); try a larger l2' });
  }
  const version = `trained-${fingerprint(fit.weights, fit.bias)}`;
  const model = modelFromFit(fit, version);
  const negatives = pairs.length - kept.length;
  return {
    model,
    summary: {
      version,
      groups: { training: split.earlierGroups.size, heldOut: split.laterGroups.size },
      positives: kept.length,
      negatives,
      rows: rows.length,
      iterations: fit.iterations,
      logLoss: fit.logLoss,
      weights: model.weights,
      bias: fit.bias,
      options,
    },
  };
}

/** The model file of a fit (format 1, see `model-file.ts`). */
export function modelFileOf(result: TrainResult, trainedAt: Date): ModelFile {
  const { model, summary } = result;
  return {
    format: 1,
    version: model.version,
    trainedAt: trainedAt.toISOString(),
    weights: model.weights,
    bias: model.bias,
    link: model.link,
    reciprocal: model.reciprocal,
    training: { ...summary },
  };
}

/** Where the trained model lives; `createMatchService` reads it from there. */
export function modelPath(dataDir: string): string {
  return join(dataDir, 'model.json');
}

/**
 * Trains on everything in the store and writes `<dataDir>/model.json` (temp file + rename), unless the fit rests on
 * fewer than `minPositives` pairs: then the model file stays as it was.
 */
export async function trainFromStore(store: GraphStore, dataDir: string, analyzer: Analyzer, options: TrainOptions, clock: Clock): Promise<TrainResult> {
  const [organizations, collaborations, programmes] = await Promise.all([store.allOrganizations(), store.allCollaborations(), store.allProgrammes()]);
  const result = trainModel({ organizations, collaborations, programmes }, analyzer, options);
  const min = options.minPositives ?? DEFAULT_TRAIN_OPTIONS.minPositives;
  const { positives } = result.summary;
  if (positives < min) {
    throw appError('VALIDATION_FAILED', {
      detail:
        `the fit rests on ${positives} positive pair(s), fewer than the ${min} a model needs (--min-positives); ${modelPath(dataDir)} was left as it was. ` +
        'Hold out a larger share of the collaborations (--holdout) or add collaborations',
    });
  }
  const file = modelFileOf(result, clock.now());
  await writeFileDurably(modelPath(dataDir), [`${JSON.stringify(file, null, 2)}\n`], { newFileMode: 0o666 });
  return result;
}

function byPair(x: Collaboration, y: Collaboration): number {
  const kx = collaborationKey(x);
  const ky = collaborationKey(y);
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

/**
 * Each unordered pair once, in key order. Negatives are drawn for the pair's first organisation, so which side
 * comes first is decided by a hash of the pair (not by id order, which would draw them for small ids only).
 */
function uniquePairs(collaborations: readonly Collaboration[]): { a: OrgId; b: OrgId }[] {
  const seen = new Map<string, { a: OrgId; b: OrgId }>();
  for (const c of collaborations) {
    const key = pairKey(c.a, c.b);
    const [x, y] = c.a < c.b ? [c.a, c.b] : [c.b, c.a];
    const flip = createHash('sha256').update(key).digest()[0]! & 1;
    seen.set(key, flip === 1 ? { a: asOrgId(y), b: asOrgId(x) } : { a: asOrgId(x), b: asOrgId(y) });
  }
  return [...seen.keys()].sort().map((k) => seen.get(k)!);
}

/** Short content hash of the fitted coefficients: the same fit always gets the same version. */
function fingerprint(weights: readonly number[], bias: number): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ features: FEATURE_NAMES, weights, bias }));
  return h.digest('hex').slice(0, 12);
}
