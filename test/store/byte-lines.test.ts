import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteLines, LineTooLong } from '../../src/store/embedded/byte-lines.js';

/** The lines ByteLines hands on for `bytes` cut into the given chunks, decoded. */
function split(bytes: Uint8Array, cuts: readonly number[], maxLineBytes?: number): [number, string][] {
  const out: [number, string][] = [];
  const lines = new ByteLines((buf, start, end, lineNo) => out.push([lineNo, buf.toString('utf8', start, end)]), maxLineBytes);
  const at = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((x, y) => x - y), bytes.length];
  for (let i = 1; i < at.length; i++) {
    const chunk = Buffer.from(bytes.subarray(at[i - 1], at[i]));
    lines.push(chunk);
    chunk.fill(0x21); // the caller reuses its buffer: nothing already handed on or carried may depend on it
  }
  lines.end();
  return out;
}

describe('ByteLines: lines from bytes arriving in chunks', () => {
  it('splits at LF, drops the CR of CRLF, keeps blank lines numbered, and hands on a last line without LF', () => {
    const bytes = new TextEncoder().encode('가나\r\n\nabc\r\n\r\n끝');
    expect(split(bytes, [])).toEqual([
      [1, '가나'],
      [2, ''],
      [3, 'abc'],
      [4, ''],
      [5, '끝'],
    ]);
  });

  it('gives the same lines however the bytes are cut, multibyte characters included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (parts, rawCuts) => {
        const text = parts.join('\n');
        const bytes = new TextEncoder().encode(text);
        // a final LF ends the last line; it does not start an empty one
        const lines = text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
        const want = lines.map((l, i): [number, string] => [i + 1, l.endsWith('\r') ? l.slice(0, -1) : l]);
        expect(split(bytes, rawCuts.map((c) => c % (bytes.length + 1)))).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a line longer than the limit, whole or carried across chunks', () => {
    const bytes = new TextEncoder().encode('short\n0123456789\nx');
    expect(() => split(bytes, [], 8)).toThrow(LineTooLong);
    expect(() => split(bytes, [8, 12], 8)).toThrow(/line 2 is longer than/);
    expect(split(bytes, [8, 12], 10).map(([, l]) => l)).toEqual(['short', '0123456789', 'x']);
  });
});
