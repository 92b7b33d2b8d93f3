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

/**
 * One round of threads: `entry` once per job, all at once; resolves with their messages in job order. The first
 * thread that fails stops the others (a batch does not run on for minutes to report an error it already has) and
 * rejects with its error.
 */
export function runWorkers<T>(entry: string, jobs: readonly unknown[]): Promise<T[]> {
  const workers = jobs.map((job) => launch(entry, job));
  return new Promise<T[]>((resolve, reject) => {
    const out: T[] = new Array<T>(jobs.length);
    let left = jobs.length;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e);
    };
    if (left === 0) resolve(out);
    workers.forEach((worker, i) => {
      worker.once('message', (m: T | { error: string }) => {
        if (typeof m === 'object' && m !== null && 'error' in m) return fail(new Error(`${entry}: ${m.error}`));
        out[i] = m;
        void worker.terminate();
        if (--left === 0 && !failed) resolve(out);
      });
      worker.once('error', fail);
      worker.once('exit', (code) => {
        if (code !== 0 && !failed && out[i] === undefined) fail(new Error(`${entry} stopped with exit code ${code}`));
      });
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
