/**
 * The one table of expected failures. Each code has an HTTP status (mapped only at the API edge), a CLI exit
 * code (mapped only in the CLI) and a message template; `{name}` placeholders are filled from `params`.
 * Programmer errors are not here: they throw plain `Error`s with a module prefix.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, exit: 2, title: 'Invalid input', template: '{detail}' },
  MALFORMED_JSON: { status: 400, exit: 2, title: 'Malformed JSON', template: 'The request body is not valid JSON: {detail}' },
  UNSUPPORTED_FILE: { status: 400, exit: 2, title: 'Unsupported file', template: '{file}: {detail}' },
  EMPTY_FILE: { status: 400, exit: 2, title: 'Empty file', template: '{file}: the file is empty' },
  ROWS_REJECTED: { status: 422, exit: 1, title: 'Rows rejected', template: '{count} row(s) rejected' },
  NOT_FOUND: { status: 404, exit: 3, title: 'Not found', template: '{entity} "{id}" does not exist' },
  UNKNOWN_REFERENCE: { status: 422, exit: 2, title: 'Unknown reference', template: '{entity} "{id}" does not exist' },
  CONFLICT: { status: 409, exit: 4, title: 'Conflict', template: '{detail}' },
  ILLEGAL_TRANSITION: { status: 409, exit: 4, title: 'Illegal status transition', template: 'cannot move an introduction from {from} to {to}' },
  UNAUTHENTICATED: { status: 401, exit: 5, title: 'Unauthenticated', template: 'a valid API key is required (Authorization: Bearer <key>)' },
  FORBIDDEN: { status: 403, exit: 5, title: 'Forbidden', template: '{detail}' },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 2, title: 'Payload too large', template: 'the request body exceeds {limit}' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 2, title: 'Unsupported media type', template: 'the request body must be {expected}' },
  ROUTE_NOT_FOUND: { status: 404, exit: 2, title: 'No such route', template: 'there is no route {method} {path}' },
  METHOD_NOT_ALLOWED: { status: 405, exit: 2, title: 'Method not allowed', template: '{path} does not accept {method}; allowed: {allowed}' },
  RATE_LIMITED: { status: 429, exit: 6, title: 'Too many requests', template: 'rate limit exceeded; retry in {retryAfter} s' },
  STORE_UNAVAILABLE: { status: 503, exit: 7, title: 'Store unavailable', template: 'the graph store cannot be reached: {detail}' },
  NOT_READY: { status: 503, exit: 7, title: 'Not ready', template: '{detail}' },
  TIMEOUT: { status: 503, exit: 7, title: 'Timed out', template: 'the request took longer than {ms} ms' },
  CONFIG_INVALID: { status: 500, exit: 78, title: 'Invalid configuration', template: '{detail}' },
  INTERNAL: { status: 500, exit: 70, title: 'Internal error', template: 'an unexpected error occurred (request {requestId})' },
  MAIL_FAILED: { status: 502, exit: 1, title: 'Mail delivery failed', template: '{detail}' },
  INVALID_TOKEN: { status: 400, exit: 2, title: 'Invalid link', template: 'the {purpose} link is invalid or has been altered' },
} as const satisfies Record<string, { status: number; exit: number; title: string; template: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A field-level problem: where (`path`, e.g. `needs.2` or `file.jsonl:7 type`) and what. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An expected failure carrying a code from {@link ERRORS}. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
    readonly meta: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The single factory for expected errors: fills the code's template from `params`. */
export function appError(
  code: ErrorCode,
  params: Readonly<Record<string, string | number>> = {},
  issues: readonly FieldIssue[] = [],
  meta: Readonly<Record<string, unknown>> = {},
): AppError {
  const message = ERRORS[code].template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return new AppError(code, message, issues, meta);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turns zod issues into field issues with dotted paths, optionally prefixed (e.g. by `file:line`). */
export function fieldIssuesFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix = '',
): FieldIssue[] {
  return issues.map((i) => ({
    path: [prefix, i.path.map(String).join('.')].filter((s) => s !== '').join(' '),
    message: i.message,
  }));
}
