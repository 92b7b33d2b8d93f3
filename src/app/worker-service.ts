/**
 * The worker's side of the two ways `worker-thread.ts` runs threads: `serveRequests` for a long-lived worker
 * ({@link startWorker}), `answerOnce` for one job of a round (`runWorkers`).
 */
import { parentPort, workerData, type Transferable } from 'node:worker_threads';

/** Answers each `{ id, body }` with `{ id, body: handle(body) }` (plus the transferables `handle` names), or `{ id, error }` when it throws. */
export function serveRequests<Req, Res>(handle: (body: Req) => { body: Res; transfer?: readonly Transferable[] }): void {
  const port = parentPort;
  if (port === null) throw new Error('app/worker-service: not running in a worker thread');
  port.on('message', (m: { id: number; body: Req }) => {
    try {
      const out = handle(m.body);
      port.postMessage({ id: m.id, body: out.body }, out.transfer ?? []);
    } catch (e) {
      port.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
}

/**
 * Runs the thread's one job (`workerData`) and posts back its result (plus the transferables `transfer` names), or
 * `{ error }` when it throws: what `runWorkers` waits for.
 */
export async function answerOnce<Job, Res>(work: (job: Job) => Res | Promise<Res>, transfer?: (result: Res) => readonly Transferable[]): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('app/worker-service: not running in a worker thread');
  try {
    const result = await work(workerData as Job);
    port.postMessage(result, transfer?.(result) ?? []);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}
