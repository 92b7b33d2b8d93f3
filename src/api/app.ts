/**
 * `createApp(deps)`: the Express application, never listening by itself (the server and the tests do that).
 * Order: security headers, request id and access log, the route table (each route with its own timeout, auth,
 * rate limit and body limit), the documents, the web page at `/`, then 404/405 and the one error middleware.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { ApiDeps } from './deps.js';
import { renderDocsPage } from './docs-page.js';
import { fallback } from './fallback.js';
import { requestContext } from './middleware.js';
import { buildOpenApiDocument } from './openapi.js';
import { errorMiddleware } from './problem.js';
import { registerRoutes } from './register.js';
import { ROUTES } from './routes/index.js';
import { serveWebPage } from './static.js';

/** The version of the HTTP contract (not of the package): bumped when /v1 changes incompatibly. */
export const API_VERSION = '1.0.0';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(requestContext(deps));

  registerRoutes(app, ROUTES, deps);

  const document = buildOpenApiDocument(ROUTES, API_VERSION);
  const docsPage = renderDocsPage(document);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage);
  });
  serveWebPage(app);

  app.use(
    fallback(ROUTES, [
      { method: 'get', path: '/openapi.json' },
      { method: 'get', path: '/docs' },
      { method: 'get', path: '/' },
    ]),
  );
  app.use(errorMiddleware(deps));
  return app;
}
