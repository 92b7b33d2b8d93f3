import type { Organization } from '../../domain/index.js';
import type { EncodedBatch, EncodedOrganization } from '../graph-store.js';

export type OrgRow = Organization | EncodedOrganization;

/** Thrown inside a staged batch's transaction when the batch is aborted: the transaction rolls back. */
export class BatchAborted extends Error {
  constructor() {
    super('store/neo4j: the staged batch was aborted');
  }
}

/**
 * A batch as its transaction reads it: organisations in groups as they arrive, then the rest. Every group is kept,
 * so a transaction the driver runs again (a transient failure, a CONFLICT) replays the batch from its start.
 */
export class BatchFeed {
  private readonly groups: (readonly OrgRow[])[] = [];
  private last: EncodedBatch | undefined;
  private aborted = false;
  private waiting: (() => void)[] = [];

  /** A whole batch: its organisations as one group, its rest known. */
  static of(batch: EncodedBatch): BatchFeed {
    const feed = new BatchFeed();
    feed.add(batch.organizations ?? []);
    feed.finish({ ...(batch.collaborations !== undefined ? { collaborations: batch.collaborations } : {}), ...(batch.programmes !== undefined ? { programmes: batch.programmes } : {}) });
    return feed;
  }

  add(organizations: readonly OrgRow[]): void {
    if (this.last !== undefined || this.aborted) throw new Error('store/neo4j: organisations added to a finished batch');
    if (organizations.length === 0) return;
    this.groups.push(organizations);
    this.wake();
  }

  /** The rest of the batch: organisations not added before, collaborations and programmes. */
  finish(rest: EncodedBatch): void {
    if (this.last !== undefined || this.aborted) throw new Error('store/neo4j: a staged batch finished twice');
    if ((rest.organizations ?? []).length > 0) this.groups.push(rest.organizations ?? []);
    this.last = { collaborations: rest.collaborations ?? [], programmes: rest.programmes ?? [] };
    this.wake();
  }

  abort(): void {
    this.aborted = true;
    this.wake();
  }

  /**
   * Every organisation from the first, waiting for more until the batch is finished; throws BatchAborted on abort.
   * Each step yields all the groups that have arrived since the last (the caller writes them as one: fewer round
   * trips, and its chunks stay pipelined when the import parses faster than the server writes).
   */
  async *organizations(): AsyncGenerator<readonly OrgRow[]> {
    for (let i = 0; ; ) {
      if (this.aborted) throw new BatchAborted();
      if (i < this.groups.length) {
        const ready = this.groups.slice(i);
        i = this.groups.length;
        yield ready.length === 1 ? (ready[0] as readonly OrgRow[]) : ready.flat();
      } else if (this.last !== undefined) return;
      else await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** The collaborations and programmes; call after `organizations()` has ended. */
  rest(): EncodedBatch {
    if (this.last === undefined) throw new Error('store/neo4j: the rest of a batch read before it came');
    return this.last;
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
