import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRejection, importFiles, type ImportOptions, type InputFile } from '../../src/app/import/import-files.js';
import { parsePiece } from '../../src/app/import/parse-piece.js';
import { startParsePool } from '../../src/app/import/parse-pool.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import type { EncodedBatch, GraphStore } from '../../src/store/graph-store.js';
import { asOrgId } from '../../src/domain/index.js';

const enc = new TextEncoder();
const MAIN: ImportOptions = { threads: 0 };
/** Every JSON Lines file through two workers, however small. */
const WORKERS: ImportOptions = { threads: 2, threadMinBytes: 0 };
/** Every JSON Lines file in pieces, parsed on this thread (the default on two cores). */
const PIECES_HERE: ImportOptions = { threads: 0, threadMinBytes: 0 };

const stores: EmbeddedStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});
async function freshStore(): Promise<EmbeddedStore> {
  const s = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-import-workers-')) });
  stores.push(s);
  return s;
}

/** A store that records whether organisations reached it as text (the workers' form) or as objects. */
function recording(store: EmbeddedStore): { store: GraphStore; seen: { text: number; objects: number } } {
  const seen = { text: 0, objects: 0 };
  const wrapped: GraphStore = Object.create(store) as GraphStore;
  wrapped.applyEncodedBatch = (batch: EncodedBatch) => {
    for (const o of batch.organizations ?? []) {
      if ('text' in o) seen.text++;
      else seen.objects++;
    }
    return store.applyEncodedBatch(batch);
  };
  return { store: wrapped, seen };
}

const desc = (i: number) => `${'반도체 공정 센서 '.repeat(40)}wafer inspection line ${i} ${'x'.repeat(i % 300)}`;

/**
 * ~3,000 profiles (> 2 pieces of 2 MiB, so line numbers must carry across pieces) with bad rows spread through the
 * file, a BOM, CRLF endings, blank lines and rows the schema changes (defaults, trimmed strings, keys reordered).
 */
function organizationsText(): string {
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const row: Record<string, unknown> = { id: `org-${i}`, name: { ko: `기관 ${i}`, en: `Org ${i}` }, type: 'sme', sectors: ['ai'], description: desc(i) };
    if (i % 500 === 7) lines.push('{"id": "broken", ');
    else if (i % 500 === 11) lines.push('["not an object"]');
    else if (i % 500 === 13) lines.push(JSON.stringify({ ...row, type: 'megacorp' }));
    else if (i % 500 === 17) lines.push(JSON.stringify({ ...row, id: 'bad id!', colour: 'red' }));
    else if (i % 500 === 19) lines.push(JSON.stringify({ ...row, id: 'org-3' })); // duplicate of line 4
    else if (i % 500 === 23) lines.push(JSON.stringify({ ...row, region: '  서울  ' })); // trimmed by the schema
    else if (i % 500 === 29) lines.push(JSON.stringify({ type: row.type, id: row.id, name: row.name })); // keys reordered, defaults added
    else if (i % 500 === 31) lines.push('   ');
    else lines.push(JSON.stringify({ ...row, technologies: [], offers: [], needs: [], contacts: [], optedOut: false }));
  }
  return `\ufeff${lines.join('\r\n')}\n`;
}

function collaborationsText(): string {
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    if (i % 9000 === 5) lines.push(JSON.stringify({ a: 'org-1', b: 'nobody', kind: 'mou' }));
    else if (i % 9000 === 6) lines.push(JSON.stringify({ a: 'org-1', b: 'org-1', kind: 'mou' }));
    else if (i % 9000 === 8) lines.push('{"a":"org-1",');
    else lines.push(JSON.stringify({ a: `org-${i % 2990}`, b: `org-${(i * 7 + 1) % 2990}`, kind: i % 2 === 0 ? 'mou' : 'poc', year: 2000 + (i % 20), evidence: `e${i}` }));
  }
  return lines.join('\n');
}

const inputs = (): InputFile[] => [
  { kind: 'organizations', name: 'orgs.jsonl', bytes: enc.encode(organizationsText()) },
  { kind: 'collaborations', name: 'collabs.jsonl', bytes: enc.encode(collaborationsText()) },
];

