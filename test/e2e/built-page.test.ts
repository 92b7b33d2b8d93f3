/**
 * The built page as the server hands it out, without a browser: its weight, its cache headers and content
 * security policy, and the API routes beside it still answering as before.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.js';
import { ensureWebBuild, WEB_DIST } from './web-build.js';

/** The page-weight budget of issue 5: all JavaScript, gzipped. */
const JS_BUDGET_BYTES = 200 * 1024;

let world: World;
beforeAll(async () => {
  ensureWebBuild();
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('the built web page', () => {
  it(`When the page is built, then its JavaScript is at most ${JS_BUDGET_BYTES / 1024} kB gzipped`, () => {
    const assets = join(WEB_DIST, 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const gzipped = js.reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
    console.info(`e2e: page JavaScript ${js.length} file(s), ${(gzipped / 1024).toFixed(1)} kB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(JS_BUDGET_BYTES);
  });

  it('When / is fetched, then the page comes revalidated, under a CSP that allows only this origin', async () => {
    const res = await fetch(`${world.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag') ?? res.headers.get('last-modified')).toBeTruthy();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script: the CSP would refuse it
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();

    const js = await fetch(`${world.url}${asset ?? ''}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${world.url}/assets/missing-0000.js`)).status).toBe(404);
  });

  it('When the page is served, then /v1, /openapi.json, /docs and /healthz answer as before', async () => {
    const health = await fetch(`${world.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const openapi = await fetch(`${world.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
    const docs = await fetch(`${world.url}/docs`);
    expect([docs.status, docs.headers.get('content-type')?.startsWith('text/html')]).toEqual([200, true]);
    const noKey = await fetch(`${world.url}/v1/organizations`);
    expect([noKey.status, noKey.headers.get('content-type')]).toEqual([401, 'application/problem+json; charset=utf-8']);
    const post = await fetch(`${world.url}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
