/** The small middlewares every request passes through: request id and access log, timeout, JSON body. */
import { randomUUID } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { appError } from '../domain/index.js';
import type { ApiDeps } from './deps.js';
import { locals } from './locals.js';
import { sendProblem } from './problem.js';

/** Gives the request an id (echoed as `X-Request-Id`) and logs one line when the response is finished. */
export function requestContext(deps: ApiDeps): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    const l = locals(res);
    l.requestId = requestId;
    l.startedAt = performance.now();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      deps.logger.info(
        { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - l.startedAt), key: l.principal?.keyId },
        'api: request',
      );
    });
    next();
  };
}

/**
 * Answers 503 `TIMEOUT` (with `Retry-After`) when the handler has not answered within `ms`; whatever the handler
 * sends later is dropped. The work itself is not cancelled: a write that was already under way still completes.
 */
export function timeout(ms: number, deps: ApiDeps): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => sendProblem(req, res, appError('TIMEOUT', { ms }), deps), ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.on('finish', clear);
    res.on('close', clear);
    next();
  };
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Parses a JSON body of at most `limitBytes`; a body of another type is 415, a missing body is left undefined. */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const empty = req.headers['content-length'] === '0' && req.headers['content-type'] === undefined;
    if (!empty && req.is(JSON_TYPES) === false) throw appError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/json' });
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, strict: true, type: JSON_TYPES })];
}