describe('parsing and validating JSON Lines in worker threads', () => {
  it('gives the same report, the same messages and the same stored records as the main thread', async () => {
    const [a, b, c] = [await freshStore(), await freshStore(), await freshStore()];
    const onMain = await importFiles(a, inputs(), MAIN);
    const inWorkers = await importFiles(b, inputs(), WORKERS);
    expect(inWorkers).toEqual(onMain);
    expect(await importFiles(c, inputs(), PIECES_HERE)).toEqual(onMain);
    expect(await c.allOrganizations()).toEqual(await a.allOrganizations());
    expect(onMain.rejected.length).toBeGreaterThan(20);
    const msgs = onMain.rejected.map(formatRejection);
    // line numbers past the first piece: row i is on line i + 1
    expect(msgs.some((m) => /^orgs\.jsonl:2508: malformed JSON: /.test(m))).toBe(true);
    expect(msgs).toContain('orgs.jsonl:2520 id: duplicate id "org-3" (first at orgs.jsonl:4)');
    expect(msgs).toContain('orgs.jsonl:2512: expected a JSON object');
    expect(msgs.some((m) => m.startsWith('orgs.jsonl:2514 type: ') && m.includes('"megacorp"'))).toBe(true);
    expect(msgs).toContain('orgs.jsonl:2518: unknown field(s) "colour"');
    expect(msgs).toContain('collabs.jsonl:9006 b: unknown organization "nobody"');
    expect(msgs).toContain('collabs.jsonl:9007 b: an organisation cannot collaborate with itself');
    expect(await b.allOrganizations()).toEqual(await a.allOrganizations());
    expect(await b.allCollaborations()).toEqual(await a.allCollaborations());
    expect(await b.partnersOf('org-7' as never)).toEqual(await a.partnersOf('org-7' as never));
  }, 60_000);

  it('finds the same files unchanged again, whichever thread read them first', async () => {
    const store = await freshStore();
    await importFiles(store, inputs(), WORKERS);
    const again = await importFiles(store, inputs(), MAIN);
    expect(again.applied?.organizations).toMatchObject({ created: 0, updated: 0 });
    expect(again.applied?.collaborations.created).toBe(0);
    const third = await importFiles(store, inputs(), WORKERS);
    expect(third.applied).toEqual(again.applied);
    expect((await importFiles(store, inputs(), PIECES_HERE)).applied).toEqual(again.applied);
  }, 60_000);

  it('refuses a file the same way: bad UTF-8 in a later piece (with its line), a NUL byte, a blank file', async () => {
    const text = organizationsText();
    const cut = text.indexOf('\n', Math.floor(text.length * 0.8)) + 1; // a line well past the first piece
    const bad = new Uint8Array([...enc.encode(text.slice(0, cut)), 0xff, 0xfe, ...enc.encode(`\n${text.slice(cut)}`)]);
    const nul = new Uint8Array([...enc.encode(text), 0]);
    const files: InputFile[] = [
      { kind: 'organizations', name: 'bad-utf8.jsonl', bytes: bad },
      { kind: 'organizations', name: 'nul.jsonl', bytes: nul },
      { kind: 'organizations', name: 'blank.jsonl', bytes: enc.encode('\n \n\t\n') },
    ];
    const onMain = await importFiles(await freshStore(), files, MAIN);
    const inWorkers = await importFiles(await freshStore(), files, WORKERS);
    expect(inWorkers).toEqual(onMain);
    expect(await importFiles(await freshStore(), files, PIECES_HERE)).toEqual(onMain);
    expect(onMain.rejected.map(formatRejection)).toEqual([
      expect.stringMatching(/^bad-utf8\.jsonl: the file is not UTF-8 text \(binary or another encoding; line \d{4}\)$/),
      'blank.jsonl: the file is empty',
      'nul.jsonl: this is a binary file, not JSON, JSON Lines or CSV text',
    ]);
    expect(onMain.landed).toBe(false);
  }, 60_000);

  it('reads a small file line by line, and a large one in pieces whose organisations reach the store as text', async () => {
    const small = recording(await freshStore());
    const r = await importFiles(small.store, inputs(), { threads: 2, threadMinBytes: 64 * 2 ** 20 });
    const accepted = r.files[0]?.accepted ?? 0;
    expect(accepted).toBeGreaterThan(2900);
    expect(small.seen).toEqual({ text: 0, objects: accepted });
    const large = recording(await freshStore());
    await importFiles(large.store, inputs(), { threads: 2, threadMinBytes: 2 ** 20 });
    expect(large.seen).toEqual({ text: accepted, objects: 0 });
    const largeHere = recording(await freshStore());
    await importFiles(largeHere.store, inputs(), { threads: 0, threadMinBytes: 2 ** 20 });
    expect(largeHere.seen).toEqual({ text: accepted, objects: 0 });
  }, 60_000);
});

