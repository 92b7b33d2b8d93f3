/**
 * The HTTP server's composition root: configuration, store, match service, `createApp`, listen — and a graceful
 * stop: stop accepting, let in-flight requests finish (up to a grace period), then close the store.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './api/app.js';
import type { MatchServicePort } from './api/deps.js';
import { DEFAULT_LIMITS, type ApiLimits } from './api/limits.js';
import { systemClock } from './app/clock.js';
import type { MatchService } from './app/match-service.js';
import { resolveDigestSecret } from './app/digest-secret.js';
import type { Config } from './config.js';
import { isAppError } from './domain/index.js';
import { createMatchService, openStore } from './root.js';
import type { GraphStore } from './store/graph-store.js';

export interface ServerOptions {
  readonly config: Config;
  readonly port: number;
  readonly host: string;
  readonly limits?: Partial<ApiLimits>;
  readonly logger?: Logger;
  /** An already open store (tests, benches); otherwise the configured one is opened and closed with the server. */
  readonly store?: GraphStore;
  /** How long in-flight requests may take to finish once a stop begins (default 10 s). */
  readonly graceMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly store: GraphStore;
  /** Stops accepting, waits for in-flight requests (up to the grace period), closes the store; idempotent. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: options.config.logLevel });
  const digestSecret = await unsubscribeSecret(options.config, logger);
  const store = options.store ?? (await openStore(options.config.store));
  const ownsStore = options.store === undefined;
  const service = await createMatchService(store, options.config.store.dataDir);
  // build the index in the background: /readyz says false until it is built, requests wait for it
  service.start().catch((e: unknown) => logger.error({ err: e }, 'building the match index failed; retrying on the next request'));
  const matchService: MatchServicePort = service;
  const stopFollowing = followOtherWriters(store, service, options.config.refreshSeconds ?? (store.kind === 'neo4j' ? 15 : 0), logger);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = createApp({ store, clock: systemClock, logger, limits, matchService, ...(digestSecret !== undefined ? { digestSecret } : {}) });

  const server: Server = app.listen(options.port, options.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (e) {
    if (ownsStore) await store.close();
    throw e;
  }
  // a slow client cannot hold a connection open for ever; longer than any request timeout of the app
  server.headersTimeout = 20_000;
  server.requestTimeout = limits.importTimeoutMs + 10_000;
  server.keepAliveTimeout = 5_000;
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ url, store: store.kind }, 'innomatch API listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      logger.info('innomatch API stopping: finishing in-flight requests');
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // keep-alive connections become idle as their last response leaves: close them as they do
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const grace = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000);
      await stopped;
      stopFollowing();
      clearInterval(sweep);
      clearTimeout(grace);
      if (ownsStore) await store.close();
      logger.info('innomatch API stopped');
    })());
  return { url, store, close };
}

/**
 * Several API processes may share one Neo4j: each polls the store's change marker every `seconds` and rebuilds its
 * index when it moved, so writes by the others (or by `innomatch ingest`) reach its matches within that time. Its
 * own writes move the marker too and so cost one more rebuild; the index keeps answering while it is rebuilt.
 * Returns the function that stops polling.
 */
function followOtherWriters(store: GraphStore, service: Pick<MatchService, 'notify'>, seconds: number, logger: Logger): () => void {
  if (seconds <= 0) return () => undefined;
  /** The marker the index has followed up to (undefined while the store has not answered yet). */
  let last: string | undefined;
  store.changeMarker().then((m) => (last ??= m), () => undefined);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const now = await store.changeMarker();
        const before = last;
        last = now;
        if (before !== undefined && now !== before) await service.notify({ kind: 'import' });
      } catch (e) {
        logger.warn({ err: e }, 'api: could not look for other processes’ writes; trying again');
      } finally {
        busy = false;
      }
    })();
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The digest job's secret (`resolveDigestSecret`), so the links it signs are honoured here. Without one (Neo4j and
 * no INNOMATCH_SECRET, or an unreadable secret file) the API still serves everything else, says so loudly, and
 * answers `/v1/unsubscribe` with `CONFIG_INVALID`.
 */
async function unsubscribeSecret(config: Config, logger: Logger): Promise<string | undefined> {
  try {
    return await resolveDigestSecret(config);
  } catch (e) {
    if (!isAppError(e) || e.code !== 'CONFIG_INVALID') throw e;
    logger.error({ detail: e.message }, 'unsubscribe links of the digest cannot be checked: /v1/unsubscribe will fail until this is fixed');
    return undefined;
  }
}

/**
 * Runs until SIGTERM or SIGINT, then stops gracefully; resolves when everything is closed. The signals are caught
 * from before the server starts: one that comes while it starts (or right after it logs that it listens, when a
 * supervisor may already send it) stops it as soon as it is up, instead of killing the process half-way.
 */
export async function serveUntilSignalled(options: ServerOptions): Promise<void> {
  let requested!: () => void;
  const stopRequested = new Promise<void>((resolve) => (requested = resolve));
  const stop = () => requested();
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    const running = await startServer(options);
    await stopRequested;
    await running.close().catch(() => undefined);
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}
