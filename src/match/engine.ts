/**
 * The match engine: owns the slot table (organisation ↔ dense slot number), the text index, the collaboration
 * graph and the model, keeps them in step on updates, and answers match / search / team / batch requests.
 * Pure: data in, results out; no I/O.
 */
import type { Collaboration, Organization, OrganizationType, OrgId, Programme } from '../domain/index.js';
import { ORGANIZATION_TYPES, appError, asOrgId, canonicalPair, collaborationKey } from '../domain/index.js';
import type { Analyzer, Field, TermSources } from './analyzer.js';
import { internedDocuments, type AnalysedSlice, type InternedDocument } from './analysed-slice.js';
import { analyzeOrganization, indexedTermSources } from './analyzer.js';
import type { GraphOptions, IndexOptions, Model } from './defaults.js';
import { DEFAULT_GRAPH_OPTIONS, DEFAULT_INDEX_OPTIONS, DEFAULT_MODEL, EXPLAIN_GENERIC_WORDS, FEATURE_NAMES, REQUEST_DEFAULTS } from './defaults.js';
import { componentContributions, explainMatch, meanContributions } from './explain.js';
import type { QueryContext } from './features.js';
import { activityOf, newFeatureRow, pairFeatures } from './features.js';
import type { CandidateFilters, SlotTable } from './filters.js';
import { TYPE_INDEX, candidatePredicate } from './filters.js';
import { growUint8 } from './forward-store.js';
import { CollaborationGraph, GraphWorkspace } from './graph.js';
import { RankWorkspace, emptyRankStats, rankCandidates, type RankStats } from './rank.js';
import { recentGroupCounts } from './recency.js';
import { weightVector } from './score.js';
import { searchProfiles } from './search.js';
import { SurfaceStore } from './surfaces.js';
import { assembleTeam } from './teams.js';
import { TextIndex } from './text-index.js';
import { TouchedSet } from './touched.js';
import type {
  BatchRow,
  Match,
  MatchOptions,
  MatchResult,
  PairFeatureRows,
  SearchOptions,
  SearchResult,
  TeamDemand,
  TeamOptions,
  TeamResult,
} from './types.js';

export interface MatchData {
  readonly organizations: readonly Organization[];
  readonly collaborations?: readonly Collaboration[];
  readonly programmes?: readonly Programme[];
  /** Pairs whose introduction was declined: never suggested to each other (Introduction rows fit). */
  readonly declinedPairs?: readonly { readonly a: OrgId; readonly b: OrgId }[];
}

export interface EngineOptions {
  readonly analyzer: Analyzer;
  /** Default `DEFAULT_MODEL`. */
  readonly model?: Model;
  readonly index?: Partial<IndexOptions>;
  readonly graph?: Partial<GraphOptions>;
  /**
   * Keep the surface words of every profile's free text (`SurfaceStore`, ~15 MB at 100k profiles) so that
   * explanations never analyse a description again. Default true; an engine that only ranks (the all-pairs
   * batch, `explain: false`) may switch it off and still explains correctly, only slower.
   */
  readonly keepSurfaces?: boolean;
}

/** A slice of the organisations in ascending id order, so a batch can be spread over workers. */
export interface BatchRange {
  readonly offset: number;
  readonly limit: number;
}

/** What search and teams need from the engine. */
export interface EngineView extends SlotTable {
  readonly index: TextIndex;
  readonly analyzer: Analyzer;
  readonly model: Model;
  readonly workspace: RankWorkspace;
  idOf(slot: number): string;
  slotOf(id: string): number | undefined;
  sources(slot: number, field: Field): TermSources;
  allow(filters: CandidateFilters, blocked: ReadonlySet<number>): (slot: number) => boolean;
  typePrior(a: OrganizationType, b: OrganizationType): number;
  /** The index terms of `EXPLAIN_GENERIC_WORDS`: they count for scores but explain nothing. */
  genericTerms(): ReadonlySet<string>;
}

