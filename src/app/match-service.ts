import type { DataChange, MatchFilters, MatchRequest, MatchServicePort, Opportunity, OpportunityList } from './matching-port.js';
import { appError, pairKey, type OrgId, type Sector } from '../domain/index.js';
import { buildMatchEngineInSlices } from './build-engine.js';
import {
  type Analyzer,
  type BatchRange,
  type BatchRow,
  type MatchData,
  type MatchEngine,
  type MatchResult,
  type Model,
  type SearchResult,
  type TeamDemand,
  type TeamResult,
} from '../match/index.js';
import type { GraphStore } from '../store/graph-store.js';

export interface MatchServiceOptions {
  readonly analyzer: Analyzer;
  /** A trained model; the engine's defaults otherwise. */
  readonly model?: Model;
}

/**
 * The matching use cases over a store: builds the engine from the store once (all organisations,
 * collaborations, programmes and declined introductions), keeps it current as writes are reported, and answers
 * matches, searches, teams, sector opportunities and digest suggestions. The API and the jobs share it; they never
 * see the engine's internals.
 */
export class MatchService implements MatchServicePort {
  private engine: MatchEngine | undefined;
  /** The first build, which requests wait for (later builds happen while the current engine keeps answering). */
  private first: Promise<MatchEngine> | undefined;
  /** The latest build in the queue; `queued` while it has not started to read the store (callers can join it). */
  private latest: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  /** Writes reported while a build runs: applied to its engine before it is handed over. */
  private duringBuild: DataChange[] | undefined;
  private changes = 0;

  constructor(
    private readonly store: GraphStore,
    private readonly options: MatchServiceOptions,
  ) {}

  get modelVersion(): string | undefined {
    return this.engine?.modelVersion;
  }

  isReady(): boolean {
    return this.engine !== undefined;
  }

  /**
   * Bumped whenever an answer may change: a write reported through {@link notify} (as it begins and once the
   * index has followed it), a rebuild, a new index. An answer computed at generation g may be reused while the
   * generation is still g, never after.
   */
  get generation(): number {
    return this.changes;
  }

  /** Builds the index from the store now (the server calls it at start-up so the first request is fast). */
  async start(): Promise<void> {
    await this.ready();
  }

  /**
   * Builds the index again from the store and swaps it in; until then the current index keeps answering. Resolves
   * once an index that read the store after this call is in place (calls made while a build waits to start share
   * it; a build already reading the store may have missed what the caller wrote, so another one follows it).
   */
  rebuild(): Promise<void> {
    this.changes++;
    if (this.queued !== undefined) return this.queued;
    const next = this.latest
      .catch(() => undefined) // a failed build does not stop the next one
      .then(() => {
        this.queued = undefined;
        return this.replaceEngine();
      });
    this.queued = next;
    this.latest = next;
    return next;
  }

  async matchesFor(id: OrgId, request: MatchRequest): Promise<MatchResult> {
    const engine = await this.ready();
    requireKnown(engine, id);
    return engine.match(id, {
      limit: request.limit,
      includeExisting: request.includeExisting,
      ...(request.types !== undefined ? { types: request.types } : {}),
      ...(request.sectors !== undefined ? { sectors: request.sectors } : {}),
      ...(request.region !== undefined ? { region: request.region } : {}),
    });
  }

  /**
   * Top-k lists by the same scoring `matchesFor` serves (self, existing partners, declined pairs and opted-out
   * organisations excluded), ids and scores only: for the given organisations (unknown ids are skipped), or for
   * every organisation, optionally one slice of the ascending id order so that a batch can be split.
   */
  async topK(k: number, scope: { readonly ids: readonly OrgId[] } | { readonly range?: BatchRange } = {}): Promise<BatchRow[]> {
    const engine = await this.ready();
    if (!('ids' in scope)) return engine.topKForAll(k, {}, scope.range);
    return scope.ids
      .filter((id) => engine.slotOf(id) !== undefined)
      .map((id) => ({ id, matches: engine.match(id, { limit: k, explain: false }).matches.map((m) => ({ id: m.id, score: m.score })) }));
  }

  async search(text: string, filters: MatchFilters): Promise<SearchResult> {
    const engine = await this.ready();
    return engine.search(text, {
      limit: filters.limit,
      ...(filters.types !== undefined ? { types: filters.types } : {}),
      ...(filters.sectors !== undefined ? { sectors: filters.sectors } : {}),
      ...(filters.region !== undefined ? { region: filters.region } : {}),
    });
  }

  async team(demand: TeamDemand): Promise<TeamResult> {
    const engine = await this.ready();
    if ('organization' in demand) requireKnown(engine, demand.organization);
    return engine.team(demand);
  }

