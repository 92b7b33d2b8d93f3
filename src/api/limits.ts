/** The API's limits, one object with the defaults; `createApp` takes them from its caller. */
export interface ApiLimits {
  /** Largest JSON request body, in bytes (default 1 MiB). */
  readonly jsonBodyBytes: number;
  /** Largest body of `POST /v1/imports`, in bytes (default 20 MiB). */
  readonly importBodyBytes: number;
  /** A request still running after this many ms gets 503 `TIMEOUT` (default 10 s). */
  readonly requestTimeoutMs: number;
  /** The same for imports, which validate and write many rows (default 120 s). */
  readonly importTimeoutMs: number;
  /** Requests per key per window before 429 (default 600 per minute). */
  readonly rateLimit: { readonly windowMs: number; readonly max: number };
  /** `limit` above this is treated as this (default 50). */
  readonly maxPageSize: number;
  /** `Retry-After` of a 503 (store unavailable, not ready, timed out), in seconds (default 5). */
  readonly retryAfterSeconds: number;
  /** How long a resolved API key is trusted without asking the store again, in ms (default 10 s). */
  readonly authCacheMs: number;
  /** Budget of the serialised match answers kept until the next write (default 32 MiB; 0: none). */
  readonly answerCacheBytes: number;
  /** `/readyz` answers "not ready" when the store does not answer a ping within this many ms (default 2 s). */
  readonly readyTimeoutMs: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  jsonBodyBytes: 1024 * 1024,
  importBodyBytes: 20 * 1024 * 1024,
  requestTimeoutMs: 10_000,
  importTimeoutMs: 120_000,
  rateLimit: { windowMs: 60_000, max: 600 },
  maxPageSize: 50,
  retryAfterSeconds: 5,
  authCacheMs: 10_000,
  answerCacheBytes: 32 * 1024 * 1024,
  readyTimeoutMs: 2_000,
};
