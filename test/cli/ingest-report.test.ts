import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as runInProcess } from '../fixtures/cli.js';

const cli = (dataDir: string, ...argv: string[]) => runInProcess(dataDir, argv);

/** Writes the files into a fresh directory; returns their paths by name and a data directory beside them. */
function write(files: Record<string, string>): { data: string; path: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'innomatch-ingest-report-'));
  const path: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) writeFileSync((path[name] = join(dir, name)), text);
  return { data: join(dir, 'var'), path };
}

describe('innomatch ingest report', () => {
  it('counts rejected rows, not problems: a row with two bad fields is listed twice but counted once', async () => {
    const { data, path } = write({ 'n.csv': 'id,type,name.en,founded,employees\nn1,sme,A,19x,-1\nn2,sme,B,,\n' });
    const r = await cli(data, 'ingest', '--organizations', path['n.csv'] as string);
    expect(r.code).toBe(1);
    expect(r.err.match(/n\.csv:2 /g)).toHaveLength(2);
    expect(r.err).toContain('innomatch: 1 row(s) rejected; the valid rows were imported');
    const strict = await cli(data, 'ingest', '--strict', '--organizations', path['n.csv'] as string);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('innomatch: --strict: 1 row(s) rejected, nothing was imported');
  });

  it('counts a refused file apart from rejected rows', async () => {
    const { data, path } = write({ 'o.jsonl': '{"id":"kt","name":{"en":"KT"},"type":"megacorp"}\n{"id":"x","name":{"en":"X"},"type":"sme"}\n', 'e.json': '[]' });
    const r = await cli(data, 'ingest', '--organizations', path['o.jsonl'] as string, path['e.json'] as string);
    expect(r.err).toContain('innomatch: 1 row(s) and 1 file(s) rejected; the valid rows were imported');
  });

  it('shows as accepted only the collaborations whose organisations exist', async () => {
    const { data, path } = write({
      'o.jsonl': '{"id":"kt","name":{"en":"KT"},"type":"large_company"}\n{"id":"x","name":{"en":"X"},"type":"sme"}\n',
      'c.jsonl': '{"a":"x","b":"kt","kind":"mou"}\n{"a":"x","b":"ghost","kind":"mou"}\n',
    });
    const r = await cli(data, 'ingest', '--organizations', path['o.jsonl'] as string, '--collaborations', path['c.jsonl'] as string, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { files: { kind: string; rows: number; accepted: number }[] };
    expect(report.files.find((f) => f.kind === 'collaborations')).toMatchObject({ rows: 2, accepted: 1 });
  });

  it('refuses a file without rows like an empty one, with the same exit status, whatever its format', async () => {
    const { data, path } = write({ 'zero.jsonl': '', 'blank.jsonl': '\n\n', 'array.json': '[]', 'header.csv': 'id,type\n' });
    for (const [name, message] of [
      ['zero.jsonl', 'the file is empty'],
      ['blank.jsonl', 'the file is empty'],
      ['array.json', 'the file has no rows (an empty JSON array)'],
      ['header.csv', 'the file has no rows (only a CSV header)'],
    ] as const) {
      const r = await cli(data, 'ingest', '--organizations', path[name] as string);
      expect(r.code, name).toBe(1);
      expect(r.err, name).toContain(`${path[name]}: ${message}`);
    }
  });
});
