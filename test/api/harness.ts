/**
 * Runs `createApp` on 127.0.0.1:0 and talks to it with fetch. Every problem answer is checked on the way
 * (problem+json, the Problem schema, status matching, no stack trace), and every answer to a non-admin key is
 * checked for contact details, so no test can forget to.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { expect } from 'vitest';
import type { Clock } from '../../src/app/clock.js';
import { createApp } from '../../src/api/app.js';
import type { ApiDeps } from '../../src/api/deps.js';
import { DEFAULT_LIMITS, type ApiLimits } from '../../src/api/limits.js';
import { ProblemSchema } from '../../src/api/responses.js';
import type { GraphStore } from '../../src/store/graph-store.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  readonly body: unknown;
}

export interface CallOptions {
  readonly key?: string;
  readonly body?: unknown;
  /** Sent as is instead of `body` (malformed JSON, other media types). */
  readonly raw?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TestApi {
  readonly url: string;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

export const fixedClock = (iso = '2026-11-02T09:00:00.000Z'): Clock => ({ now: () => new Date(iso) });

export interface StartOptions {
  readonly limits?: Partial<ApiLimits>;
  readonly matchService?: ApiDeps['matchService'];
  /** Default: silent. */
  readonly logger?: ApiDeps['logger'];
  /** Strings that must never appear in an answer to a key that is not in `adminKeys`. */
  readonly secrets?: () => readonly string[];
  readonly adminKeys?: () => readonly string[];
  /** Signs and checks the digest's unsubscribe links (none: `/v1/unsubscribe` answers CONFIG_INVALID). */
  readonly digestSecret?: string;
}

export async function startApi(store: GraphStore, options: StartOptions = {}): Promise<TestApi> {
  let n = 0;
  const deps: ApiDeps = {
    store,
    clock: { now: () => new Date() },
    logger: options.logger ?? pino({ level: 'silent' }),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    newId: () => `intro-${Date.now().toString(36)}-${(n++).toString(36)}`,
    ...(options.matchService !== undefined ? { matchService: options.matchService } : {}),
    ...(options.digestSecret !== undefined ? { digestSecret: options.digestSecret } : {}),
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.key !== undefined) headers['authorization'] = `Bearer ${o.key}`;
    let body: string | Uint8Array | undefined = o.raw;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const answer = { status: res.status, headers: res.headers, text, body: parsed };
    checkAnswer(answer, path, o.key, options);
    return answer;
  };

  return {
    url,
    call,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function checkAnswer(a: Answer, path: string, key: string | undefined, options: StartOptions): void {
  // /readyz answers 503 with its readiness body: "not ready" is a state, not an error of the client
  if (a.status >= 400 && !path.startsWith('/readyz')) {
    expect(a.headers.get('content-type'), a.text).toMatch(/^application\/problem\+json/);
    const problem = ProblemSchema.parse(a.body);
    expect(problem.status).toBe(a.status);
    expect(a.text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
  }
  if (options.secrets !== undefined && !(key !== undefined && (options.adminKeys?.() ?? []).includes(key))) {
    for (const secret of options.secrets()) expect(a.text, `an answer to a non-admin key leaked "${secret}"`).not.toContain(secret);
  }
}

/** The `code` of a problem answer. */
export const codeOf = (a: Answer): string => (a.body as { code?: string } | undefined)?.code ?? `(status ${a.status}, no problem body)`;
