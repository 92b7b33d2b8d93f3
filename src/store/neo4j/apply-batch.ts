import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { appError, lastCopies, type Collaboration, type OrgId, type Programme } from '../../domain/index.js';
import type { BatchResult, EncodedBatch } from '../graph-store.js';
import {
  CHUNK,
  COLLAB_CREATE,
  COLLAB_KEYS_FROM,
  COLLAB_MERGE,
  COLLAB_SET_YEAR,
  ORG_EXISTING,
  ORG_FINGERPRINTS,
  ORG_CREATE,
  ORG_UPSERT,
  PROGRAMME_BY_IDS,
  PROGRAMME_UPSERT,
} from './cypher.js';
import { collabRow, orgToProps, programmeFromRecord, programmeToRow, stableJson, type Props } from './mapping.js';

/**
 * Applies a batch inside one write transaction (the caller commits it, or the driver retries the whole function
 * on a transient failure, so everything here reads before it writes and stays idempotent):
 * 1. every collaboration end and programme participant must be in the batch or stored, else UNKNOWN_REFERENCE;
 * 2. rows are compared with what is stored (organisations by fingerprint, programmes by their stable JSON) and
 *    counted exactly like the embedded store: later duplicates in the batch compare against earlier ones;
 * 3. only new or changed rows are written, in `UNWIND` chunks of {@link CHUNK}: organisations the read did not find
 *    with a plain CREATE (a concurrent creator of the same id makes the uniqueness constraint fail this
 *    transaction, which the store then runs again), the others with a MERGE. Organisations surely new (not
 *    stored, once in the batch) go first, each mapped to its properties just before its chunk is sent, so that
 *    the mapping (canonical JSON and fingerprint, ~2 s per 100k) overlaps with the server's work.
 *
 * Organisations may come as their JSON text (see `EncodedOrganization`); they are stored as that text.
 *
 * Collaborations name their ends by element id, gathered from the reads and the organisation upsert of this same
 * transaction (no index seek per end). An end that the upsert created is invisible to every other transaction
 * until this one commits, so nothing can be stored between it and anything yet: such collaborations are simply
 * CREATEd (once per key). Those between two organisations that existed before are compared with the keys of the
 * collaborations already stored on their ends (one walk per organisation, not a pattern match per collaboration;
 * the key is made from the ends, kind and evidence, not stored) and only the missing ones are MERGEd (which still
 * guards against a concurrent writer); a stored one given with another year gets that year (COLLAB_SET_YEAR).
 */
export async function applyBatchInTx(tx: ManagedTransaction, batch: EncodedBatch): Promise<BatchResult> {
  const orgs = batch.organizations ?? [];
  const collabs = batch.collaborations ?? [];
  const programmes = batch.programmes ?? [];
  /** Element ids of the organisations this transaction has read or written. */
  const elementIds = new Map<string, string>();
  /** Ids of organisations stored before this batch. */
  const storedBefore = new Set<string>();
  await checkReferences(tx, batch, elementIds, storedBefore);

  const organizations = { created: 0, updated: 0, unchanged: 0 };
  const stored = await fingerprints(tx, orgs.map((o) => o.id), elementIds);
  for (const id of stored.keys()) storedBefore.add(id);
  /** Created for sure (not stored, once in the batch): nothing to compare, so each is mapped just before it is sent. */
  const seen = new Map<string, number>();
  for (const o of orgs) seen.set(o.id, (seen.get(o.id) ?? 0) + 1);
  const plainNew = (o: { id: string }) => seen.get(o.id) === 1 && !stored.has(o.id);
  /** Created organisations (not merely updated): new in this transaction, seen by no other. */
  const createdHere = new Set<string>();
  const onUpsert = (rec: Neo4jRecord) => {
    const id = rec.get('id') as string;
    elementIds.set(id, rec.get('eid') as string);
    if (rec.get('created') === true) createdHere.add(id);
  };
  function* plainNewProps(): Generator<Props> {
    for (const o of orgs) {
      if (!plainNew(o)) continue;
      organizations.created++;
      yield orgToProps(o);
    }
  }
  await runChunks(tx, ORG_CREATE, plainNewProps(), onUpsert);
  const pendingOrgs = new Map<OrgId, Props>();
  for (const o of orgs) {
    if (plainNew(o)) continue;
    const props = orgToProps(o);
    const before = pendingOrgs.get(o.id)?.fingerprint ?? stored.get(o.id);
    if (before === undefined) organizations.created++;
    else if (before === props.fingerprint) {
      organizations.unchanged++;
      continue;
    } else organizations.updated++;
    pendingOrgs.set(o.id, props);
  }
  const pending = [...pendingOrgs.values()];
  await runChunks(tx, ORG_CREATE, pending.filter((p) => !stored.has(p.id as string)), onUpsert);
  await runChunks(tx, ORG_UPSERT, pending.filter((p) => stored.has(p.id as string)), onUpsert);

  const collaborations = { created: 0, updated: 0, unchanged: 0 };
  // the last copy of each collaboration is what lands and what is compared (`lastCopies`); earlier ones are unchanged
  const last = lastCopies(collabs);
  collaborations.unchanged += collabs.length - last.size;
  const row = (c: Collaboration) => collabRow(c, elementIdOf(elementIds, c.a), elementIdOf(elementIds, c.b));
  const fresh = (c: Collaboration) => createdHere.has(c.a) || createdHere.has(c.b);
  const ends = new Set<string>();
  for (const c of last.values()) {
    if (!fresh(c)) ends.add(elementIdOf(elementIds, c.a)).add(elementIdOf(elementIds, c.b));
  }
  /** The year of each stored collaboration between the batch's stored ends (null: none). */
  const existing = new Map<string, number | null>();
  for (const chunk of chunks([...ends])) {
    for (const rec of (await tx.run(COLLAB_KEYS_FROM, { ids: chunk, sep: '\u0000' })).records) {
      existing.set(rec.get('key') as string, rec.get('year') as number | null);
    }
  }
  const toCreate = new Map<string, Props>();
  const toMerge = new Map<string, Props>();
  const toSetYear = new Map<string, Props>();
  for (const [key, c] of last) {
    const before = existing.get(key);
    if (before === undefined) {
      collaborations.created++;
      (fresh(c) ? toCreate : toMerge).set(key, row(c));
    } else if (before === (c.year ?? null)) collaborations.unchanged++;
    else {
      collaborations.updated++;
      toSetYear.set(key, row(c));
    }
  }
  await runChunks(tx, COLLAB_CREATE, [...toCreate.values()]);
  // a concurrent writer may have created some of them since the read: count what this MERGE created
  let merged = 0;
  await runChunks(tx, COLLAB_MERGE, [...toMerge.values()], (rec) => {
    if (rec.get('created') === true) merged++;
  });
  collaborations.created -= toMerge.size - merged;
  collaborations.unchanged += toMerge.size - merged;
  await runChunks(tx, COLLAB_SET_YEAR, [...toSetYear.values()]);

  const progs = { created: 0, updated: 0, unchanged: 0 };
  const storedProgs = await storedProgrammes(tx, programmes.map((p) => p.id));
  const pendingProgs = new Map<string, { json: string; p: Programme }>();
  for (const p of programmes) {
    const json = stableJson(p);
    const before = pendingProgs.get(p.id)?.json ?? storedProgs.get(p.id);
    if (before === undefined) progs.created++;
    else if (before === json) {
      progs.unchanged++;
      continue;
    } else progs.updated++;
    pendingProgs.set(p.id, { json, p });
  }
  await runChunks(tx, PROGRAMME_UPSERT, [...pendingProgs.values()].map(({ p }) => programmeToRow(p)));
  return { organizations, collaborations, programmes: progs };
}

