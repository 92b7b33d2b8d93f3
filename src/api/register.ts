import type { Express, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { createAuthenticator } from '../app/api-keys.js';
import { JsonText } from './answer-cache.js';
import { authenticate, perKeyRateLimit } from './authenticate.js';
import type { ApiDeps } from './deps.js';
import { locals } from './locals.js';
import { jsonBody, timeout } from './middleware.js';
import type { Route } from './route.js';
import { parseInput } from './validate.js';

const NONE = z.strictObject({});

/**
 * Registers each route of the table: timeout, then (for keyed routes) authentication and the per-key rate
 * limit, then the body parser (so an unauthenticated client cannot make us read a large body), then the handler.
 */
export function registerRoutes(app: Express, routes: readonly Route[], deps: ApiDeps): void {
  const auth = [authenticate(createAuthenticator(deps.store, deps.clock, deps.limits.authCacheMs)), perKeyRateLimit(deps.limits)];
  for (const route of routes) {
    const big = route.size === 'import';
    const chain: RequestHandler[] = [timeout(big ? deps.limits.importTimeoutMs : deps.limits.requestTimeoutMs, deps)];
    if (route.access === 'key') chain.push(...auth);
    if (route.body !== undefined) chain.push(...jsonBody(big ? deps.limits.importBodyBytes : deps.limits.jsonBodyBytes));
    chain.push(handlerOf(route, deps));
    app[route.method](route.path, ...chain);
  }
}

function handlerOf(route: Route, deps: ApiDeps): RequestHandler {
  return async (req: Request, res: Response) => {
    const params = parseInput(route.params ?? NONE, req.params, 'path');
    const query = parseInput(route.query ?? NONE, req.query, 'query');
    const body = route.body !== undefined ? parseInput(route.body, req.body, 'body') : undefined;
    const principal = locals(res).principal;
    const reply = await route.handle({ params, query, body, principal }, deps);
    if (res.headersSent) return; // timed out meanwhile
    for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
    res.status(reply.status ?? route.success.status);
    if (route.success.media === 'html') res.type('html').send(String(reply.body));
    else if (route.success.media === 'none') res.end();
    else if (reply.body instanceof JsonText) res.type('json').send(reply.body.bytes);
    else res.json(reply.body);
  };
}