describe('parsePiece', () => {
  it("keeps a row's own bytes when they already are its value, and serialises it again when the schema changed it", () => {
    const exact = '{"id":"a","name":{"en":"A"},"type":"sme","sectors":[],"description":"","technologies":[],"offers":[],"needs":[],"contacts":[],"optedOut":false}';
    const defaults = '{"id":"b","name":{"en":"B"},"type":"sme"}';
    const piece = enc.encode(`\ufeff${exact}\n${defaults}\n`);
    const r = parsePiece('organizations', piece, true);
    expect(r.rows).toBe(2);
    const text = (i: number) => {
      const start = r.textStart[i] as number;
      return new TextDecoder().decode(start >= 0 ? r.piece.subarray(start, r.textEnd[i]) : r.extra.subarray(~start, r.textEnd[i]));
    };
    expect(r.textStart[0]).toBeGreaterThanOrEqual(0);
    expect(text(0)).toBe(exact);
    expect(r.textStart[1]).toBeLessThan(0);
    expect(JSON.parse(text(1))).toEqual({ id: 'b', name: { en: 'B' }, type: 'sme', sectors: [], description: '', technologies: [], offers: [], needs: [], contacts: [], optedOut: false });
  });
});

describe('a row that repeats its id key', () => {
  it('is stored under the id JSON.parse gives (the last), and is found by it after the store reopens', async () => {
    const row = (id: string) => `"name":{"en":"N"},"type":"sme","sectors":[],"description":"","technologies":[],"offers":[],"needs":[],"contacts":[],"optedOut":false}`.replace(/^/, `{"id":"${id}",`);
    const text = `${row('plain')}\n{"id":"dup-a",${row('dup-b').slice(1)}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-import-dup-id-'));
    const store = await EmbeddedStore.open({ dataDir: dir });
    await importFiles(store, [{ kind: 'organizations', name: 'dup.jsonl', bytes: enc.encode(text) }], PIECES_HERE);
    await store.close();
    const reopened = await EmbeddedStore.open({ dataDir: dir });
    stores.push(reopened);
    expect((await reopened.listOrganizations()).map((o) => o.id)).toEqual(['dup-b', 'plain']);
    expect((await reopened.getOrganization(asOrgId('dup-b')))?.name).toEqual({ en: 'N' });
    expect(await reopened.getOrganization(asOrgId('dup-a'))).toBeUndefined();
  });
});

describe('the import worker pool', () => {
  it('answers a piece sent to a started thread exactly as parsePiece does here', async () => {
    const pool = startParsePool(2);
    try {
      await pool.started();
      const bytes = enc.encode(organizationsText());
      const piece = bytes.slice(0, bytes.lastIndexOf(10, 2 ** 20) + 1);
      const here = parsePiece('organizations', piece.slice(), true);
      const there = await Promise.all([pool.parse({ kind: 'organizations', piece: piece.slice(), firstOfFile: true }), pool.parse({ kind: 'organizations', piece: piece.slice(), firstOfFile: true })]);
      expect(here.acceptedLines.length).toBeGreaterThan(500);
      expect(there[0]).toEqual(here);
      expect(there[1]).toEqual(here);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
