/**
 * The end-to-end tests run against the built page (`dist/web`). When it is missing or older than any file of
 * `src/web` (or the lock file), it is built first, once, even when several test files ask at the same time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_SRC = join(ROOT, 'src/web');
export const WEB_DIST = join(ROOT, 'dist/web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newestMtime(WEB_SRC) > built || statSync(join(ROOT, 'package-lock.json')).mtimeMs > built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds `dist/web` with Vite when it is missing or stale; a directory lock keeps concurrent builds apart. */
export function ensureWebBuild(): void {
  if (!webBuildIsStale()) return;
  const lock = join(ROOT, '.tmp', 'web-build.lock');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('e2e: timed out waiting for another web build');
      sleep(200);
    }
  }
  try {
    if (webBuildIsStale()) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'src/web', '--logLevel', 'warn'], {
        cwd: ROOT,
        stdio: 'inherit',
        // vitest sets NODE_ENV=test, which would give a development build (JSX debug info, a third heavier)
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
