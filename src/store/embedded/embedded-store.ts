import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  appError,
  asOrgId,
  canonicalPair,
  digestKey,
  isOpenIntroduction,
  SLUG_PATTERN,
  type DigestDelivery,
  type Introduction,
  type IntroductionId,
  type IsoWeek,
  type OrgId,
} from '../../domain/index.js';
import type { ApiKeyRecord, Batch, BatchResult, EncodedBatch, GraphStore, IntroductionUpdate } from '../graph-store.js';
import { ByteLines } from './byte-lines.js';
import { atPath, removeStaleTemporaries, writeFileDurably } from './durable-file.js';
import { GraphState, type Op } from './graph-state.js';

const SNAPSHOT = 'snapshot.jsonl';
const SEGMENT = /^seg-(\d{12})\.jsonl$/;
const LOCK = 'lock';

export interface EmbeddedStoreOptions {
  readonly dataDir: string;
  /** Fold the log into a new snapshot once it holds this many segments (default 256). */
  readonly compactAfterSegments?: number;
}

/**
 * The embedded default store: the whole graph in this process, persisted in `dataDir` as a snapshot plus a log
 * of segments, one per acknowledged write. Each segment and each snapshot is written with
 * {@link writeFileDurably} (temp file, fsync, rename, fsync dir), so a crash loses nothing acknowledged and never
 * leaves a half-written file. One process owns a data directory at a time (a `lock` file with its pid).
 */