/** Entries of the term-sources cache (a power of two). */
const SOURCES_CACHE = 256;
const FIELD_INDEX: Readonly<Record<Field, number>> = { profile: 0, offers: 1, needs: 2 };

export class MatchEngine implements EngineView {
  readonly index: TextIndex;
  readonly analyzer: Analyzer;
  model: Model = DEFAULT_MODEL;
  readonly workspace = new RankWorkspace();
  /** Work done by match queries since the engine was built (how well the bounds prune), for benchmarks. */
  readonly stats: RankStats = emptyRankStats();
  optedOut = new Uint8Array(16);
  types = new Uint8Array(16);
  private weights = weightVector(DEFAULT_MODEL);
  private prior = new Float64Array(0);
  private readonly ids: string[] = [];
  private readonly orgs: (Organization | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly collaborations = new Map<string, Collaboration>();
  private readonly programmes = new Map<string, Programme>();
  private readonly declined = new Map<string, Set<string>>();
  /** Terms explanations pass over (`EXPLAIN_GENERIC_WORDS` through this engine's analyser), made on first use. */
  private generic: ReadonlySet<string> | undefined;
  private readonly graphOptions: GraphOptions;
  private graph = CollaborationGraph.empty(0);
  private graphDirty = true;
  private readonly walk = new GraphWorkspace();
  private readonly blocked = new TouchedSet();
  /**
   * Recently used term sources (a match query's own fields, search and team results), direct-mapped: key
   * slot·3 + field index at entry key mod SOURCES_CACHE, no Map to keep in order.
   */
  private readonly sourceKeys = new Int32Array(SOURCES_CACHE).fill(-1);
  private readonly sourceValues: (TermSources | undefined)[] = new Array<TermSources | undefined>(SOURCES_CACHE).fill(undefined);
  private readonly surfaces: SurfaceStore | undefined;

  constructor(options: EngineOptions) {
    this.analyzer = options.analyzer;
    this.index = new TextIndex({ ...DEFAULT_INDEX_OPTIONS, ...options.index });
    this.graphOptions = { ...DEFAULT_GRAPH_OPTIONS, ...options.graph };
    this.surfaces = options.keepSurfaces === false ? undefined : new SurfaceStore();
    this.setModel(options.model ?? DEFAULT_MODEL);
  }

  get modelVersion(): string {
    return this.model.version;
  }

  /** Number of organisations. */
  get size(): number {
    return this.slots.size;
  }

  /** Uses another model from now on (e.g. a trained one). */
  setModel(model: Model): void {
    this.model = model;
    this.weights = weightVector(model);
    const n = ORGANIZATION_TYPES.length;
    this.prior = new Float64Array(n * n);
    ORGANIZATION_TYPES.forEach((x, i) => ORGANIZATION_TYPES.forEach((y, j) => (this.prior[i * n + j] = model.features.typePrior[x][y])));
  }

  // ---- slot table -------------------------------------------------------------------------------------------

  has(slot: number): boolean {
    return this.index.has(slot);
  }

  orgAt(slot: number): Organization | undefined {
    return this.orgs[slot];
  }

  idOf = (slot: number): string => this.ids[slot] ?? '';

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Organisation ids in ascending order (the order `topKForAll` ranges refer to). */
  organizationIds(): OrgId[] {
    return [...this.slots.keys()].sort().map(asOrgId);
  }

  typePrior(a: OrganizationType, b: OrganizationType): number {
    return this.model.features.typePrior[a][b];
  }

  sources(slot: number, field: Field): TermSources {
    const key = slot * 3 + FIELD_INDEX[field];
    const at = key & (SOURCES_CACHE - 1);
    if (this.sourceKeys[at] === key) return this.sourceValues[at]!;
    const s = this.newSources(slot, field);
    this.sourceKeys[at] = key;
    this.sourceValues[at] = s;
    return s;
  }

  /** Term sources of a field of the document in `slot`, not cached (see `sources`). */
  private newSources(slot: number, field: Field): TermSources {
    const org = this.orgs[slot];
    return org === undefined
      ? { get: () => undefined }
      : indexedTermSources(
          org,
          field,
          this.analyzer,
          (f, term, id) => (id === undefined ? this.index.phraseMask(slot, f, term) : this.index.phraseMaskOfId(slot, f, id)),
          (term, id) => this.freeSources(slot, term, id),
        );
  }

  /** Drops the cached term sources of the document in `slot` (it changed or left). */
  private forgetSources(slot: number): void {
    for (let f = 0; f < 3; f++) {
      const key = slot * 3 + f;
      const at = key & (SOURCES_CACHE - 1);
      if (this.sourceKeys[at] === key) {
        this.sourceKeys[at] = -1;
        this.sourceValues[at] = undefined;
      }
    }
  }

  /** Surface words of a free-text term of the document in `slot` (see `FreeSourcesOf`). */
  private freeSources(slot: number, term: string, id?: number): readonly string[] | undefined | null {
    const store = this.surfaces;
    if (store === undefined || !store.has(slot)) return null;
    const t = id === undefined ? this.index.termIn(slot, 'profile', term) : this.index.termIdIn(slot, 'profile', id);
    return t < 0 ? undefined : store.get(slot, t, term);
  }

  allow(filters: CandidateFilters, blocked: ReadonlySet<number>): (slot: number) => boolean {
    return candidatePredicate(this, filters, blocked);
  }

  // ---- updates ------------------------------------------------------------------------------------------------

  /** Adds or replaces an organisation (its text is re-analysed; its collaborations are kept). */
  upsertOrganization(org: Organization): void {
    const slot = this.place(org);
    const terms = analyzeOrganization(org, this.analyzer, { surfaces: this.surfaces !== undefined });
    this.index.setDocument(slot, terms);
    if (this.surfaces !== undefined && terms.freeSources !== undefined) {
      // terms a list phrase also produced are explained by that phrase, never by their surface words
      const listed = new Set([...terms.offers, ...terms.needs]);
      this.surfaces.set(slot, terms.freeSources, (t) => this.index.termId(t), (t) => listed.has(t));
    }
  }

  /**
   * `upsertOrganization` with the profile analysed beforehand (`analyseSlice`, `internedDocuments`). An engine that
   * keeps surface words needs slices analysed with them (`analyseSlice(…, { surfaces: true })`).
   */
  upsertAnalysed(org: Organization, doc: InternedDocument): void {
    if (this.surfaces !== undefined && doc.free === undefined) throw new Error('match/engine: this engine keeps surface words; analyse the slices with surfaces: true');
    const slot = this.place(org);
    this.index.setDocumentIds(slot, doc.ids, doc.phraseOf);
    if (this.surfaces !== undefined) this.surfaces.setFree(slot, doc.free!, (t) => this.index.terms[t]!);
  }

  /** The organisation's slot (a new one for a new id), with its per-slot attributes set. */
  private place(org: Organization): number {
    let slot = this.slots.get(org.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.ids.push(org.id);
      this.orgs.push(undefined);
      this.slots.set(org.id, slot);
      this.graphDirty = true;
    }
    this.orgs[slot] = org;
    this.optedOut = growUint8(this.optedOut, slot + 1);
    this.types = growUint8(this.types, slot + 1);
    this.optedOut[slot] = org.optedOut ? 1 : 0;
    this.types[slot] = TYPE_INDEX[org.type];
    this.forgetSources(slot);
    return slot;
  }

  /** Removes an organisation and its collaborations; false when it was not there. */
  removeOrganization(id: OrgId): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.index.removeDocument(slot);
    this.surfaces?.clear(slot);
    this.slots.delete(id);
    this.orgs[slot] = undefined;
    for (const [k, c] of this.collaborations) if (c.a === id || c.b === id) this.collaborations.delete(k);
    this.forgetSources(slot);
    this.graphDirty = true;
    return true;
  }

