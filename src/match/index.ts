/**
 * The matching engine's public API. Pure: give it organisations, collaborations, programmes and declined pairs,
 * and an analyser; ask for matches, searches, teams, batches and raw features.
 */
export type { Analyzer, Field } from './analyzer.js';
export { FIELDS } from './analyzer.js';
export type { ComponentName, FeatureName, FeatureParams, GraphOptions, IndexOptions, Model, TypePriorTable } from './defaults.js';
export {
  COMPONENT_NAMES,
  DEFAULT_FEATURE_PARAMS,
  DEFAULT_GRAPH_OPTIONS,
  DEFAULT_INDEX_OPTIONS,
  DEFAULT_MODEL,
  FEATURE_NAMES,
  REQUEST_DEFAULTS,
  TYPE_PRIOR_PAIRS,
  typePriorTable,
} from './defaults.js';
export type { BatchRange, EngineOptions, MatchData } from './engine.js';
export { MatchEngine, buildMatchEngine, inEngineOrder, organizationFiler, splitNeeds } from './engine.js';
export type { AnalysedSlice } from './analysed-slice.js';
export { analyseSlice } from './analysed-slice.js';
export { interest, reciprocal } from './score.js';
export type * from './types.js';
export type { RankStats } from './rank.js';
export type { FeatureSource, FitOptions, LabelledPair, LogisticFit, SampleOptions, TrainingRow } from './train.js';
export { fitLogistic, modelFromFit, samplePairs, seededRandom, trainingRows } from './train.js';
