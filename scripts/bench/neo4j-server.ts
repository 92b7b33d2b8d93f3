/**
 * The Neo4j a benchmark runs against: `NEO4J_URI` when set, else a server of its own (scripts/neo4j) in a temporary
 * data directory that is stopped and removed afterwards (it holds ~0.5-1.5 GB that nothing else will use).
 * Its page cache is 2 GiB (env INNOMATCH_BENCH_PAGE_CACHE_MIB to change): a 100k-profile store is ~1 GB, and with the
 * launcher's 256 MiB default the big batch's commit keeps evicting and faulting pages, which is not what a
 * production server (page cache sized to the store) does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * CPU time (user + system, seconds) the server process has used so far, read from /proc; undefined for a server
 * given by NEO4J_URI or where /proc is missing. Wall time on a shared machine moves with the other jobs; the
 * server's CPU time much less so.
 */
export type ServerCpu = () => number | undefined;

export async function withBenchNeo4j(run: (uri: string, serverCpu: ServerCpu) => Promise<void>): Promise<void> {
  const given = process.env.NEO4J_URI;
  if (given !== undefined && given !== '') return run(given, () => undefined);
  const { startNeo4j } = await import('../neo4j/start.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-bench-neo4j-'));
  try {
    const pageCacheMiB = Number(process.env.INNOMATCH_BENCH_PAGE_CACHE_MIB ?? 2048);
    const server = await startNeo4j({ port: 0, dataDir, pageCacheMiB });
    try {
      await run(server.uri, () => cpuOf(server.pid));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function cpuOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // after the ") " that closes the command name, utime and stime are the 12th and 13th fields (clock ticks)
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