export class EmbeddedStore implements GraphStore {
  readonly kind = 'embedded' as const;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly state: GraphState,
    private seq: number,
    private segments: number,
    private readonly compactAfter: number,
  ) {}

  /** Whether `dataDir` holds a store (its `graph` directory), without creating anything there. */
  static async existsIn(dataDir: string): Promise<boolean> {
    try {
      await stat(join(dataDir, 'graph'));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    const dir = join(options.dataDir, 'graph');
    await mkdir(dir, { recursive: true });
    await takeLock(dir);
    await removeStaleTemporaries(dir);
    const state = new GraphState();
    let seq = 0;
    const snapshot = join(dir, SNAPSHOT);
    const snapSeq = await replay(state, snapshot, true).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (snapSeq !== undefined) seq = snapSeq;
    const segs = (await readdir(dir))
      .map((n) => SEGMENT.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ name: m[0], seq: Number(m[1]) }))
      .sort((x, y) => x.seq - y.seq);
    let live = 0;
    for (const s of segs) {
      if (s.seq <= seq) {
        await rm(join(dir, s.name), { force: true }); // already folded into the snapshot
        continue;
      }
      await replay(state, join(dir, s.name), false);
      seq = s.seq;
      live++;
    }
    return new EmbeddedStore(dir, state, seq, live, options.compactAfterSegments ?? 256);
  }

  applyBatch(batch: Batch): Promise<BatchResult> {
    return this.applyEncodedBatch(batch);
  }

  /** Organisations given as text are stored as text: compared by bytes, written as they are, parsed when read. */
  applyEncodedBatch(batch: EncodedBatch): Promise<BatchResult> {
    return this.write(() => {
      const { ops, result } = this.state.planBatch(batch);
      return { ops, value: result };
    });
  }

  existingIds(ids: readonly OrgId[]): Promise<Set<OrgId>> {
    return this.read(() => new Set(ids.filter((id) => this.state.hasOrg(id))));
  }
  getOrganization(id: OrgId) {
    return this.read(() => this.state.getOrg(id));
  }
  listOrganizations(filter?: Parameters<GraphStore['listOrganizations']>[0]) {
    return this.read(() => this.state.listOrgs(filter));
  }
  allOrganizations() {
    return this.read(() => this.state.allOrgs());
  }
  deleteOrganization(id: OrgId): Promise<boolean> {
    return this.write(() => {
      const existed = this.state.hasOrg(id);
      return { ops: existed ? [{ t: 'orgDel', id }] : [], value: existed };
    });
  }

  allCollaborations() {
    return this.read(() => this.state.allCollabs());
  }
  collaborationsOf(id: OrgId) {
    return this.read(() => this.state.collabsOf(id));
  }
  partnersOf(id: OrgId) {
    return this.read(() => this.state.partnersOf(id));
  }
  sharedPartners(a: OrgId, b: OrgId) {
    return this.read(() => this.state.sharedPartners(a, b));
  }
  allProgrammes() {
    return this.read(() => this.state.allProgrammes());
  }
  programmesOf(id: OrgId) {
    return this.read(() => this.state.programmesOf(id));
  }

  createIntroduction(intro: Introduction): Promise<Introduction> {
    return this.write(() => {
      if (this.state.getIntro(intro.id) !== undefined) {
        throw appError('CONFLICT', { detail: `introduction "${intro.id}" already exists` });
      }
      for (const id of [intro.a, intro.b]) {
        if (!this.state.hasOrg(id)) throw appError('UNKNOWN_REFERENCE', { entity: 'organization', id });
      }
      // checked inside the write queue, so of concurrent proposals of one pair only the first is created
      const [x, y] = canonicalPair(intro.a, intro.b);
      const open = this.state
        .listIntros({ orgId: x })
        .find((i) => canonicalPair(i.a, i.b)[1] === y && isOpenIntroduction(i.status));
      if (open !== undefined) {
        throw appError('CONFLICT', { detail: `introduction "${open.id}" between "${x}" and "${y}" is still ${open.status}` });
      }
      return { ops: [{ t: 'intro', v: intro }], value: intro };
    });
  }
  getIntroduction(id: IntroductionId) {
    return this.read(() => this.state.getIntro(id));
  }
  listIntroductions(filter?: Parameters<GraphStore['listIntroductions']>[0]) {
    return this.read(() => this.state.listIntros(filter));
  }
  updateIntroduction(id: IntroductionId, update: IntroductionUpdate): Promise<Introduction> {
    return this.write(() => {
      const next = this.state.planIntroductionUpdate(id, update);
      return { ops: [{ t: 'intro', v: next }], value: next };
    });
  }

  putDelivery(delivery: DigestDelivery): Promise<void> {
    return this.write(() => ({ ops: [{ t: 'delivery', v: delivery }], value: undefined }));
  }
  getDelivery(orgId: OrgId, email: string, week: IsoWeek) {
    return this.read(() => this.state.getDelivery(digestKey({ orgId, email, week })));
  }
  listDeliveries(filter?: Parameters<GraphStore['listDeliveries']>[0]) {
    return this.read(() => this.state.listDeliveries(filter));
  }

  putApiKey(key: ApiKeyRecord): Promise<void> {
    return this.write(() => ({ ops: [{ t: 'key', v: key }], value: undefined }));
  }
  findApiKeyByHash(hash: string) {
    return this.read(() => this.state.findKey(hash));
  }

  stats() {
    return this.read(() => this.state.stats());
  }
  async ping(): Promise<void> {
    this.assertOpen();
  }
  changeMarker(): Promise<string> {
    return this.read(() => String(this.state.matchingChanges));
  }
  clear(): Promise<void> {
    return this.write(() => ({ ops: [{ t: 'clear' }], value: undefined }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writes.catch(() => undefined);
    this.closed = true;
    await rm(join(this.dir, LOCK), { force: true });
  }

  /** Folds the log into one snapshot (also done automatically every `compactAfterSegments` writes). */
  compact(): Promise<void> {
    return this.write(() => ({ ops: [], value: undefined })).then(() => this.enqueue(() => this.writeSnapshot()));
  }

  private async read<T>(f: () => T): Promise<T> {
    this.assertOpen();
    return f();
  }

  /**
   * Serialises writers: plans the change on the current state, makes it durable as one new segment, and only
   * then applies it in memory and acknowledges it.
   */
  private write<T>(plan: () => { ops: Op[]; value: T }): Promise<T> {
    return this.enqueue(async () => {
      const { ops, value } = plan();
      if (ops.length === 0) return value;
      const next = this.seq + 1;
      await writeFileDurably(join(this.dir, segmentName(next)), serialise(ops));
      this.seq = next;
      this.segments++;
      for (const op of ops) this.state.apply(op);
      if (this.segments >= this.compactAfter) await this.writeSnapshot();
      return value;
    });
  }

  private enqueue<T>(f: () => Promise<T>): Promise<T> {
    this.assertOpen();
    const run = this.writes.then(f, f);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async writeSnapshot(): Promise<void> {
    const header: Op[] = [];
    await writeFileDurably(join(this.dir, SNAPSHOT), serialise(header, this.state.dump(), this.seq));
    for (const name of await readdir(this.dir)) {
      const m = SEGMENT.exec(name);
      if (m !== null && Number(m[1]) <= this.seq) await rm(join(this.dir, name), { force: true });
    }
    this.segments = 0;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('store/embedded: the store is closed');
  }
}

function segmentName(seq: number): string {
  return `seg-${String(seq).padStart(12, '0')}.jsonl`;
}

/**
 * Ops as JSON lines; an organisation held as text is written as its `org` op around that text, not re-serialised.
 * Short lines are handed on joined, {@link LINES_PER_CHUNK} at a time (one encoding call for many collaborations
 * instead of one each), and the bytes around an organisation's text as constant bytes (no encoding at all).
 */
function* serialise(ops: Iterable<Op>, more: Iterable<Op> = [], snapshotSeq?: number): Generator<string | Uint8Array> {
  if (snapshotSeq !== undefined) yield `${JSON.stringify({ t: 'snapshot', seq: snapshotSeq, format: 1 })}\n`;
  let lines = '';
  let count = 0;
  for (const list of [ops, more]) {
    for (const op of list) {
      if (op.t === 'orgText') {
        if (count > 0) {
          yield lines;
          lines = '';
          count = 0;
        }
        yield ORG_OP_OPEN_BYTES;
        yield op.text;
        yield ORG_OP_CLOSE_BYTES;
        continue;
      }
      // a collaboration as its value, not its in-memory key
      lines += op.t === 'collab' ? `{"t":"collab","v":${JSON.stringify(op.v)}}\n` : `${JSON.stringify(op)}\n`;
      if (++count === LINES_PER_CHUNK) {
        yield lines;
        lines = '';
        count = 0;
      }
    }
  }
  if (count > 0) yield lines;
}

const LINES_PER_CHUNK = 256;
const ORG_OP_OPEN = '{"t":"org","v":';
const ORG_OP_OPEN_BYTES = Buffer.from(ORG_OP_OPEN);
const ORG_OP_CLOSE_BYTES = Buffer.from('}\n');

/**
 * Applies a file's ops; returns the snapshot's sequence number (0 for a segment). The file is read in chunks and
 * split into lines on bytes ({@link ByteLines}), never decoded as one string, so a snapshot or segment larger than
 * the longest JavaScript string (~512 MiB) still opens.
 */
async function replay(state: GraphState, file: string, isSnapshot: boolean): Promise<number> {
  let seq = 0;
  const lines = new ByteLines((buf, start, end, lineNo) => {
    if (start === end) return;
    const org = orgLine(buf, start, end);
    if (org !== undefined) {
      state.apply(org);
      return;
    }
    let op: Op | { t: 'snapshot'; seq: number };
    try {
      op = JSON.parse(buf.toString('utf8', start, end)) as Op | { t: 'snapshot'; seq: number };
    } catch {
      throw appError('CONFIG_INVALID', { detail: `${file}:${lineNo}: the data file is corrupt (not JSON)` });
    }
    if (op.t === 'snapshot') {
      if (isSnapshot) seq = op.seq;
      return;
    }
    state.apply(op);
  });
  const fh = await open(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(REPLAY_CHUNK_BYTES);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null).catch((e: unknown) => {
        throw atPath(e, file, 'read');
      });
      if (bytesRead === 0) break;
      lines.push(buf.subarray(0, bytesRead));
    }
    lines.end();
  } finally {
    await fh.close();
  }
  return seq;
}

