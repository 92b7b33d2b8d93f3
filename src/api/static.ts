/**
 * The web page (`src/web`, built by `npm run build:web` into `dist/web`) served at `/` by the API process itself,
 * so one port and one origin serve both and the page's calls to `/v1` need no CORS.
 *
 * Caching: `index.html` is revalidated on every load (`no-cache` with ETag/Last-Modified), so a new build is
 * picked up at once; the files under `/assets` carry a content hash in their names and are cached for a year as
 * immutable. The page gets its own, stricter content security policy: everything from this origin only, no
 * inline script or style, no framing; and no `upgrade-insecure-requests`, which would break the page when a
 * deployment is opened over plain HTTP on a LAN address.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';

/** `dist/web` of the package, from both `src/api` (tests, tsx) and `dist/api` (the built server). */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export const PAGE_CSP = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
} as const;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>innomatch</title></head><body>
<h1>innomatch</h1><p>The web page has not been built: run <code>npm run build:web</code> (or <code>npm run build</code>).
The API is up: see the reference at <a href="/docs">/docs</a>.</p></body></html>`;

/** Registers `GET /` (the page) and `GET /assets/*` (its hashed files). Call before the 404/405 fallback. */
export function serveWebPage(app: Express, root: string = WEB_ROOT): void {
  const csp = helmet.contentSecurityPolicy({ useDefaults: false, directives: PAGE_CSP });
  const page: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root, dotfiles: 'deny', lastModified: true }, (err?: Error & { code?: string }) => {
      if (err === undefined) return;
      if (err.code === 'ENOENT' && !res.headersSent) {
        res.status(404).type('html').send(NOT_BUILT);
        return;
      }
      next(err);
    });
  };
  app.get(['/', '/index.html'], csp, page);
  app.use(
    '/assets',
    csp,
    express.static(join(root, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      redirect: false,
      dotfiles: 'deny',
      fallthrough: true,
    }),
  );
}
