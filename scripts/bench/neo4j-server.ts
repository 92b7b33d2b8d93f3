/**
 * The Neo4j a benchmark runs against: `NEO4J_URI` when set, else a server of its own (scripts/neo4j) in a temporary
 * data directory that is stopped and removed afterwards (it holds ~0.5-1.5 GB that nothing else will use).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withBenchNeo4j(run: (uri: string) => Promise<void>): Promise<void> {
  const given = process.env.NEO4J_URI;
  if (given !== undefined && given !== '') return run(given);
  const { startNeo4j } = await import('../neo4j/start.mjs');
  const dataDir = mkdtempSync(join(tmpdir(), 'innomatch-bench-neo4j-'));
  try {
    const server = await startNeo4j({ port: 0, dataDir });
    try {
      await run(server.uri);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
