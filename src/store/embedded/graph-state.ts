import {
  appError,
  canTransition,
  COLLABORATION_KINDS,
  collaborationKey,
  lastCopies,
  storedCollaboration,
  digestKey,
  regionFilter,
  type Collaboration,
  type DigestDelivery,
  type Introduction,
  type IntroductionId,
  type Organization,
  type OrgId,
  type Programme,
  type ProgrammeId,
} from '../../domain/index.js';
import {
  isEncodedOrganization,
  type ApiKeyRecord,
  type EncodedBatch,
  type EncodedOrganization,
  type BatchResult,
  type DeliveryFilter,
  type IntroductionFilter,
  type IntroductionUpdate,
  type OrganizationFilter,
  type Partner,
  type StoreStats,
} from '../graph-store.js';

/**
 * One durable change; the log and the snapshot are sequences of these. `orgText` is an organisation held as its
 * JSON text (see {@link EncodedOrganization}); it is written as the `org` op it stands for.
 */
export type Op =
  | { readonly t: 'org'; readonly v: Organization }
  | { readonly t: 'orgText'; readonly id: OrgId; readonly text: Uint8Array }
  | { readonly t: 'orgDel'; readonly id: OrgId }
  | { readonly t: 'collab'; readonly v: Collaboration; /** its `collaborationKey`, when the planner already has it (not written) */ readonly key?: string }
  | { readonly t: 'prog'; readonly v: Programme }
  | { readonly t: 'intro'; readonly v: Introduction }
  | { readonly t: 'delivery'; readonly v: DigestDelivery }
  | { readonly t: 'key'; readonly v: ApiKeyRecord }
  | { readonly t: 'clear' };

/** A pair's collaborations: how many, and which kinds as bits (bit i = `COLLABORATION_KINDS[i]`; no Set per edge). */
interface Edge {
  weight: number;
  kinds: number;
}

const KIND_BIT = new Map<Collaboration['kind'], number>(COLLABORATION_KINDS.map((k, i) => [k, 1 << i]));
/** The kinds in an edge's bit set, sorted by name. */
const SORTED_KINDS = [...COLLABORATION_KINDS].sort();
const kindsOf = (bits: number): Collaboration['kind'][] => SORTED_KINDS.filter((k) => (bits & (KIND_BIT.get(k) as number)) !== 0);

/**
 * Whether two JSON values serialise to the same JSON up to key order: objects equal key by key (a key holding
 * `undefined` counts as absent, as in `JSON.stringify`), arrays element by element, primitives by `===`. Walks both
 * values without building strings, so an unchanged 3 KB profile costs a few comparisons instead of two
 * serialisations (re-ingest of 100,000 unchanged profiles spends its time reading, not here).
 */
export function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  let count = 0;
  for (const k in a) {
    const v = a[k];
    if (v === undefined) continue;
    count++;
    if (!sameJson(v, b[k])) return false;
  }
  for (const k in b) if (b[k] !== undefined) count--;
  return count === 0;
}

/**
 * A stored organisation: its value, its JSON text, or both. Organisations that arrive as text (from the import
 * workers) stay text until something reads them: an import then neither parses nor serialises them on this
 * thread, and a re-import of the same text is found unchanged by comparing bytes. The value, once parsed, is kept.
 */
interface OrgEntry {
  value: Organization | undefined;
  readonly text: Uint8Array | undefined;
}

const utf8 = new TextDecoder();

/** The entry's value, parsed from its text on first use (text read back from disk is checked only here). */
function valueOf(e: OrgEntry, id: OrgId): Organization {
  if (e.value !== undefined) return e.value;
  try {
    return (e.value = JSON.parse(utf8.decode(e.text)) as Organization);
  } catch (err) {
    throw appError('CONFIG_INVALID', { detail: `the stored organisation "${id}" is corrupt (not JSON: ${(err as Error).message})` });
  }
}

const entryOf = (o: Organization | EncodedOrganization): OrgEntry =>
  isEncodedOrganization(o) ? { value: undefined, text: o.text } : { value: o, text: undefined };

/** Whether two entries hold the same organisation: equal texts, else equal values up to key order. */
function sameOrg(id: OrgId, x: OrgEntry, y: OrgEntry): boolean {
  if (x.text !== undefined && y.text !== undefined && Buffer.from(x.text.buffer, x.text.byteOffset, x.text.byteLength).equals(y.text)) return true;
  return sameJson(valueOf(x, id), valueOf(y, id));
}

/**
 * The whole graph in memory. Writers first `plan` a change (validate it and compute its ops without touching the
 * state), persist the ops, then `apply` them, so what is in memory never runs ahead of what is on disk.
 */