  /** Adds collaborations (the same row twice counts once); unknown ids wait until their organisation arrives. */
  addCollaborations(collaborations: readonly Collaboration[]): void {
    for (const c of collaborations) this.collaborations.set(flat(collaborationKey(c)), c);
    if (collaborations.length > 0) this.graphDirty = true;
  }

  addProgrammes(programmes: readonly Programme[]): void {
    for (const p of programmes) this.programmes.set(p.id, p);
    if (programmes.length > 0) this.graphDirty = true;
  }

  /** Pairs never to suggest to each other (declined introductions). */
  addDeclinedPairs(pairs: readonly { readonly a: OrgId; readonly b: OrgId }[]): void {
    const add = (x: string, y: string) => {
      let s = this.declined.get(x);
      if (s === undefined) this.declined.set(x, (s = new Set()));
      s.add(y);
    };
    for (const p of pairs) {
      const [x, y] = canonicalPair(p.a, p.b);
      add(x, y);
      add(y, x);
    }
  }

  private refreshGraph(): void {
    if (!this.graphDirty) return;
    const n = this.ids.length;
    const edges = [];
    for (const c of this.collaborations.values()) {
      const a = this.slots.get(c.a);
      const b = this.slots.get(c.b);
      if (a !== undefined && b !== undefined) edges.push({ a, b, kind: c.kind, evidence: c.evidence });
    }
    const groups = [...this.programmes.values()].map((p) => p.participants.flatMap((id) => this.slots.get(id) ?? []));
    const counts = recentGroupCounts([...this.collaborations.values()], this.graphOptions.recentShare);
    const recent = new Int32Array(n);
    for (const [id, r] of counts) {
      const slot = this.slots.get(id);
      if (slot !== undefined) recent[slot] = r;
    }
    this.graph = CollaborationGraph.build(n, edges, groups, this.graphOptions, recent);
    this.workspace.activity = Float64Array.from({ length: n }, (_, v) => activityOf(this.graph, v));
    this.graphDirty = false;
  }

