/**
 * Runs a worker-thread entry of this folder with plain data and resolves with the one message it posts back
 * (`{ error }` rejects). From compiled JavaScript the file runs directly; from TypeScript sources (tsx, tests) the
 * thread first registers tsx's loader, which threads do not inherit.
 */
import { Worker } from 'node:worker_threads';

export function runWorker<T>(entry: string, workerData: unknown): Promise<T> {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(`./${entry}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, workerData })
    : new Worker(url, { workerData });
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
