/** What `match` and `team` say when they have nothing to show: why, rather than blaming filters nobody gave. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli.js';

async function storeWith(orgs: object[], collaborations: object[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'innomatch-empty-'));
  const write = (name: string, rows: object[]) => {
    writeFileSync(join(dir, name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return join(dir, name);
  };
  const argv = ['ingest', '--organizations', write('orgs.jsonl', orgs), ...(collaborations.length > 0 ? ['--collaborations', write('collabs.jsonl', collaborations)] : [])];
  const r = await cli(join(dir, 'var'), argv);
  if (r.code !== 0) throw new Error(`test: ingest failed: ${r.err}`);
  return join(dir, 'var');
}

const KT = { id: 'kt', name: { en: 'KT' }, type: 'large_company', sectors: ['ai'], offers: ['5G network'], needs: ['AI startups'] };
const KSF = { id: 'ksf', name: { en: 'KSF' }, type: 'association', sectors: ['ai'], offers: ['startup network'], needs: [] };

describe('match with nothing to suggest', () => {
  it('says there is no other organisation when the store holds only this one', async () => {
    const data = await storeWith([KT]);
    const r = await cli(data, ['match', 'kt']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('KT (kt): there are no other organisations to match with.');
    expect(r.out).not.toContain('filters');
  });

  it('says every other organisation is left out, and how to see existing partners, when no filter was given', async () => {
    const data = await storeWith([KT, KSF], [{ a: 'kt', b: 'ksf', kind: 'mou', year: 2020 }]);
    const r = await cli(data, ['match', 'kt']);
    expect(r.out).toContain('KT (kt): none of the 1 other organisation(s) can be suggested (1 existing partner(s), shown with --include-existing;');
    expect(r.out).not.toContain('filters');
  });

  it('blames the filters when filters were given', async () => {
    const data = await storeWith([KT, KSF]);
    const r = await cli(data, ['match', 'kt', '--types', 'university']);
    expect(r.out).toContain('KT (kt): no matches for these filters.');
  });
});

describe('team for an organisation without needs', () => {
  it('says the organisation lists no needs and how to give some, not "no member found" at 0 % coverage', async () => {
    const data = await storeWith([KT, KSF]);
    const r = await cli(data, ['team', 'ksf']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('KSF (ksf) lists no needs in its profile, so there is nothing to build a team around; give them with --needs "…".');
    expect(r.out).not.toContain('no member found');
    expect(r.out).not.toContain('coverage');
  });
});
