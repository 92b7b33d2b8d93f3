import neo4j, { type Driver, type ManagedTransaction, type RecordShape } from 'neo4j-driver';
import {
  appError,
  canonicalPair,
  canTransition,
  digestKey,
  OPEN_INTRODUCTION_STATUSES,
  isAppError,
  regionQuery,
  type Collaboration,
  type DigestDelivery,
  type Introduction,
  type IntroductionId,
  type IsoWeek,
  type Organization,
  type OrgId,
  type Programme,
} from '../../domain/index.js';
import type {
  ApiKeyRecord,
  Batch,
  BatchResult,
  DeliveryFilter,
  EncodedBatch,
  GraphStore,
  IntroductionFilter,
  IntroductionUpdate,
  OrganizationFilter,
  Partner,
  StoreStats,
} from '../graph-store.js';
import { applyBatchInTx, chunks } from './apply-batch.js';
import * as Q from './cypher.js';
import { mapDriverError } from './errors.js';
import {
  apiKeyFromProps,
  apiKeyToProps,
  collabFromRecord,
  deliveryFromProps,
  deliveryToProps,
  introFromProps,
  introToProps,
  orgFromProps,
  programmeFromRecord,
  type Props,
} from './mapping.js';

export interface Neo4jStoreOptions {
  /** `bolt://host:7687` or `neo4j://host:7687` (routing, for a cluster). */
  readonly uri: string;
  /** Default `neo4j` when a password is given; no auth at all without a password. */
  readonly user?: string;
  readonly password?: string;
  /** Default: the server's default database. */
  readonly database?: string;
  /** TCP connect timeout in ms (default 3 000): how long a call waits on a server that does not answer. */
  readonly connectionTimeoutMs?: number;
  /** How long a transaction is retried on transient failures in ms (default 5 000). */
  readonly maxRetryTimeMs?: number;
}

const NO_LIMIT = neo4j.int(Number.MAX_SAFE_INTEGER);

/** A batch that lost a race to create an organisation runs again; this many times at most. */
const MAX_BATCH_ATTEMPTS = 5;

/**
 * The GraphStore on Neo4j (5.x). Organisations, programmes, introductions, digest deliveries and API keys are
 * nodes; collaborations are `COLLABORATED` relationships, told apart by their ends, kind and evidence
 * (`collaborationKey`); participation is `PARTICIPATED` with the participant's position. Statements live in
 * `cypher.ts`, conversions in `mapping.ts`.
 * The driver reconnects by itself; while the server is unreachable every call fails within a few seconds with
 * `STORE_UNAVAILABLE`.
 */