function elementIdOf(elementIds: ReadonlyMap<string, string>, id: string): string {
  const eid = elementIds.get(id);
  // checkReferences and the upsert have seen every end; a gap here is a bug in this file, not bad input
  if (eid === undefined) throw new Error(`store/neo4j: no element id for organisation ${id}`);
  return eid;
}

/**
 * Throws UNKNOWN_REFERENCE for the first referenced organisation (in batch order) that exists nowhere; records the
 * element ids of the stored ones outside the batch.
 */
async function checkReferences(
  tx: ManagedTransaction,
  batch: EncodedBatch,
  elementIds: Map<string, string>,
  storedBefore: Set<string>,
): Promise<void> {
  const inBatch = new Set<string>((batch.organizations ?? []).map((o) => o.id));
  const referenced: string[] = [];
  for (const c of batch.collaborations ?? []) referenced.push(c.a, c.b);
  for (const p of batch.programmes ?? []) referenced.push(...p.participants);
  const outside = [...new Set(referenced.filter((id) => !inBatch.has(id)))];
  if (outside.length === 0) return;
  for (const chunk of chunks(outside)) {
    const r = await tx.run(ORG_EXISTING, { ids: chunk });
    for (const rec of r.records) {
      const id = rec.get('id') as string;
      elementIds.set(id, rec.get('eid') as string);
      storedBefore.add(id);
    }
  }
  const missing = referenced.find((id) => !inBatch.has(id) && !storedBefore.has(id));
  if (missing !== undefined) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id: missing });
}

/** Stored fingerprints by id; records the element ids too. */
async function fingerprints(tx: ManagedTransaction, ids: readonly string[], elementIds: Map<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunks([...new Set(ids)])) {
    const r = await tx.run(ORG_FINGERPRINTS, { ids: chunk });
    for (const rec of r.records) {
      const id = rec.get('id') as string;
      out.set(id, (rec.get('fingerprint') as string | null) ?? '');
      elementIds.set(id, rec.get('eid') as string);
    }
  }
  return out;
}

async function storedProgrammes(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunks([...new Set(ids)])) {
    const r = await tx.run(PROGRAMME_BY_IDS, { ids: chunk });
    for (const rec of r.records) {
      const p = programmeFromRecord(rec.get('p') as Props, rec.get('participants'));
      out.set(p.id, stableJson(p));
    }
  }
  return out;
}

/**
 * Writes `rows` in chunks with two statements in flight, so the driver encodes (and sends) the next chunk while
 * the server runs the current one: on two cores this overlaps Node's and Neo4j's work instead of alternating.
 * Rows from a generator are made chunk by chunk, also while the server runs the chunks before them.
 * `onRecord` sees every returned record.
 */
async function runChunks(
  tx: ManagedTransaction,
  query: string,
  rows: Iterable<Props>,
  onRecord: (rec: Neo4jRecord) => void = () => undefined,
): Promise<void> {
  const inFlight: Promise<unknown>[] = [];
  for (const chunk of chunks(rows)) {
    const p = Promise.resolve(tx.run(query, { rows: chunk })).then((r) => r.records.forEach(onRecord));
    p.catch(() => undefined); // awaited below; this only keeps a failure after the first one from going unhandled
    inFlight.push(p);
    if (inFlight.length >= 2) await inFlight.shift();
  }
  await Promise.all(inFlight);
}

export function* chunks<T>(items: Iterable<T>, size = CHUNK): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
