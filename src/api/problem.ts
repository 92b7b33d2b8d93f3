/**
 * The one place where failures become HTTP: RFC 9457 `application/problem+json` with a stable `code` from the
 * error table, the failing fields in `errors`, and never a stack trace. Unexpected errors are logged with the
 * request id and answered as a bare 500 `INTERNAL`.
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import { appError, ERRORS, isAppError, type AppError, type ErrorCode, type FieldIssue } from '../domain/index.js';
import type { ApiDeps } from './deps.js';
import { locals } from './locals.js';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly instance: string;
  readonly errors: readonly FieldIssue[];
}

/** Codes that mean "try again later": they carry `Retry-After`. */
const RETRYABLE = new Set<ErrorCode>(['STORE_UNAVAILABLE', 'NOT_READY', 'TIMEOUT']);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Maps what body-parser, the router and other http-errors style failures throw onto the table; undefined if not
 * one. Besides the typed body-parser errors: a path segment that is not valid percent-encoding (the router's
 * `URIError`, status 400) and a body that does not decompress as its `Content-Encoding` says (zlib's error, which
 * body-parser marks with status 400 but no type).
 */
function fromHttpError(e: unknown, limitBytes: number): AppError | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const message = 'message' in e && typeof e.message === 'string' ? e.message : '';
  const status = 'status' in e && typeof e.status === 'number' ? e.status : 'statusCode' in e && typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (!('type' in e) || typeof e.type !== 'string') {
    if (status !== 400) return undefined;
    if (e instanceof URIError) {
      return appError('VALIDATION_FAILED', { detail: `the path is not valid percent-encoded UTF-8 (${message})` }, [{ path: 'path', message: 'is not valid percent-encoded UTF-8' }]);
    }
    if ('errno' in e && typeof e.errno === 'number') {
      // zlib (gzip, deflate) and brotli errors carry errno and code (Z_DATA_ERROR, ERR__ERROR_FORMAT_PADDING_1, …)
      return appError('VALIDATION_FAILED', { detail: `the request body cannot be decoded as its Content-Encoding says (${message})` }, [
        { path: 'body', message: 'does not decode as its Content-Encoding says' },
      ]);
    }
    return undefined;
  }
  switch (e.type) {
    case 'entity.parse.failed':
      // strict body parsing refuses valid JSON that is no object or array (null, "x", 1) with the words "is not
      // valid JSON": say what is wrong instead
      if ('body' in e && typeof e.body === 'string' && isJson(e.body)) {
        return appError('VALIDATION_FAILED', { detail: 'the request body must be a JSON object' }, [{ path: 'body', message: 'must be a JSON object' }]);
      }
      return appError('MALFORMED_JSON', { detail: message });
    case 'entity.too.large':
      return appError('PAYLOAD_TOO_LARGE', { limit: `${'limit' in e && typeof e.limit === 'number' ? e.limit : limitBytes} bytes` });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return appError('UNSUPPORTED_MEDIA_TYPE', { expected: 'UTF-8 JSON (application/json)' });
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return appError('VALIDATION_FAILED', { detail: message });
    default:
      return undefined;
  }
}

export function toProblem(e: unknown, requestId: string, limitBytes: number): { problem: Problem; error: AppError; expected: boolean } {
  const known = isAppError(e) ? e : fromHttpError(e, limitBytes);
  const error = known ?? appError('INTERNAL', { requestId });
  const entry = ERRORS[error.code];
  return {
    problem: {
      type: `/docs#error-${error.code}`,
      title: entry.title,
      status: entry.status,
      detail: error.message,
      code: error.code,
      instance: `urn:uuid:${requestId}`,
      errors: error.issues,
    },
    error,
    expected: known !== undefined,
  };
}

/** Writes a problem response (also used outside the error middleware, e.g. by the request timer). */
export function sendProblem(req: Request, res: Response, e: unknown, deps: ApiDeps): void {
  if (res.headersSent) return;
  const { requestId } = locals(res);
  const { problem, error, expected } = toProblem(e, requestId, deps.limits.jsonBodyBytes);
  if (!expected) deps.logger.error({ err: e, requestId, method: req.method, path: req.path }, 'api: unexpected error');
  else if (problem.status >= 500) deps.logger.warn({ code: problem.code, requestId, detail: problem.detail }, 'api: unavailable');
  if (RETRYABLE.has(error.code)) res.setHeader('Retry-After', String(deps.limits.retryAfterSeconds));
  if (error.code === 'RATE_LIMITED' && !res.hasHeader('Retry-After')) res.setHeader('Retry-After', String(error.meta['retryAfter'] ?? 60));
  if (error.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer realm="innomatch"');
  if (error.code === 'METHOD_NOT_ALLOWED') res.setHeader('Allow', String(error.meta['allow'] ?? ''));
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

export function errorMiddleware(deps: ApiDeps): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      // the response already left (e.g. the request timed out and then failed): nothing more to say
      if (!res.writableEnded) next(err);
      return;
    }
    sendProblem(req, res, err, deps);
  };
}