  // ---- queries ------------------------------------------------------------------------------------------------

  private requireSlot(id: string): number {
    const slot = this.slots.get(id);
    if (slot === undefined) throw appError('NOT_FOUND', { entity: 'organization', id });
    return slot;
  }

  /**
   * Does now what the first query after a change would: postings, idf and norms (`TextIndex.refresh`), the surface
   * pool's compaction, the collaboration graph. Seconds at 100,000 organisations, so a batch counts it as build
   * time and a server does it before it swaps the engine in.
   */
  prepare(): void {
    this.index.refresh();
    if (this.surfaces?.loose === true) this.surfaces.compact();
    this.refreshGraph();
  }

  genericTerms(): ReadonlySet<string> {
    return (this.generic ??= new Set(EXPLAIN_GENERIC_WORDS.flatMap((w) => this.analyzer.analyze(w))));
  }

  /** Everything features of (a, ·) need; walks the graph from a (the walk workspace is shared: one query at a time). */
  private context(a: number): QueryContext {
    this.prepare();
    this.graph.walk(a, this.walk, this.model.features.walkHops);
    return {
      a,
      index: this.index,
      graph: this.graph,
      walk: this.walk,
      params: this.model.features,
      prior: this.prior,
      typeCount: ORGANIZATION_TYPES.length,
      types: this.types,
      profile: this.index.vectorOf(a, 'profile'),
      needs: this.index.vectorOf(a, 'needs'),
      offers: this.index.vectorOf(a, 'offers'),
    };
  }

