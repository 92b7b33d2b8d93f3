import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRejection, importFiles, type InputFile, type RecordKind } from '../../../src/app/import/import-files.js';
import { EmbeddedStore } from '../../../src/store/embedded/embedded-store.js';

const enc = new TextEncoder();
const file = (kind: RecordKind, name: string, text: string): InputFile => ({ kind, name, bytes: enc.encode(text) });
const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

const kt = { id: 'kt', name: { en: 'KT' }, type: 'large_company' };
const x = { id: 'x', name: { en: 'X' }, type: 'sme' };

describe('the import report', () => {
  let store: EmbeddedStore;
  beforeEach(async () => {
    store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-import-report-')) });
  });
  afterEach(async () => {
    await store.close();
  });

  it('does not count as accepted a collaboration or programme rejected for naming an unknown organisation', async () => {
    const r = await importFiles(store, [
      file('organizations', 'o.jsonl', jsonl(kt, x)),
      file('collaborations', 'c.jsonl', jsonl({ a: 'x', b: 'kt', kind: 'mou' }, { a: 'x', b: 'ghost', kind: 'mou' }, { a: 'nobody', b: 'kt', kind: 'poc' })),
      // as the HTTP API hands them over: parsed rows, positions for lines
      {
        kind: 'programmes',
        name: 'programmes',
        rows: [
          { id: 'p1', name: { en: 'P1' }, kind: 'forum', participants: ['kt', 'x'] },
          { id: 'p2', name: { en: 'P2' }, kind: 'forum', participants: ['kt', 'ghost'] },
        ],
      },
    ]);
    expect(r.rejected.map(formatRejection)).toEqual([
      'c.jsonl:2 b: unknown organization "ghost"',
      'c.jsonl:3 a: unknown organization "nobody"',
      'programmes:2 participants.1: unknown organization "ghost"',
    ]);
    expect(r.files.map((f) => [f.name, f.rows, f.accepted])).toEqual([
      ['o.jsonl', 2, 2],
      ['c.jsonl', 3, 1],
      ['programmes', 2, 1],
    ]);
    expect(r.applied?.collaborations.created).toBe(1);
    expect(r.applied?.programmes.created).toBe(1);
  });

  it('refuses every file without rows as an empty file: zero bytes, blank lines, an empty JSON array, a CSV header alone', async () => {
    const r = await importFiles(store, [
      file('organizations', 'a-zero.json', ''),
      file('organizations', 'b-blank.jsonl', '\n \r\n\n'),
      file('organizations', 'c-array.json', '[]'),
      file('organizations', 'd-header.csv', 'id,type,name.en\r\n'),
      file('organizations', 'e-blank.csv', '\n\n'),
    ]);
    expect(r.rejected.map(formatRejection)).toEqual([
      'a-zero.json: the file is empty',
      'b-blank.jsonl: the file is empty',
      'c-array.json: the file has no rows (an empty JSON array)',
      'd-header.csv: the file has no rows (only a CSV header)',
      'e-blank.csv: the file is empty',
    ]);
    expect(r.landed).toBe(false);
  });

  it('lands the valid rows of a CSV file beside a row with the wrong number of columns', async () => {
    const r = await importFiles(store, [file('organizations', 'x.csv', 'id,type,name.en\na1,sme,A\na2,sme,B,oops\na3,sme,C\n')]);
    expect(r.rejected.map(formatRejection)).toEqual(['x.csv:3: has 4 columns, the header has 3']);
    expect(r.files.map((f) => [f.name, f.format, f.rows, f.accepted])).toEqual([['x.csv', 'csv', 3, 2]]);
    expect(r.applied?.organizations.created).toBe(2);
  });
});
