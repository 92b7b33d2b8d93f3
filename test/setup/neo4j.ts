/**
 * For test files that need Neo4j (name them `*neo4j*.test.ts` so the global setup starts a server for them).
 * `describeWithNeo4j` skips when the run has no Neo4j (locally only: CI fails instead, see global-neo4j.ts) and
 * holds a lock across processes for the whole describe block: Community Edition has one user database and
 * suites `clear()` it, so two Neo4j test files must not run at the same time even though vitest runs files in
 * parallel forks.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { REPO_ROOT } from '../../scripts/neo4j/start.mjs';

/** Bolt URI of this run's Neo4j, or '' when there is none (local run without Java/Maven). */
export function neo4jUri(): string {
  return inject('neo4jUri');
}

/** How long a file waits for another Neo4j file to finish. */
const LOCK_WAIT_MS = 15 * 60_000;

export function describeWithNeo4j(name: string, body: (uri: string) => void): void {
  const uri = neo4jUri();
  describe.skipIf(uri === '')(name, () => {
    let release: (() => void) | undefined;
    beforeAll(async () => {
      release = await acquireLock(uri);
    }, LOCK_WAIT_MS + 10_000);
    afterAll(() => release?.());
    body(uri);
  });
}

async function acquireLock(uri: string): Promise<() => void> {
  const path = join(REPO_ROOT, 'var', `neo4j-test-lock-${createHash('sha1').update(uri).digest('hex').slice(0, 12)}`);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        mkdirSync(join(REPO_ROOT, 'var'), { recursive: true });
        continue;
      }
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number(readFileSafe(path));
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) rmSync(path, { force: true });
    else if (Date.now() > deadline) throw new Error(`test/neo4j: another test process (${owner}) holds ${path} for too long`);
    else await sleep(200);
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
