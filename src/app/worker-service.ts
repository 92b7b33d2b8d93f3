/**
 * The worker's side of {@link startWorker}: answers each `{ id, body }` with `{ id, body: handle(body) }` (plus the
 * transferables `handle` names), or `{ id, error }` when it throws.
 */
import { parentPort, type Transferable } from 'node:worker_threads';

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
