/**
 * The only place the page talks HTTP: JSON in and out with `Authorization: Bearer <key>`; every failure becomes an
 * {@link ApiError} carrying what the page needs to say something human (status, stable code, the wait from
 * `Retry-After`).
 */
import type { Problem } from './types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The problem's stable code (`FORBIDDEN`, `RATE_LIMITED`, …), or `NETWORK`. */
    readonly code: string,
    readonly detail: string,
    /** Seconds to wait, from `Retry-After` (429, 503). */
    readonly retryAfter?: number,
    /** The request id, to quote in a bug report. */
    readonly ref?: string,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const n = Number(header);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && 'code' in v && typeof v.code === 'string' && 'detail' in v && typeof v.detail === 'string';
}

export type Method = 'GET' | 'POST' | 'PATCH';

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
}

/** An API client for `key`; `onUnauthenticated` runs when the server no longer accepts the key. */
export function createApi(key: string, onUnauthenticated: (e: ApiError) => void = () => undefined): Api {
  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers: { authorization: `Bearer ${key}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    const ref = res.headers.get('x-request-id') ?? undefined;
    const error = isProblem(parsed)
      ? new ApiError(res.status, parsed.code, parsed.detail, retryAfterSeconds(res.headers.get('retry-after')), ref)
      : new ApiError(res.status, `HTTP_${res.status}`, text.slice(0, 200), retryAfterSeconds(res.headers.get('retry-after')), ref);
    if (error.status === 401) onUnauthenticated(error);
    throw error;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
  };
}