const REPLAY_CHUNK_BYTES = 4 * 2 ** 20;

const ORG_LINE_START = Buffer.from(`${ORG_OP_OPEN}{"id":"`);
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;

/**
 * An `org` line as written by {@link serialise} (`{"t":"org","v":{"id":"<slug>",…}}`) as an `orgText` op holding
 * the value's bytes, found by looking at its first bytes, its id and its last two, without decoding or parsing it:
 * opening a store does not parse every profile, and a profile read back compares with the same text byte for byte.
 * The text is parsed when the profile is first read. Any other line is parsed as before.
 */
function orgLine(buf: Buffer, start: number, end: number): Op | undefined {
  const idStart = start + ORG_LINE_START.length;
  if (end - start < ORG_LINE_START.length + 4 || buf[end - 1] !== CLOSE_BRACE || buf[end - 2] !== CLOSE_BRACE) return undefined;
  if (buf.compare(ORG_LINE_START, 0, ORG_LINE_START.length, start, idStart) !== 0) return undefined;
  const idEnd = buf.indexOf(QUOTE, idStart);
  if (idEnd < 0 || idEnd >= end - 2) return undefined;
  const id = buf.toString('latin1', idStart, idEnd);
  if (!SLUG_PATTERN.test(id)) return undefined;
  return { t: 'orgText', id: asOrgId(id), text: buf.subarray(start + ORG_OP_OPEN.length, end - 1) };
}

async function takeLock(dir: string): Promise<void> {
  const path = join(dir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.write(String(process.pid));
        await fh.close();
      } catch (e) {
        // e.g. a full disk: the file exists but names no owner; the error of the write names no file
        await fh.close().catch(() => undefined);
        await rm(path, { force: true });
        throw atPath(e, path, 'write');
      }
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (owner === process.pid) return; // reopened in the same process (a restart in tests)
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw appError('CONFLICT', {
          detail: `the data directory ${dir} is in use by process ${owner}; stop it or use another --data-dir`,
        });
      }
      await rm(path, { force: true }); // a crashed owner left it behind
    }
  }
  throw appError('CONFLICT', { detail: `cannot lock the data directory ${dir}` });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Size of the data directory in bytes (for stats and benches). */
export async function dataDirBytes(dataDir: string): Promise<number> {
  const dir = join(dataDir, 'graph');
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) total += (await stat(join(dir, name))).size;
  return total;
}
