import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRejection, importFiles, type InputFile, type RecordKind } from '../../src/app/import/import-files.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';

const enc = new TextEncoder();
const file = (kind: RecordKind, name: string, text: string | Uint8Array): InputFile => ({
  kind,
  name,
  bytes: typeof text === 'string' ? enc.encode(text) : text,
});
const jsonl = (...rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

const kt = { id: 'kt', name: { ko: 'KT', en: 'KT Corporation' }, type: 'large_company', sectors: ['ai'], offers: ['유동인구 데이터'] };
const ksf = { id: 'ksf', name: { ko: '코리아스타트업포럼' }, type: 'association', sectors: ['ai'] };
const mou = { a: 'kt', b: 'ksf', kind: 'mou', year: 2020, evidence: 'MOU 2020-11' };

describe('importing profile files', () => {
  let store: EmbeddedStore;
  beforeEach(async () => {
    store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-import-')) });
  });
  afterEach(async () => {
    await store.close();
  });
  const messages = (r: { rejected: readonly Parameters<typeof formatRejection>[0][] }) => r.rejected.map(formatRejection);

  it('loads JSON Lines, a JSON array and CSV alike', async () => {
    const csv = 'id,name.ko,name.en,type,sectors,offers,founded\nwizcore,위즈코어,Wizcore,sme,smart_manufacturing;ai,5G 스마트공장;MES,2012\n';
    const r = await importFiles(store, [
      file('organizations', 'a.jsonl', jsonl(kt)),
      file('organizations', 'b.json', JSON.stringify([ksf], null, 2)),
      file('organizations', 'c.csv', csv),
      file('collaborations', 'd.jsonl', jsonl(mou)),
    ]);
    expect(r.rejected).toEqual([]);
    expect(r.applied?.organizations.created).toBe(3);
    expect(r.applied?.collaborations.created).toBe(1);
    const wizcore = await store.getOrganization('wizcore' as never);
    expect(wizcore).toMatchObject({ name: { ko: '위즈코어', en: 'Wizcore' }, sectors: ['smart_manufacturing', 'ai'], offers: ['5G 스마트공장', 'MES'], founded: 2012 });
  });

  it('is idempotent: the same files twice change nothing', async () => {
    const files = [file('organizations', 'o.jsonl', jsonl(kt, ksf)), file('collaborations', 'c.jsonl', jsonl(mou))];
    await importFiles(store, files);
    const again = await importFiles(store, files);
    expect(again.applied?.organizations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(again.applied?.collaborations).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await store.stats()).organizations).toBe(2);
  });

  it('reports a malformed JSON line with its place and lands the valid rows', async () => {
    const r = await importFiles(store, [file('organizations', 'o.jsonl', jsonl(kt, '{"id": "broken", ', ksf))]);
    expect(messages(r)).toEqual([expect.stringMatching(/^o\.jsonl:2: malformed JSON/)]);
    expect(r.landed).toBe(true);
    expect((await store.stats()).organizations).toBe(2);
  });

  it('names the field and the bad value for an unknown type, a bad sector slug and a missing name', async () => {
    const r = await importFiles(store, [
      file(
        'organizations',
        'o.jsonl',
        jsonl(kt, { ...ksf, id: 'x1', type: 'big_company' }, { ...ksf, id: 'x2', sectors: ['Bio Health'] }, { id: 'x3', name: {}, type: 'sme' }),
      ),
    ]);
    const m = messages(r);
    expect(m[0]).toMatch(/^o\.jsonl:2 type: .*"big_company"/);
    expect(m[1]).toMatch(/^o\.jsonl:3 sectors\.0: must be a lower-case slug/);
    expect(m[2]).toMatch(/^o\.jsonl:4 name: needs at least one of name\.ko or name\.en/);
    expect((await store.stats()).organizations).toBe(1);
  });

  it('rejects unknown fields, a missing id and an over-long description', async () => {
    const r = await importFiles(store, [
      file('organizations', 'o.jsonl', jsonl({ ...kt, ceo: 'x' }, { name: { en: 'No id' }, type: 'sme' }, { ...ksf, description: 'x'.repeat(100_001) })),
    ]);
    expect(messages(r)).toEqual([
      'o.jsonl:1: unknown field(s) "ceo"',
      'o.jsonl:2 id: is required',
      'o.jsonl:3 description: must be at most 100000 characters',
    ]);
    expect(r.landed).toBe(false);
  });

  it('rejects a duplicate id, pointing at the first occurrence', async () => {
    const r = await importFiles(store, [file('organizations', 'o.jsonl', jsonl(kt, ksf, { ...kt, type: 'sme' }))]);
    expect(messages(r)).toEqual(['o.jsonl:3 id: duplicate id "kt" (first at o.jsonl:1)']);
    expect((await store.getOrganization('kt' as never))?.type).toBe('large_company');
  });

  it('rejects a collaboration naming an unknown organisation, but accepts one stored earlier', async () => {
    await importFiles(store, [file('organizations', 'o.jsonl', jsonl(kt))]);
    const r = await importFiles(store, [
      file('organizations', 'p.jsonl', jsonl(ksf)),
      file('collaborations', 'c.jsonl', jsonl(mou, { a: 'kt', b: 'ghost', kind: 'poc' })),
    ]);
    expect(messages(r)).toEqual(['c.jsonl:2 b: unknown organization "ghost"']);
    expect((await store.stats()).collaborations).toBe(1);
  });

  it('refuses a wrong CSV header whole, naming the unknown and the missing columns', async () => {
    const r = await importFiles(store, [file('organizations', 'o.csv', 'ident,kind,name.en\nkt,large_company,KT\n')]);
    expect(messages(r)).toEqual([
      expect.stringMatching(/^o\.csv: wrong CSV header: unknown column\(s\) "ident", "kind"; missing column\(s\) "id", "type"/),
    ]);
    expect(r.landed).toBe(false);
  });

  it('refuses an empty file and a binary file with a clear message', async () => {
    const r = await importFiles(store, [
      file('organizations', 'empty.jsonl', ''),
      file('organizations', 'blank.jsonl', '\n  \n'),
      file('organizations', 'logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ]);
    expect(messages(r)).toEqual([
      'blank.jsonl: the file is empty',
      'empty.jsonl: the file is empty',
      'logo.png: this is a binary file, not JSON, JSON Lines or CSV text',
    ]);
    expect((await store.stats()).organizations).toBe(0);
  });

  it('gives JSON array elements their line numbers', async () => {
    const text = `[\n  ${JSON.stringify(kt)},\n  {"id": "bad id!", "name": {"en": "x"}, "type": "sme"}\n]`;
    const r = await importFiles(store, [file('organizations', 'o.json', text)]);
    expect(messages(r)).toEqual([expect.stringMatching(/^o\.json:3 id: must be a slug/)]);
  });

  it('refuses ids made only of dots ("." and ".." could never be reached by a link) with a message that says so', async () => {
    const text = jsonl({ ...kt, id: '.' }, { ...ksf, id: '..' }, { ...kt, id: 'k.t' });
    const csv = 'id,name.en,type\n...,Dots,sme\n';
    const r = await importFiles(store, [file('organizations', 'o.jsonl', text), file('organizations', 'o.csv', csv)]);
    expect(messages(r)).toEqual([
      expect.stringMatching(/^o\.csv:2 id: must not be only dots/),
      expect.stringMatching(/^o\.jsonl:1 id: must not be only dots/),
      expect.stringMatching(/^o\.jsonl:2 id: must not be only dots/),
    ]);
    expect((await store.allOrganizations()).map((o) => o.id)).toEqual(['k.t']);
  });

  it('reads a file arriving in chunks, lines and characters cut anywhere, like the same bytes whole', async () => {
    const bytes = enc.encode(`${jsonl(kt, ksf)}\r\n`);
    const cut = bytes.indexOf(0xec) + 1; // inside the first byte sequence of 코리아
    const r = await importFiles(store, [{ kind: 'organizations', name: 'o.jsonl', chunks: [bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)] }]);
    expect(r.rejected).toEqual([]);
    expect(r.files).toEqual([{ name: 'o.jsonl', kind: 'organizations', format: 'jsonl', rows: 2, accepted: 2 }]);
    expect((await store.getOrganization('ksf' as never))?.name).toEqual({ ko: '코리아스타트업포럼' });
  });

  it('drops every row of a file refused half-way (a NUL byte in a later chunk), and its ids do not count as seen', async () => {
    const good = enc.encode(`${jsonl(kt)}\n`);
    const r = await importFiles(store, [
      { kind: 'organizations', name: 'half.jsonl', chunks: (async function* () {
        yield good;
        yield new Uint8Array([0x7b, 0, 0x7d]);
      })() },
      file('organizations', 'o.jsonl', jsonl(kt)),
    ]);
    expect(messages(r)).toEqual(['half.jsonl: this is a binary file, not JSON, JSON Lines or CSV text']);
    expect(r.files.map((f) => [f.name, f.rows, f.accepted])).toEqual([
      ['half.jsonl', 0, 0],
      ['o.jsonl', 1, 1],
    ]);
    expect(r.applied?.organizations.created).toBe(1);
  });

  it('with strict, imports nothing when any row is bad', async () => {
    const r = await importFiles(store, [file('organizations', 'o.jsonl', jsonl(kt, { ...ksf, type: 'nope' }))], { strict: true });
    expect(r.landed).toBe(false);
    expect(r.rejected).toHaveLength(1);
    expect((await store.stats()).organizations).toBe(0);
  });
});
