// Builds (when needed) and starts the Neo4j launcher of this folder; used by run.mjs (`npm run neo4j`) and by the
// vitest global setup. Plain Node ESM so it runs without a TypeScript loader; types are in start.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '..', '..');
const TARGET = join(HERE, 'target');
const BUILT_MARKER = join(TARGET, '.built');
const MAIN_CLASS = 'innomatch.neo4j.Launcher';

/** The flags Neo4j's own launcher passes on JDK 17+ (see shared NEO4J.md). */
export const JVM_FLAGS = [
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

/** Newest modification time (ms) of the launcher's sources. */
function sourcesMtime() {
  let newest = statSync(join(HERE, 'pom.xml')).mtimeMs;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(HERE, 'src'));
  return newest;
}

/** True when target/ is missing or older than pom.xml or a source file. */
export function launcherIsStale() {
  if (!existsSync(BUILT_MARKER) || !existsSync(join(TARGET, 'lib'))) return true;
  return statSync(BUILT_MARKER).mtimeMs < sourcesMtime();
}

/** Runs Maven once (a minute or two the first time, while it downloads Neo4j) when the build is stale. */
export function ensureLauncherBuilt({ log = () => {} } = {}) {
  if (!launcherIsStale()) return;
  log('neo4j: building the launcher with Maven (the first build downloads Neo4j from Maven Central)…');
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', join(HERE, 'pom.xml'), 'package', 'dependency:copy-dependencies'],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (r.error !== undefined) {
    throw new Error(`neo4j: cannot run Maven (${r.error.message}); install Maven 3.8+ and a JDK 17+`);
  }
  if (r.status !== 0) {
    throw new Error(`neo4j: the Maven build failed (exit ${r.status}):\n${tail(`${r.stdout}${r.stderr}`)}`);
  }
  writeFileSync(BUILT_MARKER, `${new Date().toISOString()}\n`);
}

/** A port nothing listens on right now (the OS picks it; another process could still take it first). */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

function javaCommand() {
  const home = process.env.JAVA_HOME;
  return home !== undefined && home !== '' && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
}

function tail(text, lines = 30) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * Starts Neo4j on 127.0.0.1 and resolves once it answers `RETURN 1`.
 * Options: `port` (default 7687; 0 picks a free one), `dataDir` (default <repo>/var/neo4j), `password`
 * (auth is off without one), `pageCacheMiB` (8–65536, default 256), `heapMiB` (JVM -Xmx; default: the JVM's),
 * `jvmArgs` (more JVM flags; env INNOMATCH_NEO4J_JAVA_OPTS adds more), `settings` (neo4j.conf lines `key=value`;
 * env INNOMATCH_NEO4J_SETTINGS adds more, separated by spaces), `echo` (copy the server's output to stderr), `timeoutMs` (default 180 s), `log` (progress lines).
 * Resolves to `{ uri, port, dataDir, pid, startupMs, exited, stop() }`; `stop()` sends SIGTERM and waits.
 */
export async function startNeo4j(options = {}) {
  const log = options.log ?? (() => {});
  ensureLauncherBuilt({ log });
  const wanted = options.port ?? 7687;
  const attempts = wanted === 0 ? 3 : 1; // a picked port can be taken before Neo4j binds it: pick again
  let lastError;
  for (let i = 0; i < attempts; i++) {
    const port = wanted === 0 ? await freePort() : wanted;
    try {
      return await launch({ ...options, port, log });
    } catch (e) {
      lastError = e;
      if (!/address already in use|bind/i.test(String(e.message))) break;
    }
  }
  throw lastError;
}

function launch({ port, dataDir, password, pageCacheMiB, heapMiB, jvmArgs = [], settings = [], echo = false, timeoutMs = 180_000 }) {
  const dir = resolve(dataDir ?? join(REPO_ROOT, 'var', 'neo4j'));
  mkdirSync(dir, { recursive: true });
  const args = [
    ...JVM_FLAGS,
    ...(heapMiB !== undefined ? [`-Xmx${heapMiB}m`] : []),
    ...jvmArgs,
    ...(process.env.INNOMATCH_NEO4J_JAVA_OPTS ?? '').split(/\s+/).filter((a) => a !== ''),
    '-cp',
    `${join(TARGET, 'classes')}:${join(TARGET, 'lib', '*')}`,
    MAIN_CLASS,
    '--port',
    String(port),
    '--data-dir',
    dir,
    '--exit-on-stdin-close',
    ...(pageCacheMiB !== undefined ? ['--page-cache-mib', String(pageCacheMiB)] : []),
    ...[...settings, ...(process.env.INNOMATCH_NEO4J_SETTINGS ?? '').split(/\s+/).filter((a) => a !== '')].flatMap((s) => [
      '--setting',
      s,
    ]),
  ];
  const env = { ...process.env };
  if (password !== undefined) env.NEO4J_PASSWORD = password;
  const started = Date.now();
  const child = spawn(javaCommand(), args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
  let output = '';
  const keep = (line) => {
    output = `${output}${line}\n`.slice(-20_000);
    if (echo) process.stderr.write(`${line}\n`);
  };
  createInterface({ input: child.stderr }).on('line', keep);
  const stdout = createInterface({ input: child.stdout });

  const stop = async (graceMs = 30_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      void stop(1000);
      fail(new Error(`neo4j: not ready after ${timeoutMs} ms\n${tail(output)}`));
    }, timeoutMs);
    const failWith = (msg) => {
      clearTimeout(timer);
      void stop(1000);
      fail(new Error(`neo4j: ${msg}\n${tail(output)}`));
    };
    child.once('error', (e) => failWith(`cannot start Java (${e.message}); install a JDK 17+ or set JAVA_HOME`));
    void exited.then((code) => failWith(`the server exited (${code}) before it was ready`));
    stdout.on('line', (line) => {
      keep(line);
      if (line.startsWith('NEO4J FAILED')) failWith(line.slice('NEO4J FAILED '.length));
      else if (line.startsWith('NEO4J READY')) {
        clearTimeout(timer);
        ok({
          uri: `bolt://127.0.0.1:${port}`,
          port,
          dataDir: dir,
          pid: child.pid,
          startupMs: Date.now() - started,
          exited,
          stop,
        });
      }
    });
  });
}
