/**
 * vitest global setup: one Neo4j for the whole run, handed to tests as `inject('neo4jUri')`.
 *
 * - `NEO4J_URI` set and reachable: that server is used (and left running).
 * - Otherwise, when a selected test file has `neo4j` in its name, the project's own Neo4j (scripts/neo4j) starts
 *   on a free port with a throw-away data directory `var/test-neo4j-<pid>`, and stops at teardown.
 * - When it cannot start: under CI (`CI` or `INNOMATCH_REQUIRE_NEO4J=1`) the run fails; locally the uri is empty,
 *   a warning says why, and Neo4j tests skip themselves (`describe.skipIf(uri === '')`).
 */
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT, startNeo4j } from '../../scripts/neo4j/start.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bolt URI of the Neo4j for this run; empty when none could be had locally (Neo4j tests skip). */
    neo4jUri: string;
  }
}

const required = (): boolean => truthy(process.env.CI) || process.env.INNOMATCH_REQUIRE_NEO4J === '1';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.NEO4J_URI?.trim();
  if (given !== undefined && given !== '') {
    const problem = await unreachable(given);
    if (problem === undefined) {
      project.provide('neo4jUri', given);
      return undefined;
    }
    console.warn(`[neo4j] NEO4J_URI=${given} is not reachable (${problem}); starting the project's own Neo4j`);
  }
  if (!(await neo4jTestsSelected(project))) {
    project.provide('neo4jUri', '');
    return undefined;
  }

  removeStaleDataDirs();
  const dataDir = join(REPO_ROOT, 'var', `test-neo4j-${process.pid}`);
  try {
    const server = await startNeo4j({ port: 0, dataDir, pageCacheMiB: 64, heapMiB: 1024, log: (l) => console.log(`[neo4j] ${l}`) });
    console.log(`[neo4j] started for the tests at ${server.uri} in ${(server.startupMs / 1000).toFixed(1)} s`);
    project.provide('neo4jUri', server.uri);
    return async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    const why = e instanceof Error ? e.message : String(e);
    if (required()) throw new Error(`Neo4j is required in CI but could not start: ${why}`);
    console.warn(`\n[neo4j] WARNING: no Neo4j for this run, Neo4j tests will be SKIPPED.\n${why}\n`);
    project.provide('neo4jUri', '');
    return undefined;
  }
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Undefined when a Bolt connection can be made within a few seconds, else the reason. */
async function unreachable(uri: string): Promise<string | undefined> {
  const password = process.env.NEO4J_PASSWORD;
  const auth = password !== undefined && password !== '' ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', password) : undefined;
  const driver = neo4j.driver(uri, auth, { connectionTimeout: 3000, maxTransactionRetryTime: 0 });
  try {
    await driver.verifyConnectivity();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message.split('\n')[0] : String(e);
  } finally {
    await driver.close();
  }
}

/**
 * Whether any selected test file needs Neo4j (by convention its name contains `neo4j`), so `vitest run
 * test/text` does not pay for a server start. Uses vitest's file filters; when they cannot be read, assume yes.
 */
async function neo4jTestsSelected(project: TestProject): Promise<boolean> {
  try {
    const vitest = project.vitest as typeof project.vitest & { filenamePattern?: string[] };
    const specs = await vitest.getRelevantTestSpecifications(vitest.filenamePattern);
    return specs.some((s) => /neo4j/i.test(basename(s.moduleId)));
  } catch {
    return true;
  }
}

/** Data directories of earlier runs whose process is gone (a crash or a killed run skips the teardown). */
function removeStaleDataDirs(): void {
  const varDir = join(REPO_ROOT, 'var');
  let names: string[];
  try {
    names = readdirSync(varDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^test-neo4j-(\d+)$/.exec(name);
    if (m === null || isAlive(Number(m[1]))) continue;
    rmSync(join(varDir, name), { recursive: true, force: true });
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