  /** The organisations `id` should work with, best first, each with its score components and explanation. */
  match(id: OrgId, opts: MatchOptions = {}): MatchResult {
    const a = this.requireSlot(id);
    const ctx = this.context(a);
    const limit = clampLimit(opts.limit);
    const blocked = this.blocked;
    blocked.reset();
    blocked.add(a);
    if (opts.includeExisting !== true) for (const p of this.graph.partnersOf(a)) blocked.add(p);
    for (const d of this.declined.get(id) ?? []) {
      const s = this.slots.get(d);
      if (s !== undefined) blocked.add(s);
    }
    for (const x of opts.exclude ?? []) {
      const s = this.slots.get(x);
      if (s !== undefined) blocked.add(s);
    }
    const allow = candidatePredicate(this, opts, blocked);
    const ranked = rankCandidates(
      { ctx, model: this.model, weights: this.weights, k: limit, allow, idOf: this.idOf, budget: this.index.options.postingsBudget, stats: this.stats },
      this.workspace,
    );
    const explain = opts.explain !== false;
    const own: (TermSources | undefined)[] = [undefined, undefined, undefined];
    const deps = {
      ctx,
      model: this.model,
      weights: this.weights,
      orgAt: (s: number) => this.orgs[s],
      // the query's own sources serve each of its matches (cached); a candidate's, one explanation (not cached:
      // kept, they would outlive the query, and a scavenge would copy them, for ~7 % of them asked for again)
      sources: (s: number, f: Field) => (s === a ? (own[FIELD_INDEX[f]] ??= memoizedSources(this.sources(a, f))) : this.newSources(s, f)),
      limits: { terms: REQUEST_DEFAULTS.explainTerms, pairs: REQUEST_DEFAULTS.explainPairs, paths: REQUEST_DEFAULTS.explainPaths },
      generic: this.genericTerms(),
      ownTopics: new Map<number, boolean>(),
    };
    const matches: Match[] = ranked.map((r) => {
      const org = this.orgs[r.slot]!;
      const you = componentContributions(this.weights, r.ab);
      const them = componentContributions(this.weights, r.ba);
      const components = meanContributions(you, them);
      // only `includeExisting` lets a partner through: say so, with what they did together
      const kinds = opts.includeExisting === true ? this.graph.collaborationKinds(a, r.slot) : [];
      const partners = kinds.length > 0 ? { alreadyPartners: kinds } : {};
      if (!explain) return { id: org.id, name: org.name, type: org.type, score: r.score, ...partners, components };
      return { id: org.id, name: org.name, type: org.type, score: r.score, ...partners, components, explanation: explainMatch(deps, r.slot, r.ab, r.ba, { you, them }) };
    });
    return { organization: id, modelVersion: this.model.version, matches };
  }

  /**
   * Every organisation's top k (ids and scores only), optionally for one slice of the ascending id order, or for
   * several slices (rows in the order of the slices; threads sharing a batch pull slices as they go).
   */
  topKForAll(k: number, opts: MatchOptions = {}, ranges?: BatchRange | Iterable<BatchRange>): BatchRow[] {
    const ids = this.organizationIds();
    const rows: BatchRow[] = [];
    const each = ranges === undefined ? [{ offset: 0, limit: ids.length }] : 'offset' in ranges ? [ranges] : ranges;
    for (const range of each) {
      const from = Math.max(0, range.offset);
      const to = Math.min(ids.length, from + Math.max(0, range.limit));
      for (let i = from; i < to; i++) {
        const id = ids[i]!;
        const r = this.match(id, { ...opts, limit: k, explain: false });
        rows.push({ id, matches: r.matches.map((m) => ({ id: m.id, score: m.score })) });
      }
    }
    return rows;
  }

  /** The raw one-sided feature rows of (a, b), for training and evaluation. */
  features(a: OrgId, b: OrgId): PairFeatureRows {
    return this.featuresMany(a, [b])[0]!;
  }

