#!/usr/bin/env node
// `npm run neo4j [-- --port 7687 --data-dir var/neo4j]`: builds the launcher if needed, runs Neo4j Community on
// 127.0.0.1 until Ctrl-C / SIGTERM. Auth is off unless NEO4J_PASSWORD (or --password) is set.
import { parseArgs } from 'node:util';
import { startNeo4j } from './start.mjs';

const USAGE = `usage: npm run neo4j -- [--port 7687] [--data-dir var/neo4j] [--password <pw>] [--page-cache-mib 256]
                             [--heap-mib <MiB>] [--quiet]`;

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      port: { type: 'string', default: '7687' },
      'data-dir': { type: 'string' },
      password: { type: 'string' },
      'page-cache-mib': { type: 'string' },
      'heap-mib': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
if (opts.help) {
  console.log(USAGE);
  process.exit(0);
}

const int = (name, value) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer\n${USAGE}`);
    process.exit(2);
  }
  return n;
};

let server;
try {
  server = await startNeo4j({
    port: int('port', opts.port),
    dataDir: opts['data-dir'],
    password: opts.password ?? (process.env.NEO4J_PASSWORD || undefined),
    pageCacheMiB: int('page-cache-mib', opts['page-cache-mib']),
    heapMiB: int('heap-mib', opts['heap-mib']),
    echo: !opts.quiet,
    log: (line) => console.error(line),
  });
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

console.log(`NEO4J READY ${server.uri} (data ${server.dataDir}, started in ${server.startupMs} ms)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`neo4j: ${signal}, shutting down…`);
    void server.stop().then(() => process.exit(0));
  });
}
const code = await server.exited;
if (!stopping) {
  console.error(`neo4j: the server exited unexpectedly (${code})`);
  process.exit(1);
}