export class GraphState {
  private readonly orgs = new Map<OrgId, OrgEntry>();
  private sortedIds: OrgId[] | undefined;
  private readonly collabs = new Map<string, Collaboration>();
  /**
   * Who collaborates with whom, derived from `collabs` on the first graph query and kept up to date from then on
   * (undefined until then): an import or a replayed log does not pay for ~100k neighbour maps it may never use.
   */
  private adjacency: Map<OrgId, Map<OrgId, Edge>> | undefined;
  private readonly programmes = new Map<ProgrammeId, Programme>();
  private readonly participation = new Map<OrgId, Set<ProgrammeId>>();
  private readonly intros = new Map<IntroductionId, Introduction>();
  private readonly deliveries = new Map<string, DigestDelivery>();
  private readonly keys = new Map<string, ApiKeyRecord>();

  /** Ops applied that change what matching reads (see `GraphStore.changeMarker`). */
  matchingChanges = 0;

  apply(op: Op): void {
    if (op.t !== 'delivery' && op.t !== 'key') this.matchingChanges++;
    switch (op.t) {
      case 'org':
        if (!this.orgs.has(op.v.id)) this.sortedIds = undefined;
        this.orgs.set(op.v.id, { value: op.v, text: undefined });
        return;
      case 'orgText':
        if (!this.orgs.has(op.id)) this.sortedIds = undefined;
        this.orgs.set(op.id, { value: undefined, text: op.text });
        return;
      case 'orgDel':
        this.deleteOrg(op.id);
        return;
      case 'collab':
        this.putCollab(op.v, op.key ?? collaborationKey(op.v));
        return;
      case 'prog':
        this.putProgramme(op.v);
        return;
      case 'intro':
        this.intros.set(op.v.id, op.v);
        return;
      case 'delivery':
        this.deliveries.set(digestKey(op.v), op.v);
        return;
      case 'key':
        this.keys.set(op.v.hash, op.v);
        return;
      case 'clear':
        this.orgs.clear();
        this.sortedIds = undefined;
        this.collabs.clear();
        this.adjacency = undefined;
        this.programmes.clear();
        this.participation.clear();
        this.intros.clear();
        this.deliveries.clear();
        this.keys.clear();
        return;
    }
  }

  /** Every record as ops, for a snapshot. */
  *dump(): Generator<Op> {
    for (const [id, e] of this.orgs) yield e.text !== undefined ? { t: 'orgText', id, text: e.text } : { t: 'org', v: e.value as Organization };
    for (const v of this.collabs.values()) yield { t: 'collab', v };
    for (const v of this.programmes.values()) yield { t: 'prog', v };
    for (const v of this.intros.values()) yield { t: 'intro', v };
    for (const v of this.deliveries.values()) yield { t: 'delivery', v };
    for (const v of this.keys.values()) yield { t: 'key', v };
  }

