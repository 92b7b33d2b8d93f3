import { availableParallelism } from 'node:os';
import { startWorker, type WorkerService } from '../worker-thread.js';
import { parsePiece, type PieceResult } from './parse-piece.js';
import type { PieceRequest } from './parse-worker.js';

/** Import workers: each piece goes to the ready thread with the fewest pieces in hand. */
export interface ParsePool {
  readonly threads: number;
  parse(req: PieceRequest): Promise<PieceResult>;
  /** Resolves once every thread has started (or failed to). */
  started(): Promise<void>;
  close(): Promise<void>;
}

/** Threads for a large import: one a core, at least 2 (the main thread mostly waits), at most 4. */
export const defaultImportThreads = (): number => Math.max(2, Math.min(4, availableParallelism()));

/**
 * Starts `threads` import workers. Until the first of them has started (loading the schemas takes a thread a few
 * hundred milliseconds, more from TypeScript sources), pieces are parsed on the calling thread, by the same
 * {@link parsePiece}, instead of waiting idle.
 */
export function startParsePool(threads: number): ParsePool {
  const workers: { service: WorkerService<PieceRequest, PieceResult>; busy: number; ready: boolean }[] = [];
  const starting: Promise<unknown>[] = [];
  for (let i = 0; i < threads; i++) {
    const w = { service: startWorker<PieceRequest, PieceResult>('import/parse-worker'), busy: 0, ready: false };
    // an empty piece: answered once the thread has loaded everything it needs
    starting.push(
      w.service.request({ kind: 'collaborations', piece: new Uint8Array(0), firstOfFile: false }).then(
        () => (w.ready = true),
        () => undefined, // a thread that cannot start fails the requests sent to it; see `parse`
      ),
    );
    workers.push(w);
  }
  return {
    threads,
    async parse(req) {
      // first a turn of the event loop, where a thread's "started" reply is received (a caller feeding pieces from
      // memory would otherwise keep this thread in microtasks and never see the threads come up)
      await new Promise((resolve) => setImmediate(resolve));
      let w: (typeof workers)[number] | undefined;
      for (const x of workers) if (x.ready && (w === undefined || x.busy < w.busy)) w = x;
      if (w === undefined) return parsePiece(req.kind, req.piece, req.firstOfFile);
      w.busy++;
      try {
        return await w.service.request(req, [req.piece.buffer]);
      } finally {
        w.busy--;
      }
    },
    async started() {
      await Promise.all(starting);
    },
    async close() {
      await Promise.all(workers.map((w) => w.service.close()));
    },
  };
}
