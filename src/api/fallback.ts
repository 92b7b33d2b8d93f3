import type { RequestHandler } from 'express';
import { appError } from '../domain/index.js';
import type { Route } from './route.js';

/** A regular expression for an Express path of literal segments and `:params`. */
function pattern(path: string): RegExp {
  const segments = path.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`);
}

/** After every route: a known path with another method is 405 (with `Allow`), anything else 404 — both problems. */
export function fallback(routes: readonly Route[], extra: readonly { method: string; path: string }[]): RequestHandler {
  const table = [...routes.map((r) => ({ method: r.method, path: r.path })), ...extra].map((r) => ({ ...r, re: pattern(r.path) }));
  return (req, _res, next) => {
    const allowed = [...new Set(table.filter((r) => r.re.test(req.path)).map((r) => r.method.toUpperCase()))];
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD');
      const allow = allowed.join(', ');
      next(appError('METHOD_NOT_ALLOWED', { path: req.path, method: req.method, allowed: allow }, [], { allow }));
      return;
    }
    next(appError('ROUTE_NOT_FOUND', { method: req.method, path: req.path.slice(0, 200) }));
  };
}
