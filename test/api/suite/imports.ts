import { describe, expect, it } from 'vitest';
import { ImportReportSchema } from '../../../src/api/responses.js';
import type { Ctx } from '../api-suite.js';
import { codeOf } from '../harness.js';

const row = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: { ko: `기관 ${id}` }, type: 'sme', sectors: ['smart_manufacturing'], ...extra });

export function importsSuite(ctx: Ctx): void {
  describe('POST /v1/imports', () => {
    it('When an admin imports organisations, collaborations and programmes, then they land and the report counts them; again: unchanged', async () => {
      const { api, keys, store } = ctx();
      const body = {
        organizations: [row('autonics'), row('gtech')],
        collaborations: [{ a: 'autonics', b: 'daesun', kind: 'poc', year: 2020 }],
        programmes: [{ id: 'icon-2020', name: { ko: 'i-CON 2020' }, kind: 'exchange', participants: ['autonics', 'kt'] }],
      };
      const first = await api.call('POST', '/v1/imports', { key: keys.admin, body });
      expect(first.status).toBe(200);
      const report = ImportReportSchema.parse(first.body);
      expect(report).toMatchObject({ landed: true, rejected: [] });
      expect(report.applied?.organizations.created).toBe(2);
      expect(report.applied?.collaborations.created).toBe(1);
      expect(report.applied?.programmes.created).toBe(1);
      const again = ImportReportSchema.parse((await api.call('POST', '/v1/imports', { key: keys.admin, body })).body);
      expect(again.applied).toEqual({
        organizations: { created: 0, updated: 0, unchanged: 2 },
        collaborations: { created: 0, updated: 0, unchanged: 1 },
        programmes: { created: 0, updated: 0, unchanged: 1 },
      });
      expect((await store.partnersOf('daesun' as never)).map((p) => p.id)).toEqual(['autonics']);
    });

    it('When some rows are bad, then they are reported with position, field and reason and the valid rows land', async () => {
      const { api, keys, store } = ctx();
      const a = await api.call('POST', '/v1/imports', {
        key: keys.admin,
        body: {
          organizations: [row('good-1'), row('bad-type', { type: 'big_company' }), 'not an object', row('good-1'), row('good-2', { ceo: 'x' })],
          collaborations: [{ a: 'good-1', b: 'nobody', kind: 'mou' }],
        },
      });
      expect(a.status).toBe(200);
      const report = ImportReportSchema.parse(a.body);
      expect(report.rejected.map((r) => `${r.file}:${r.line} ${r.field}`)).toEqual([
        'collaborations:1 b',
        'organizations:2 type',
        'organizations:3 ',
        'organizations:4 id',
        'organizations:5 ',
      ]);
      expect(report.rejected[1]?.reason).toContain('big_company');
      expect(report.rejected[4]?.reason).toContain('"ceo"');
      expect(await store.getOrganization('good-1' as never)).toBeDefined();
    });

    it('When strict and a row is bad, then 422 ROWS_REJECTED lists the rows and nothing lands', async () => {
      const { api, keys, store } = ctx();
      const a = await api.call('POST', '/v1/imports', { key: keys.admin, body: { strict: true, organizations: [row('ok-1'), row('bad', { type: 'x' })] } });
      expect([a.status, codeOf(a)]).toEqual([422, 'ROWS_REJECTED']);
      expect((a.body as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['organizations:2 type']);
      expect(await store.getOrganization('ok-1' as never)).toBeUndefined();
      // one row with two bad fields: two problems listed, one row counted
      const b = await api.call('POST', '/v1/imports', { key: keys.admin, body: { strict: true, organizations: [row('bad', { type: 'x', founded: 1 })] } });
      expect((b.body as { errors: unknown[] }).errors).toHaveLength(2);
      expect((b.body as { detail: string }).detail).toBe('1 row(s) rejected');
    });

    it('When a non-admin imports, then 403; when the body is empty or has unknown fields, then 400', async () => {
      const { api, keys } = ctx();
      for (const key of [keys.coordAi, keys.memberKt]) {
        expect((await api.call('POST', '/v1/imports', { key, body: { organizations: [row('x')] } })).status).toBe(403);
      }
      expect(codeOf(await api.call('POST', '/v1/imports', { key: keys.admin, body: {} }))).toBe('VALIDATION_FAILED');
      expect(codeOf(await api.call('POST', '/v1/imports', { key: keys.admin, body: { orgs: [] } }))).toBe('VALIDATION_FAILED');
      expect(codeOf(await api.call('POST', '/v1/imports', { key: keys.admin, body: { organizations: 'x' } }))).toBe('VALIDATION_FAILED');
    });

    it('When an import is larger than the JSON cap but under the import cap, then it is accepted; over the import cap: 413', async () => {
      const { api, keys } = ctx();
      const big = Array.from({ length: 30 }, (_, i) => row(`big-${i}`, { description: '설명 '.repeat(20_000) }));
      const a = await api.call('POST', '/v1/imports', { key: keys.admin, body: { organizations: big } });
      expect(a.status).toBe(200);
      const huge = Array.from({ length: 220 }, (_, i) => row(`huge-${i}`, { description: 'x'.repeat(99_000) }));
      const b = await api.call('POST', '/v1/imports', { key: keys.admin, body: { organizations: huge } });
      expect([b.status, codeOf(b)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    });
  });
}
