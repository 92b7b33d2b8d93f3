import rateLimit from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { Authenticator } from '../app/api-keys.js';
import { appError } from '../domain/index.js';
import type { ApiLimits } from './limits.js';
import { locals } from './locals.js';

const BEARER = /^Bearer +(\S+) *$/i;

/** `Authorization: Bearer <key>` → the caller's principal on `res.locals`; no key or an unknown one → 401. */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const m = BEARER.exec(req.get('authorization') ?? '');
    const principal = m?.[1] !== undefined ? await authenticator(m[1]) : undefined;
    if (principal === undefined) throw appError('UNAUTHENTICATED');
    locals(res).principal = principal;
    next();
  };
}

/** A fixed-window limit per API key (after authentication, so one key cannot starve the others). */
export function perKeyRateLimit(limits: ApiLimits): RequestHandler {
  return rateLimit({
    windowMs: limits.rateLimit.windowMs,
    limit: limits.rateLimit.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_req, res) => locals(res).principal?.keyId ?? 'anonymous',
    handler: (_req, res, next) => {
      next(appError('RATE_LIMITED', { retryAfter: String(res.getHeader('Retry-After') ?? '') }, [], { retryAfter: res.getHeader('Retry-After') }));
    },
  });
}
