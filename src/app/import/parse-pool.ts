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

/**
 * Worker threads for a large import: one a core beside the main thread's, at most 4 — and none on two cores or
 * fewer. There the threads cost more CPU than they save wall time whenever the machine is shared: each loads zod
 * and the schemas and warms up on its own, and the collaborations cross threads by structured clone. Measured on
 * 2 shared cores, `innomatch ingest --threads N` from the built CLI, 100k profiles + 300k collaborations,
 * interleaved (commit 3a473a2, load 2.4-5.2): CPU (user + sys) 5.0-5.4 s with none, 5.8-6.3 s with one, 6.3-6.7 s
 * with two, and wall 5.4-5.7 s with none against 8.3-8.8 s with two at load 2.4-3.4. Only on an idle machine did
 * two threads win (3.4 s against 4.1-5.1 s with none, in-process at load 2.0-2.3 on f73a2de); `--threads 2` is there
 * for such a machine.
 */
export const defaultImportThreads = (): number => {
  const cores = availableParallelism();
  return cores > 2 ? Math.min(4, cores - 1) : 0;
};

/**
 * Starts `threads` import workers (0: every piece is parsed on the calling thread). Until the first of them has
 * started (loading the schemas takes a thread a few hundred milliseconds, more from TypeScript sources), pieces
 * are parsed on the calling thread, by the same {@link parsePiece}, instead of waiting idle.
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
