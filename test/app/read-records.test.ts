import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileProblem, readJsonLine, readRecordGroups, readRecords, type CsvColumns, type RawRecord } from '../../src/app/import/read-records.js';

const enc = new TextEncoder();
const COLUMNS: CsvColumns = { required: ['id'], optional: ['name'], lists: [], numbers: [], booleans: [] };

/** Reads `bytes` delivered as the given chunks (cut at `cuts`, byte offsets). */
async function readChunked(name: string, bytes: Uint8Array, cuts: readonly number[]): Promise<{ format: string; records: RawRecord[] }> {
  const at = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((x, y) => x - y), bytes.length];
  // each chunk in its own fresh buffer, as a file read delivers it
  const chunks = at.slice(1).map((end, i) => Uint8Array.from(bytes.subarray(at[i], end)));
  const records: RawRecord[] = [];
  let format = '?';
  for await (const g of readRecordGroups(name, chunks, COLUMNS)) {
    format = g.format;
    records.push(...g.records);
  }
  return { format, records };
}

const problem = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof FileProblem) return e.message;
    throw e;
  }
  return 'no problem';
};

describe('reading JSON Lines from bytes in chunks', () => {
  const text = '{"id":"kt","name":"케이티"}\n\n{"id":"삼성","name":"Samsung — 전자"}\n{"id": "broken", \n["not an object"]\n{"id":"last"}';
  const bytes = enc.encode(text);
  const expected: RawRecord[] = [
    { line: 1, value: { id: 'kt', name: '케이티' } },
    { line: 3, value: { id: '삼성', name: 'Samsung — 전자' } },
    { line: 4, error: expect.stringMatching(/^malformed JSON: /) as unknown as string },
    { line: 5, error: 'expected a JSON object' },
    { line: 6, value: { id: 'last' } },
  ];

  it('gives the same records, line numbers and errors whole and cut anywhere, even inside a multibyte character', async () => {
    expect(readRecords('o.jsonl', bytes, COLUMNS)).toEqual({ format: 'jsonl', records: expected });
    // every single cut: inside "케" (3 bytes), inside "—", just before and after each LF
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await readChunked('o.jsonl', bytes, [cut]), `cut at byte ${cut}`).toEqual({ format: 'jsonl', records: expected });
    }
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        expect(await readChunked('o.jsonl', bytes, cuts)).toEqual({ format: 'jsonl', records: expected });
      }),
      { numRuns: 200 },
    );
  });

  it('cuts every byte into its own chunk and still decodes the characters', async () => {
    const all = Array.from({ length: bytes.length }, (_, i) => i);
    expect(await readChunked('o.jsonl', bytes, all)).toEqual({ format: 'jsonl', records: expected });
  });

  it('reads CRLF line endings, a UTF-8 BOM and a last line without a newline', async () => {
    const crlf = enc.encode('\ufeff{"id":"a"}\r\n\r\n{"id":"b","name":"비"}\r\n{"id":"c"}');
    const want = [
      { line: 1, value: { id: 'a' } },
      { line: 3, value: { id: 'b', name: '비' } },
      { line: 4, value: { id: 'c' } },
    ];
    expect(readRecords('o.jsonl', crlf, COLUMNS).records).toEqual(want);
    for (let cut = 1; cut < crlf.length; cut++) expect((await readChunked('o.jsonl', crlf, [cut])).records, `cut at ${cut}`).toEqual(want);
  });

  it('tells a JSON array from JSON Lines by the first non-blank byte, even past a BOM in a chunk of its own', async () => {
    const array = enc.encode('\ufeff \n[\n {"id":"a"},\n {"id":"b"}\n]\n');
    for (let cut = 1; cut < array.length; cut++) {
      expect(await readChunked('o.json', array, [cut, cut + 1]), `cut at ${cut}`).toEqual({
        format: 'json',
        records: [
          { line: 3, value: { id: 'a' } },
          { line: 4, value: { id: 'b' } },
        ],
      });
    }
    expect((await readChunked('rows', enc.encode('\ufeff{"id":"a"}\n'), [1, 2, 3])).format).toBe('jsonl');
  });

  it('reads CSV in chunks with a multibyte character cut in two', async () => {
    const csv = enc.encode('id,name\r\nkt,케이티\r\n');
    const cut = csv.indexOf(0xec) + 1; // inside the first byte sequence of 케
    expect(await readChunked('o.csv', csv, [cut])).toEqual({ format: 'csv', records: [{ line: 2, value: { id: 'kt', name: '케이티' } }] });
  });

  it('refuses a NUL byte or invalid UTF-8 in a later chunk, an empty file and a blank one', async () => {
    const late = new Uint8Array([...enc.encode('{"id":"a"}\n{"id":"b"}\n'), 0x00, 0x01]);
    expect(await problem(readChunked('o.jsonl', late, [11]))).toBe('this is a binary file, not JSON, JSON Lines or CSV text');
    const latin1 = new Uint8Array([...enc.encode('{"id":"a"}\n{"id":"caf'), 0xe9, ...enc.encode('"}\n')]);
    expect(await problem(readChunked('o.jsonl', latin1, [11]))).toBe('the file is not UTF-8 text (binary or another encoding; line 2)');
    expect(await problem(readChunked('o.jsonl', new Uint8Array(), []))).toBe('the file is empty');
    expect(await problem(readChunked('o.jsonl', enc.encode(' \r\n\n\t\n'), [2]))).toBe('the file is empty');
    expect(await problem(readChunked('o', enc.encode('\ufeff\n  '), [1]))).toBe('the file is empty');
  });

  it('reads a line of any length and any text back as exactly the value written (long lines decode another way)', () => {
    // every Unicode scalar value, astral ones (surrogate pairs) and U+FEFF inside a line included; lone surrogates
    // reach the file as \u escapes. Lines from a few bytes to past 1 KiB, where the decoder changes.
    const text = fc.string({ unit: 'binary', maxLength: 600 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), fc.nat({ max: 1500 }), (parts, pad) => {
        const value = { id: 'x', pad: '가'.repeat(pad % 500) + 'a'.repeat(pad), parts: [...parts, '\ufeff뒤'] };
        const line = enc.encode(JSON.stringify(value));
        const r = readJsonLine(Buffer.from(line), 0, line.length, 2);
        expect(r).toEqual({ line: 2, value });
      }),
    );
  });
});

