import { describe, expect, it } from 'vitest';
import { FileProblem, readRecords, type CsvColumns, type RawRecord } from '../../../src/app/import/read-records.js';

const enc = new TextEncoder();
const COLUMNS: CsvColumns = { required: ['id', 'type'], optional: ['name.en', 'description'], lists: [], numbers: [], booleans: [] };

const read = (name: string, text: string): RawRecord[] => readRecords(name, enc.encode(text), COLUMNS).records;
/** The message of the file problem reading `text` raises, or 'no problem'. */
const problem = (name: string, text: string): string => {
  try {
    read(name, text);
  } catch (e) {
    if (e instanceof FileProblem) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no problem';
};
const lines = (records: readonly RawRecord[]) => records.map((r) => [r.line, 'value' in r ? r.value.id : r.error]);

describe('reading a CSV file', () => {
  it('rejects a row with more or fewer cells than the header as that row alone, on its own line', () => {
    const records = read('x.csv', 'id,type,name.en\na1,sme,A\na2,sme,B,oops\na3,sme,C\na4,sme\n');
    expect(lines(records)).toEqual([
      [2, 'a1'],
      [3, 'has 4 columns, the header has 3'],
      [4, 'a3'],
      [5, 'has 2 columns, the header has 3'],
    ]);
    expect(lines(read('x.csv', 'id,type\nb1\n'))).toEqual([[2, 'has 1 column, the header has 2']]);
  });

  it('gives each row the line it starts on, after a quoted cell spanning lines, with LF, CRLF or lone CR line ends', () => {
    const rows = ['id,type,name.en,description', 'm1,sme,A,"x{NL}y"', 'm2,sme,B,ok', '', 'm3,BAD,C,"a{NL}{NL}b"', 'm4,sme,D,ok'];
    // m1 spans lines 2–3, line 5 is blank, m3 spans lines 6–8
    const want = [
      [2, 'm1'],
      [4, 'm2'],
      [6, 'm3'],
      [9, 'm4'],
    ];
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = rows.join(nl).replaceAll('{NL}', nl) + nl;
      expect(lines(read('y.csv', text)), JSON.stringify(nl)).toEqual(want);
    }
    // an LF-only cell in a CRLF file, blank lines and a BOM before the header, multibyte text before the break
    const mixed = '\ufeff\r\n  \r\nid,type,name.en\r\nk1,sme,"케이\n티"\r\nk2,sme,B\r\n';
    expect(lines(read('z.csv', mixed))).toEqual([
      [4, 'k1'],
      [6, 'k2'],
    ]);
  });

  it('refuses a header with a repeated column, naming it, instead of letting the last cell win', () => {
    expect(problem('d.csv', 'id,type,name.en,type\nd1,sme,A,startup\n')).toBe(
      'UNSUPPORTED_FILE: wrong CSV header: repeated column(s) "type"; expected id,type,name.en,description',
    );
    expect(problem('d.csv', 'id,ident,type,ident,id\nd1,x,sme,y,d2\n')).toBe(
      'UNSUPPORTED_FILE: wrong CSV header: unknown column(s) "ident"; repeated column(s) "ident", "id"; expected id,type,name.en,description',
    );
  });

  it('treats a header without rows, or an empty JSON array, as an empty file', () => {
    expect(problem('h.csv', 'id,type\n')).toBe('EMPTY_FILE: the file has no rows (only a CSV header)');
    expect(problem('h.csv', '\ufeffid,type\r\n\r\n  \r\n')).toBe('EMPTY_FILE: the file has no rows (only a CSV header)');
    expect(problem('e.json', '[]')).toBe('EMPTY_FILE: the file has no rows (an empty JSON array)');
    expect(problem('e', ' \n[\n]\n')).toBe('EMPTY_FILE: the file has no rows (an empty JSON array)');
    expect(problem('b.jsonl', '\n\n\n')).toBe('EMPTY_FILE: the file is empty');
    expect(problem('z.csv', '')).toBe('EMPTY_FILE: the file is empty');
  });
});

describe('reading a JSON array file', () => {
  it('names the line and column of a syntax error, not only the character position', () => {
    const text = '[\n  {"id": "a", "type": "sme"},\n  {"id": "b", "type": "sme",}\n]\n';
    expect(problem('x.json', text)).toMatch(/^UNSUPPORTED_FILE: malformed JSON: .* \(line 3, column 29\)$/);
  });
});