  /** Feature rows of (a, b) for many b, with one graph walk from a. */
  featuresMany(a: OrgId, bs: readonly OrgId[]): PairFeatureRows[] {
    const ctx = this.context(this.requireSlot(a));
    return bs.map((b) => {
      const ab = newFeatureRow();
      const ba = newFeatureRow();
      pairFeatures(ctx, this.requireSlot(b), ab, ba);
      const named = (row: Float64Array) => Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, row[i]!])) as PairFeatureRows['ab'];
      return { a, b, ab: named(ab), ba: named(ba), rowAB: [...ab], rowBA: [...ba] };
    });
  }

  /** Free-text search (Korean or English) over offers and whole profiles. */
  search(text: string, opts: SearchOptions = {}): SearchResult {
    this.index.refresh();
    const blocked = new Set((opts.exclude ?? []).flatMap((id) => this.slots.get(id) ?? []));
    return searchProfiles(this, text, { ...opts, limit: clampLimit(opts.limit) }, blocked);
  }

  /** A consortium of 2–4 organisations of mixed types whose offers together cover a demand's needs. */
  team(demand: TeamDemand, opts: TeamOptions = {}): TeamResult {
    this.index.refresh();
    const self = 'organization' in demand ? this.requireSlot(demand.organization) : undefined;
    const blocked = new Set((opts.exclude ?? []).flatMap((id) => this.slots.get(id) ?? []));
    if (self !== undefined) blocked.add(self);
    const needs = 'organization' in demand ? this.orgs[self!]!.needs : splitNeeds(demand.text);
    return assembleTeam(this, needs, self, opts, blocked);
  }
}

/**
 * `sources` answering each term id once (terms asked for without an id are passed through). The answers are
 * shared between callers, who only read them.
 */
function memoizedSources(sources: TermSources): TermSources {
  const known = new Map<number, readonly string[] | undefined>();
  return {
    get(term, id) {
      if (id === undefined) return sources.get(term);
      const hit = known.get(id);
      if (hit !== undefined || known.has(id)) return hit;
      const answer = sources.get(term, id);
      known.set(id, answer);
      return answer;
    },
  };
}

/**
 * `s`, made flat. A key built by concatenation is a tree of string pieces in V8 (~200 bytes for a collaboration
 * key); reading a character makes the engine store it as one flat string. Kept keys only: 300k collaborations
 * held 59.7 MB as trees, 28.7 MB flat.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/** Need phrases of free text: split at line breaks, commas, semicolons and middle dots. */
export function splitNeeds(text: string): string[] {
  return text
    .split(/[\n\r,;·•]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function clampLimit(limit: number | undefined): number {
  const l = limit ?? REQUEST_DEFAULTS.limit;
  return Math.max(1, Math.min(REQUEST_DEFAULTS.maxLimit, Math.floor(l)));
}

/**
 * Builds an engine from a snapshot. Organisations are loaded in ascending id order, so term ids, slots and
 * every floating-point sum are the same whatever order the input came in. `analysed`: the profiles already
 * analysed, as consecutive slices of that order (`analyseSlice`, with surface words for an engine that keeps
 * them) — the same engine, built without analysing any text.
 */
export function buildMatchEngine(data: MatchData, options: EngineOptions, analysed?: readonly AnalysedSlice[]): MatchEngine {
  const engine = new MatchEngine(options);
  const orgs = inEngineOrder(data.organizations);
  const file = organizationFiler(engine, orgs.length, analysed);
  for (const org of orgs) file(org);
  engine.addCollaborations(data.collaborations ?? []);
  engine.addProgrammes(data.programmes ?? []);
  engine.addDeclinedPairs(data.declinedPairs ?? []);
  return engine;
}

/**
 * Files the `count` organisations of a build, given one by one in engine order (`inEngineOrder`), into `engine`:
 * each analysed there, or, with `analysed` (slices that must hold exactly `count` profiles), the next analysed
 * document.
 */
export function organizationFiler(engine: MatchEngine, count: number, analysed?: readonly AnalysedSlice[]): (org: Organization) => void {
  if (analysed === undefined) return (org) => engine.upsertOrganization(org);
  const held = analysed.reduce((n, s) => n + s.count, 0);
  if (held !== count) throw new Error(`match/engine: the analysed slices hold ${held} profiles, the data ${count}`);
  const docs = internedDocuments(analysed, (terms) => engine.index.internAll(terms));
  return (org) => engine.upsertAnalysed(org, docs.next().value!);
}

/**
 * The order in which an engine files organisations (ascending id; `buildMatchEngine`, and the order that
 * `analyseSlice` slices must follow). Stable, so duplicate ids keep their relative order.
 */
export function inEngineOrder<T extends { readonly id: string }>(orgs: readonly T[]): T[] {
  return [...orgs].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