  /** Validates a batch against the current graph and returns the ops that apply it plus what they change. */
  planBatch(batch: EncodedBatch): { ops: Op[]; result: BatchResult } {
    const ops: Op[] = [];
    const result = {
      organizations: { created: 0, updated: 0, unchanged: 0 },
      collaborations: { created: 0, updated: 0, unchanged: 0 },
      programmes: { created: 0, updated: 0, unchanged: 0 },
    };
    // every organisation of the batch is either pending (created or updated) or stored (unchanged), so references
    // are checked against these two maps, without a third set of the batch's ids
    const pendingOrgs = new Map<OrgId, OrgEntry>();
    const unknown = (id: OrgId): boolean => !pendingOrgs.has(id) && !this.orgs.has(id);
    for (const o of batch.organizations ?? []) {
      const before = pendingOrgs.get(o.id) ?? this.orgs.get(o.id);
      const entry = entryOf(o);
      if (before === undefined) result.organizations.created++;
      else if (sameOrg(o.id, before, entry)) {
        result.organizations.unchanged++;
        continue;
      } else result.organizations.updated++;
      pendingOrgs.set(o.id, entry);
      ops.push(isEncodedOrganization(o) ? { t: 'orgText', id: o.id, text: o.text } : { t: 'org', v: o });
    }
    for (const p of batch.programmes ?? []) {
      for (const id of p.participants) if (unknown(id)) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id });
    }
    // The last copy of each collaboration in the batch is what lands (`lastCopies`); earlier copies are unchanged.
    const collabs = batch.collaborations ?? [];
    for (const c of collabs) {
      // references checked first: a plan that throws half-way has changed nothing
      if (unknown(c.a)) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id: c.a });
      if (unknown(c.b)) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id: c.b });
    }
    const last = lastCopies(collabs);
    result.collaborations.unchanged += collabs.length - last.size;
    for (const [key, c] of last) {
      const stored = this.collabs.get(key);
      if (stored === undefined) result.collaborations.created++;
      else if (stored.year === c.year) {
        result.collaborations.unchanged++;
        continue;
      } else result.collaborations.updated++;
      ops.push({ t: 'collab', v: storedCollaboration(c), key });
    }
    const pendingProgs = new Map<ProgrammeId, Programme>();
    for (const p of batch.programmes ?? []) {
      const before = pendingProgs.get(p.id) ?? this.programmes.get(p.id);
      if (before === undefined) result.programmes.created++;
      else if (sameJson(before, p)) {
        result.programmes.unchanged++;
        continue;
      } else result.programmes.updated++;
      pendingProgs.set(p.id, p);
      ops.push({ t: 'prog', v: p });
    }
    return { ops, result };
  }

  planIntroductionUpdate(id: IntroductionId, update: IntroductionUpdate): Introduction {
    const intro = this.intros.get(id);
    if (intro === undefined) throw appError('NOT_FOUND', { entity: 'introduction', id });
    if (!canTransition(intro.status, update.status)) {
      throw appError('ILLEGAL_TRANSITION', { from: intro.status, to: update.status });
    }
    return {
      ...intro,
      status: update.status,
      ...(update.outcome !== undefined ? { outcome: update.outcome } : {}),
      updatedAt: update.at,
      history: [
        ...intro.history,
        { status: update.status, at: update.at, by: update.by, ...(update.reason !== undefined ? { reason: update.reason } : {}) },
      ],
    };
  }

  hasOrg(id: OrgId): boolean {
    return this.orgs.has(id);
  }
  getOrg(id: OrgId): Organization | undefined {
    const e = this.orgs.get(id);
    return e === undefined ? undefined : valueOf(e, id);
  }
  allOrgs(): Organization[] {
    return this.ids().map((id) => valueOf(this.orgs.get(id) as OrgEntry, id));
  }

  listOrgs(filter: OrganizationFilter = {}): Organization[] {
    const ids = this.ids();
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    let start = 0;
    if (filter.after !== undefined) {
      const after = filter.after;
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((ids[mid] as OrgId) <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
    const sectors = filter.sectors && filter.sectors.length > 0 ? new Set(filter.sectors) : undefined;
    const region = filter.region === undefined ? undefined : regionFilter(filter.region);
    const q = filter.q?.normalize('NFC').toLowerCase();
    const out: Organization[] = [];
    for (let i = start; i < ids.length && out.length < limit; i++) {
      const o = valueOf(this.orgs.get(ids[i] as OrgId) as OrgEntry, ids[i] as OrgId);
      if (types && !types.has(o.type)) continue;
      if (sectors && !o.sectors.some((s) => sectors.has(s))) continue;
      if (region !== undefined && !region(o.region)) continue;
      if (q !== undefined && !nameMatches(o, q)) continue;
      out.push(o);
    }
    return out;
  }

  allCollabs(): Collaboration[] {
    return [...this.collabs.values()];
  }
  collabsOf(id: OrgId): Collaboration[] {
    return [...this.collabs.values()].filter((c) => c.a === id || c.b === id);
  }
  partnersOf(id: OrgId): Partner[] {
    const adj = this.neighbours().get(id);
    if (adj === undefined) return [];
    return [...adj.entries()]
      .map(([pid, e]) => ({ id: pid, weight: e.weight, kinds: kindsOf(e.kinds) }))
      .sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  sharedPartners(a: OrgId, b: OrgId): OrgId[] {
    const na = this.neighbours().get(a);
    const nb = this.neighbours().get(b);
    if (na === undefined || nb === undefined) return [];
    return [...na.keys()].filter((x) => nb.has(x) && x !== a && x !== b).sort();
  }

  allProgrammes(): Programme[] {
    return [...this.programmes.values()].sort((x, y) => (x.id < y.id ? -1 : 1));
  }
  programmesOf(id: OrgId): Programme[] {
    return [...(this.participation.get(id) ?? [])]
      .map((p) => this.programmes.get(p) as Programme)
      .sort((x, y) => (x.id < y.id ? -1 : 1));
  }

  getIntro(id: IntroductionId): Introduction | undefined {
    return this.intros.get(id);
  }
  listIntros(filter: IntroductionFilter = {}): Introduction[] {
    return [...this.intros.values()]
      .filter(
        (i) =>
          (filter.status === undefined || i.status === filter.status) &&
          (filter.sector === undefined || i.sectors.includes(filter.sector)) &&
          (filter.orgId === undefined || i.a === filter.orgId || i.b === filter.orgId),
      )
      .sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1));
  }

  getDelivery(key: string): DigestDelivery | undefined {
    return this.deliveries.get(key);
  }
  listDeliveries(filter: DeliveryFilter = {}): DigestDelivery[] {
    return [...this.deliveries.values()].filter(
      (d) =>
        (filter.orgId === undefined || d.orgId === filter.orgId) &&
        (filter.week === undefined || d.week === filter.week) &&
        (filter.fromWeek === undefined || d.week >= filter.fromWeek) &&
        (filter.status === undefined || d.status === filter.status),
    );
  }

  findKey(hash: string): ApiKeyRecord | undefined {
    return this.keys.get(hash);
  }

  stats(): StoreStats {
    const byType: Record<string, number> = {};
    const bySector: Record<string, number> = {};
    for (const [id, e] of this.orgs) {
      const o = valueOf(e, id);
      byType[o.type] = (byType[o.type] ?? 0) + 1;
      for (const s of o.sectors) bySector[s] = (bySector[s] ?? 0) + 1;
    }
    return {
      organizations: this.orgs.size,
      byType,
      bySector,
      collaborations: this.collabs.size,
      programmes: this.programmes.size,
      introductions: this.intros.size,
    };
  }

  private ids(): OrgId[] {
    if (this.sortedIds === undefined) this.sortedIds = [...this.orgs.keys()].sort();
    return this.sortedIds;
  }

  /** `fresh`: the planner found the key new, so it is not looked up again (a log replayed twice still is). */
  /** Stores a collaboration, or replaces the one with its key (a later op wins: a corrected year); a new one joins the graph. */
  private putCollab(c: Collaboration, key: string): void {
    const size = this.collabs.size;
    this.collabs.set(key, c);
    if (this.collabs.size !== size && this.adjacency !== undefined) linkBoth(this.adjacency, c);
  }

  /** The neighbour maps, built from the collaborations when first asked for. */
  private neighbours(): Map<OrgId, Map<OrgId, Edge>> {
    if (this.adjacency === undefined) {
      const adjacency = new Map<OrgId, Map<OrgId, Edge>>();
      for (const c of this.collabs.values()) linkBoth(adjacency, c);
      this.adjacency = adjacency;
    }
    return this.adjacency;
  }

  private putProgramme(p: Programme): void {
    const before = this.programmes.get(p.id);
    for (const id of before?.participants ?? []) this.participation.get(id)?.delete(p.id);
    this.programmes.set(p.id, p);
    for (const id of p.participants) {
      let set = this.participation.get(id);
      if (set === undefined) this.participation.set(id, (set = new Set()));
      set.add(p.id);
    }
  }

  private deleteOrg(id: OrgId): void {
    if (!this.orgs.delete(id)) return;
    this.sortedIds = undefined;
    for (const [key, c] of this.collabs) if (c.a === id || c.b === id) this.collabs.delete(key);
    const adjacency = this.adjacency;
    if (adjacency !== undefined) {
      for (const other of adjacency.get(id)?.keys() ?? []) adjacency.get(other)?.delete(id);
      adjacency.delete(id);
    }
    for (const pid of this.participation.get(id) ?? []) {
      const p = this.programmes.get(pid);
      if (p !== undefined) this.programmes.set(pid, { ...p, participants: p.participants.filter((x) => x !== id) });
    }
    this.participation.delete(id);
  }
}

function linkBoth(adjacency: Map<OrgId, Map<OrgId, Edge>>, c: Collaboration): void {
  link(adjacency, c.a, c.b, c.kind);
  link(adjacency, c.b, c.a, c.kind);
}

function link(adjacency: Map<OrgId, Map<OrgId, Edge>>, from: OrgId, to: OrgId, kind: Collaboration['kind']): void {
  let adj = adjacency.get(from);
  if (adj === undefined) adjacency.set(from, (adj = new Map()));
  const e = adj.get(to);
  const bit = KIND_BIT.get(kind) as number;
  if (e === undefined) adj.set(to, { weight: 1, kinds: bit });
  else {
    e.weight++;
    e.kinds |= bit;
  }
}

function nameMatches(o: Organization, q: string): boolean {
  return o.id.toLowerCase().includes(q) || folded(o.name.ko).includes(q) || folded(o.name.en).includes(q);
}

/**
 * Stored text as the directory filters compare it: NFC (a profile written on a system that decomposes Hangul holds
 * NFD), lower case. Cheap for text already composed, which is nearly all of it.
 */
const folded = (text: string | undefined): string => (text === undefined ? '' : text.normalize('NFC').toLowerCase());
