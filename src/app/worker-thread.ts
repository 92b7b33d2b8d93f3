/**
 * Launches worker-thread entries of this folder. From compiled JavaScript the file runs directly; from TypeScript
 * sources (tsx, tests) the thread first registers tsx's loader, which threads do not inherit.
 */
import { Worker, type Transferable } from 'node:worker_threads';

function launch(entry: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./${entry}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  return fromSource
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData })
    : new Worker(url, { workerData });
}

/** Runs `entry` with plain data and resolves with the one message it posts back (`{ error }` rejects). */
export function runWorker<T>(entry: string, workerData: unknown): Promise<T> {
  const worker = launch(entry, workerData);
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (m: T | { error: string }) => {
      if (typeof m === 'object' && m !== null && 'error' in m) reject(new Error(`${entry}: ${m.error}`));
      else resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${entry} stopped with exit code ${code}`));
    });
  });
}

/** A worker that serves many requests: each `request` posts `{ id, body }` and resolves with the reply of that id. */
export interface WorkerService<Req, Res> {
  request(body: Req, transfer?: readonly Transferable[]): Promise<Res>;
  close(): Promise<void>;
}

/**
 * Starts `entry` as a long-lived service (see {@link serveRequests} for the worker's side). A reply `{ id, error }`
 * rejects that request; a thread that dies rejects every request still open.
 */
export function startWorker<Req, Res>(entry: string, workerData?: unknown): WorkerService<Req, Res> {
  const worker = launch(entry, workerData);
  const open = new Map<number, { resolve: (r: Res) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const p of open.values()) p.reject(failure);
    open.clear();
  };
  worker.on('message', (m: { id: number; body: Res } | { id: number; error: string }) => {
    const p = open.get(m.id);
    if (p === undefined) return;
    open.delete(m.id);
    if ('error' in m) p.reject(new Error(`${entry}: ${m.error}`));
    else p.resolve(m.body);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`${entry} stopped with exit code ${code}`)));
  return {
    request(body, transfer = []) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = next++;
      return new Promise<Res>((resolve, reject) => {
        open.set(id, { resolve, reject });
        worker.postMessage({ id, body }, transfer);
      });
    },
    async close() {
      failure ??= new Error(`${entry}: closed`);
      await worker.terminate();
    },
  };
}
