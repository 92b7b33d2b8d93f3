import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../src/api/routes/index.js';
import { openApiPath } from '../../../src/api/openapi.js';
import { HealthSchema, ReadinessSchema } from '../../../src/api/responses.js';
import type { Ctx } from '../api-suite.js';

export function probesSuite(ctx: Ctx): void {
  describe('probes and documents', () => {
    it('When the process runs, then /healthz answers ok without a key', async () => {
      const a = await ctx().api.call('GET', '/healthz');
      expect(a.status).toBe(200);
      expect(HealthSchema.parse(a.body)).toEqual({ status: 'ok' });
    });

    it('When the store answers and the index is built, then /readyz is ready', async () => {
      const a = await ctx().api.call('GET', '/readyz?probe=lb');
      expect(a.status).toBe(200);
      expect(ReadinessSchema.parse(a.body)).toEqual({ ready: true, store: 'ok', index: 'built' });
    });

    it('When /openapi.json is fetched, then it is OpenAPI 3.1 with every route of the table', async () => {
      const a = await ctx().api.call('GET', '/openapi.json');
      expect(a.status).toBe(200);
      const doc = a.body as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
      expect(doc.openapi).toBe('3.1.0');
      for (const r of ROUTES) {
        const op = doc.paths[openApiPath(r.path)]?.[r.method];
        expect(op?.operationId, `${r.method} ${r.path}`).toBe(r.operationId);
        expect(Object.keys(op?.responses ?? {})).toContain(String(r.success.status));
      }
      // a generated schema, not a hand-written one: the organisation type enum comes from the domain
      expect(a.text).toContain('"research_institute"');
    });

    it('When /docs is fetched, then it is a self-contained HTML page listing every operation and error code', async () => {
      const a = await ctx().api.call('GET', '/docs');
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toMatch(/^text\/html/);
      for (const r of ROUTES) expect(a.text).toContain(`id="${r.operationId}"`);
      expect(a.text).toContain('id="error-ILLEGAL_TRANSITION"');
      expect(a.text).not.toMatch(/<script|https?:\/\/(?!innomatch)/);
    });

    it('Every answer carries security headers and a request id', async () => {
      const a = await ctx().api.call('GET', '/healthz');
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
      expect(a.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(a.headers.get('x-powered-by')).toBeNull();
      expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
}