  /**
   * The best not-yet-connected pairs of two different types within a sector, for a coordinator to introduce:
   * every member's top matches inside the sector, each unordered pair once (its reciprocal score is the same
   * from both sides), best first, with the explanation as seen from the first organisation. A pair that already
   * has an introduction, in any status, is left out: an open one cannot be proposed again, and a declined or
   * closed one has had its chance (the coordinator sees it in the introductions list instead).
   */
  async opportunities(sector: Sector, limit: number): Promise<OpportunityList> {
    const engine = await this.ready();
    const [organizations, introductions] = await Promise.all([this.store.listOrganizations({ sectors: [sector] }), this.store.listIntroductions()]);
    const members = organizations.filter((o) => !o.optedOut);
    const introduced = new Set(introductions.map((i) => pairKey(i.a, i.b)));
    const best = new Map<string, Opportunity>();
    for (const a of members) {
      if (!engine.has(engine.slotOf(a.id) ?? -1)) continue;
      const r = engine.match(a.id, { limit: Math.min(50, Math.max(5, limit)), sectors: [sector] });
      for (const m of r.matches) {
        if (m.type === a.type) continue;
        const key = pairKey(a.id, m.id);
        if (best.has(key) || introduced.has(key)) continue;
        best.set(key, {
          a: { id: a.id, name: a.name, type: a.type },
          b: { id: m.id, name: m.name, type: m.type },
          score: m.score,
          components: m.components,
          ...(m.explanation !== undefined ? { explanation: m.explanation } : {}),
        });
      }
    }
    const pairs = [...best.values()]
      .sort((x, y) => y.score - x.score || (x.a.id + x.b.id < y.a.id + y.b.id ? -1 : 1))
      .slice(0, limit);
    return { sector, modelVersion: engine.modelVersion, pairs };
  }

  /** Follows a write made through the API, so the next answer reflects it without a rebuild. */
  async notify(change: DataChange): Promise<void> {
    this.changes++; // even when following the write fails below, nothing computed before it is reused
    try {
      this.duringBuild?.push(change); // the build in progress may have read the store before this write
      if (change.kind === 'import') await this.rebuild();
      else if (this.engine !== undefined) await this.follow(this.engine, change);
    } finally {
      this.changes++;
    }
  }

  /** Applies one write to an engine (an import is never followed row by row: it calls for a rebuild). */
  private async follow(engine: MatchEngine, change: Exclude<DataChange, { kind: 'import' }>): Promise<void> {
    switch (change.kind) {
      case 'organization': {
        const org = await this.store.getOrganization(change.id);
        if (org === undefined) engine.removeOrganization(change.id);
        else engine.upsertOrganization(org);
        return;
      }
      case 'introduction':
        if (change.introduction.status === 'declined') {
          engine.addDeclinedPairs([{ a: change.introduction.a, b: change.introduction.b }]);
        }
        return;
    }
  }

  /** The engine, or the first build when there is none yet (retried by the next caller when it failed). */
  private ready(): Promise<MatchEngine> {
    if (this.engine !== undefined) return Promise.resolve(this.engine);
    this.first ??= this.rebuild().then(
      () => this.engine as MatchEngine,
      (e: unknown) => {
        this.first = undefined; // e.g. the store was down: let the next request try again
        throw e;
      },
    );
    return this.first;
  }

  /** Builds from the store in slices, applies the writes reported meanwhile, then swaps the engine in. */
  private async replaceEngine(): Promise<void> {
    const pending: DataChange[] = [];
    this.duringBuild = pending;
    try {
      const engine = await buildMatchEngineInSlices(await readMatchData(this.store), {
        analyzer: this.options.analyzer,
        ...(this.options.model !== undefined ? { model: this.options.model } : {}),
      });
      for (let i = 0; i < pending.length; i++) {
        const change = pending[i]!;
        if (change.kind !== 'import') await this.follow(engine, change); // an import has queued its own build
      }
      this.engine = engine;
      this.changes++;
    } finally {
      if (this.duringBuild === pending) this.duringBuild = undefined;
    }
  }
}

/**
 * Everything the engine is built from, read from the store: all organisations, collaborations and programmes,
 * and the declined introductions. Plain data, so a worker thread can build the same engine from it.
 */
export async function readMatchData(store: GraphStore): Promise<MatchData> {
  const [organizations, collaborations, programmes, declined] = await Promise.all([
    store.allOrganizations(),
    store.allCollaborations(),
    store.allProgrammes(),
    store.listIntroductions({ status: 'declined' }),
  ]);
  return { organizations, collaborations, programmes, declinedPairs: declined.map((i) => ({ a: i.a, b: i.b })) };
}

function requireKnown(engine: MatchEngine, id: OrgId): void {
  if (engine.slotOf(id) === undefined) throw appError('NOT_FOUND', { entity: 'organization', id });
}