export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private schema: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
  ) {}

  /**
   * Creates the constraints and migrates data written in an older layout, once per store (retried on the next
   * call if the server was down).
   */
  ensureSchema(): Promise<void> {
    this.schema ??= (async () => {
      const write = this.queryConfig('WRITE');
      for (const statement of Q.SCHEMA) await this.driver.executeQuery(statement, {}, write);
      const { records } = await this.driver.executeQuery(Q.SCHEMA_VERSION_GET, {}, this.queryConfig('READ'));
      const version = records[0]?.get('version') as number | bigint | null | undefined;
      if (version !== null && version !== undefined && Number(version) >= Q.SCHEMA_VERSION) return;
      for (;;) {
        const r = await this.driver.executeQuery(Q.MIGRATE_COLLAB_KEYS, {}, write);
        if (Number(r.records[0]?.get('migrated') ?? 0) === 0) break;
      }
      await this.driver.executeQuery(Q.SCHEMA_VERSION_SET, { version: Q.SCHEMA_VERSION }, write);
    })().catch((e: unknown) => {
      this.schema = undefined;
      throw e;
    });
    return this.schema;
  }

  applyBatch(batch: Batch): Promise<BatchResult> {
    return this.applyEncodedBatch(batch);
  }

  /**
   * Organisations given as text are stored as that text (their `profile` property), without serialising them again.
   * The batch CREATEs the organisations its read did not find; when a concurrent import created one of them in
   * between, the uniqueness constraint fails the transaction and the batch runs again (and then finds it).
   */
  async applyEncodedBatch(batch: EncodedBatch): Promise<BatchResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write((tx) => applyBatchInTx(tx, batch), true);
      } catch (e) {
        if (!(isAppError(e) && e.code === 'CONFLICT') || attempt >= MAX_BATCH_ATTEMPTS) throw e;
      }
    }
  }

  existingIds(ids: readonly OrgId[]): Promise<Set<OrgId>> {
    return this.guard(async () => {
      const out = new Set<OrgId>();
      for (const chunk of chunks([...new Set(ids)])) {
        for (const r of await this.read(Q.ORG_EXISTING, { ids: chunk })) out.add(r.id as OrgId);
      }
      return out;
    });
  }

  getOrganization(id: OrgId): Promise<Organization | undefined> {
    return this.guard(async () => {
      const [row] = await this.read(Q.ORG_GET, { id });
      return row === undefined ? undefined : orgFromProps(row.o as Props);
    });
  }

  listOrganizations(filter: OrganizationFilter = {}): Promise<Organization[]> {
    return this.guard(async () => {
      const params = {
        types: filter.types !== undefined && filter.types.length > 0 ? filter.types : null,
        sectors: filter.sectors !== undefined && filter.sectors.length > 0 ? filter.sectors : null,
        region: filter.region === undefined ? null : regionQuery(filter.region),
        q: filter.q?.normalize('NFC').toLowerCase() ?? null,
        after: filter.after ?? null,
        limit: filter.limit === undefined ? NO_LIMIT : neo4j.int(Math.max(0, Math.floor(filter.limit))),
      };
      const rows = await this.read(filter.after === undefined ? Q.ORG_LIST : Q.ORG_LIST_AFTER, params);
      return rows.map((r) => orgFromProps(r.o as Props));
    });
  }

  allOrganizations(): Promise<Organization[]> {
    return this.listOrganizations();
  }

  deleteOrganization(id: OrgId): Promise<boolean> {
    return this.write(async (tx) => {
      const r = await tx.run(Q.ORG_DELETE, { id });
      return (r.records[0]?.get('deleted') as number | undefined) === 1;
    }, true);
  }

  allCollaborations(): Promise<Collaboration[]> {
    return this.guard(async () => (await this.read(Q.COLLAB_ALL, {})).map(collabFromRecord));
  }

  collaborationsOf(id: OrgId): Promise<Collaboration[]> {
    return this.guard(async () => (await this.read(Q.COLLAB_OF, { id })).map(collabFromRecord));
  }

  partnersOf(id: OrgId): Promise<Partner[]> {
    return this.guard(async () =>
      (await this.read(Q.PARTNERS_OF, { id })).map((r) => ({
        id: r.id as OrgId,
        weight: r.weight as number,
        kinds: [...(r.kinds as Collaboration['kind'][])].sort(),
      })),
    );
  }

  sharedPartners(a: OrgId, b: OrgId): Promise<OrgId[]> {
    return this.guard(async () => (await this.read(Q.SHARED_PARTNERS, { a, b })).map((r) => r.id as OrgId));
  }

  allProgrammes(): Promise<Programme[]> {
    return this.guard(async () => (await this.read(Q.PROGRAMME_ALL, {})).map((r) => programmeFromRecord(r.p as Props, r.participants)));
  }

  programmesOf(id: OrgId): Promise<Programme[]> {
    return this.guard(async () =>
      (await this.read(Q.PROGRAMME_OF, { id })).map((r) => programmeFromRecord(r.p as Props, r.participants)),
    );
  }

  /**
   * Locks both organisations first (in id order), then checks and creates in the same transaction: of concurrent
   * proposals of one pair only the first is created, the others get `CONFLICT` while it is open.
   */
  createIntroduction(intro: Introduction): Promise<Introduction> {
    return this.write(async (tx) => {
      const [x, y] = canonicalPair(intro.a, intro.b);
      const found = await tx.run(Q.INTRO_LOCK_PAIR, { ids: x === y ? [x] : [x, y] });
      if ((await tx.run(Q.INTRO_GET, { id: intro.id })).records.length > 0) {
        throw appError('CONFLICT', { detail: `introduction "${intro.id}" already exists` });
      }
      const known = new Set(found.records.map((r) => r.get('id') as string));
      for (const id of [intro.a, intro.b]) {
        if (!known.has(id)) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id });
      }
      const open = (await tx.run(Q.INTRO_OPEN_OF_PAIR, { a: x, b: y, open: OPEN_INTRODUCTION_STATUSES })).records[0];
      if (open !== undefined) {
        throw appError('CONFLICT', { detail: `introduction "${String(open.get('id'))}" between "${x}" and "${y}" is still ${String(open.get('status'))}` });
      }
      await tx.run(Q.INTRO_CREATE, { props: introToProps(intro) });
      return intro;
    }, true);
  }

  getIntroduction(id: IntroductionId): Promise<Introduction | undefined> {
    return this.guard(async () => {
      const [row] = await this.read(Q.INTRO_GET, { id });
      return row === undefined ? undefined : introFromProps(row.i as Props);
    });
  }

  listIntroductions(filter: IntroductionFilter = {}): Promise<Introduction[]> {
    return this.guard(async () => {
      const params = { status: filter.status ?? null, sector: filter.sector ?? null, orgId: filter.orgId ?? null };
      return (await this.read(Q.INTRO_LIST, params)).map((r) => introFromProps(r.i as Props));
    });
  }

  /** Locks the node, then reads, checks and writes in the same transaction: concurrent moves are serialised. */
  updateIntroduction(id: IntroductionId, update: IntroductionUpdate): Promise<Introduction> {
    return this.write(async (tx) => {
      const locked = await tx.run(Q.INTRO_LOCK, { id });
      if (locked.records[0]?.get('found') !== 1) throw appError('NOT_FOUND', { entity: 'introduction', id });
      const row = (await tx.run(Q.INTRO_GET, { id })).records[0];
      if (row === undefined) throw appError('NOT_FOUND', { entity: 'introduction', id });
      const intro = introFromProps(row.get('i') as Props);
      if (!canTransition(intro.status, update.status)) {
        throw appError('ILLEGAL_TRANSITION', { from: intro.status, to: update.status });
      }
      const next: Introduction = {
        ...intro,
        status: update.status,
        ...(update.outcome !== undefined ? { outcome: update.outcome } : {}),
        updatedAt: update.at,
        history: [
          ...intro.history,
          { status: update.status, at: update.at, by: update.by, ...(update.reason !== undefined ? { reason: update.reason } : {}) },
        ],
      };
      await tx.run(Q.INTRO_UPDATE, { id, props: introToProps(next) });
      return next;
    }, true);
  }

  putDelivery(delivery: DigestDelivery): Promise<void> {
    return this.write(async (tx) => {
      await tx.run(Q.DELIVERY_PUT, { props: deliveryToProps(delivery) });
    });
  }

  getDelivery(orgId: OrgId, email: string, week: IsoWeek): Promise<DigestDelivery | undefined> {
    return this.guard(async () => {
      const [row] = await this.read(Q.DELIVERY_GET, { key: digestKey({ orgId, email, week }) });
      return row === undefined ? undefined : deliveryFromProps(row.d as Props);
    });
  }

  listDeliveries(filter: DeliveryFilter = {}): Promise<DigestDelivery[]> {
    return this.guard(async () => {
      const params = {
        orgId: filter.orgId ?? null,
        week: filter.week ?? null,
        fromWeek: filter.fromWeek ?? null,
        status: filter.status ?? null,
      };
      return (await this.read(Q.DELIVERY_LIST, params)).map((r) => deliveryFromProps(r.d as Props));
    });
  }

  putApiKey(key: ApiKeyRecord): Promise<void> {
    return this.write(async (tx) => {
      await tx.run(Q.KEY_PUT, { props: apiKeyToProps(key) });
    });
  }

  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return this.guard(async () => {
      const [row] = await this.read(Q.KEY_BY_HASH, { hash });
      return row === undefined ? undefined : apiKeyFromProps(row.k as Props);
    });
  }

  stats(): Promise<StoreStats> {
    return this.guard(async () => {
      const [r] = await this.read(Q.STATS, {});
      if (r === undefined) throw new Error('store/neo4j: the stats query returned no row');
      return {
        organizations: r.organizations as number,
        byType: Object.fromEntries(r.byType as [string, number][]),
        bySector: Object.fromEntries(r.bySector as [string, number][]),
        collaborations: r.collaborations as number,
        programmes: r.programmes as number,
        introductions: r.introductions as number,
      };
    });
  }

  /** The change marker's count (`CHANGE_MARKER_BUMP`); "0" before the first write that changes what matching reads. */
  changeMarker(): Promise<string> {
    return this.guard(async () => {
      const [row] = await this.read(Q.CHANGE_MARKER_GET, {});
      return String(row?.seq ?? 0);
    });
  }

  /** One auto-commit `RETURN 1`, not retried: a health probe must answer quickly either way. */
  ping(): Promise<void> {
    return this.guard(async () => {
      const session = this.driver.session(this.sessionConfig('READ'));
      try {
        await session.run(Q.PING);
      } finally {
        await session.close();
      }
    }, false);
  }

  /** Deletes every node and relationship in batches of 10k (auto-commit `CALL … IN TRANSACTIONS`). */
  clear(): Promise<void> {
    return this.guard(async () => {
      const session = this.driver.session(this.sessionConfig('WRITE'));
      try {
        await session.run(Q.CLEAR);
      } finally {
        await session.close();
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.driver.close();
  }

  /** Checks the store is open, makes sure the schema exists and maps driver failures (see `mapDriverError`). */
  private async guard<T>(f: () => Promise<T>, needsSchema = true): Promise<T> {
    if (this.closed) throw new Error('store/neo4j: the store is closed');
    try {
      if (needsSchema) await this.ensureSchema();
      return await f();
    } catch (e) {
      throw mapDriverError(e);
    }
  }

  /** A read with the driver's retries on transient failures; rows as plain objects. */
  private async read(query: string, params: Record<string, unknown>): Promise<RecordShape[]> {
    const r = await this.driver.executeQuery(query, params, this.queryConfig('READ'));
    return r.records.map((rec) => rec.toObject());
  }

  /**
   * One write transaction (retried whole by the driver on transient failures; `work` must be idempotent). With
   * `matching` it changes what matching reads, so it bumps the change marker as its last statement.
   */
  private write<T>(work: (tx: ManagedTransaction) => Promise<T>, matching = false): Promise<T> {
    return this.guard(async () => {
      const session = this.driver.session(this.sessionConfig('WRITE'));
      try {
        return await session.executeWrite(async (tx) => {
          const value = await work(tx);
          if (matching) await tx.run(Q.CHANGE_MARKER_BUMP);
          return value;
        });
      } finally {
        await session.close();
      }
    });
  }

  private queryConfig(mode: 'READ' | 'WRITE') {
    return {
      routing: mode === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
      ...(this.database !== undefined ? { database: this.database } : {}),
    };
  }

  /** Sessions share the bookmark manager of `executeQuery`, so a read after a write sees it on a cluster too. */
  private sessionConfig(mode: 'READ' | 'WRITE') {
    return {
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      ...(this.database !== undefined ? { database: this.database } : {}),
    };
  }
}

/**
 * Connects to Neo4j and creates the constraints. A server that is down at start is not fatal (the store answers
 * `STORE_UNAVAILABLE` until it is back, then creates the constraints on first use); bad credentials or a bad
 * URI are.
 */
export async function createNeo4jStore(options: Neo4jStoreOptions): Promise<Neo4jStore> {
  const auth =
    options.password !== undefined ? neo4j.auth.basic(options.user ?? 'neo4j', options.password) : undefined;
  const driver = neo4j.driver(options.uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    connectionAcquisitionTimeout: (options.connectionTimeoutMs ?? 3000) + 2000,
    maxTransactionRetryTime: options.maxRetryTimeMs ?? 5000,
    userAgent: 'innomatch',
    telemetryDisabled: true,
  });
  const store = new Neo4jStore(driver, options.database);
  try {
    await store.ensureSchema();
  } catch (e) {
    const mapped = mapDriverError(e);
    const unreachable = mapped instanceof Error && 'code' in mapped && mapped.code === 'STORE_UNAVAILABLE';
    if (!unreachable) {
      await driver.close();
      throw mapped;
    }
  }
  return store;
}
