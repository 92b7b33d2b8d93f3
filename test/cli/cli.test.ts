import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandIn, runCli } from '../../src/cli/main.js';
import { cli as runInProcess } from '../fixtures/cli.js';

const cli = (dataDir: string, ...argv: string[]) => runInProcess(dataDir, argv);

function files(): { dir: string; orgs: string; collabs: string } {
  const dir = mkdtempSync(join(tmpdir(), 'innomatch-cli-'));
  const orgs = join(dir, 'orgs.jsonl');
  const collabs = join(dir, 'collabs.jsonl');
  writeFileSync(
    orgs,
    [
      { id: 'kt', name: { ko: 'KT', en: 'KT Corporation' }, type: 'large_company', sectors: ['ai'], region: '경기', contacts: [{ name: '김', email: 'kim@example.kr' }] },
      { id: 'ksf', name: { ko: '코리아스타트업포럼' }, type: 'association', sectors: ['ai'] },
      { id: 'wizcore', name: { en: 'Wizcore' }, type: 'sme', sectors: ['smart_manufacturing'] },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n'),
  );
  writeFileSync(collabs, JSON.stringify({ a: 'kt', b: 'ksf', kind: 'mou', year: 2020 }));
  return { dir, orgs, collabs };
}

describe('innomatch CLI', () => {
  it('ingests files, then stats shows the counts; ingesting again changes nothing', async () => {
    const f = files();
    const data = join(f.dir, 'var');
    const first = await cli(data, 'ingest', '--organizations', f.orgs, '--collaborations', f.collabs);
    expect(first.code).toBe(0);
    expect(first.out).toContain('organizations: 3 created');
    const again = await cli(data, 'ingest', '--organizations', f.orgs, '--collaborations', f.collabs, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).applied.organizations).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const stats = await cli(data, 'stats', '--json');
    expect(JSON.parse(stats.out)).toMatchObject({ store: 'embedded', organizations: 3, collaborations: 1, byType: { large_company: 1, association: 1, sme: 1 }, bySector: { ai: 2, smart_manufacturing: 1 } });
    const text = await cli(data, 'stats');
    expect(text.out).toMatch(/organizations: 3\s+collaborations: 1/);
  });

  it('exits non-zero and prints file:line field: reason for a rejected row', async () => {
    const f = files();
    const bad = join(f.dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"x","name":{"en":"X"},"type":"megacorp"}\n');
    const r = await cli(join(f.dir, 'var'), 'ingest', '--organizations', f.orgs, bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1 type: .*"megacorp"`));
  });

  it('says so when a file does not exist, and writes nothing', async () => {
    const f = files();
    const data = join(f.dir, 'var');
    const r = await cli(data, 'ingest', '--organizations', f.orgs, join(f.dir, 'missing.jsonl'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.jsonl: no such file');
    expect(JSON.parse((await cli(data, 'stats', '--json')).out).organizations).toBe(0);
  });

  it('lists with filters and shows one organisation', async () => {
    const f = files();
    const data = join(f.dir, 'var');
    await cli(data, 'ingest', '--organizations', f.orgs, '--collaborations', f.collabs);
    const list = await cli(data, 'orgs', 'list', '--types', 'sme,association', '--json');
    expect(JSON.parse(list.out).map((o: { id: string }) => o.id)).toEqual(['ksf', 'wizcore']);
    const show = await cli(data, 'orgs', 'show', 'kt');
    expect(show.out).toContain('KT / KT Corporation');
    expect(show.out).toContain('ksf (mou)');
    const missing = await cli(data, 'orgs', 'show', 'nobody');
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('organization "nobody" does not exist');
  });

  it('refuses a bad flag value naming the flag', async () => {
    const f = files();
    const r = await cli(join(f.dir, 'var'), 'orgs', 'list', '--types', 'giant');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--types: unknown type "[a-z]+" \(expected one of: large_company, /);
    const lim = await cli(join(f.dir, 'var'), 'orgs', 'list', '--limit', '-3');
    expect(lim.err).toMatch(/--limit: /);
  });

  it('takes the import thread count from --threads and refuses a bad one before reading anything', async () => {
    const f = files();
    const data = join(f.dir, 'var');
    const bad = await cli(data, 'ingest', '--organizations', f.orgs, '--threads', '-1');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--threads: /);
    expect((await cli(data, 'ingest', '--organizations', f.orgs, '--threads', 'two')).err).toMatch(/--threads: /);
    expect((await cli(data, 'stats', '--json')).err).toContain(`no innomatch store in ${data}`); // not even created
    const ok = await cli(data, 'ingest', '--organizations', f.orgs, '--collaborations', f.collabs, '--threads', '0');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('organizations: 3 created');
  });

  it('refuses a bad NEO4J_URI before touching any store', async () => {
    let err = '';
    const code = await runCli(['stats'], { out: () => undefined, err: (t) => void (err += t) }, { NEO4J_URI: 'http://localhost:7474' });
    expect(code).toBe(78);
    expect(err).toContain('NEO4J_URI: must be a neo4j:// or bolt:// URI');
  });

  it('lists every command in its help, though a run loads only the command it names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'innomatch-cli-'));
    const help = await cli(dir, '--help');
    expect(help.code).toBe(0);
    for (const name of ['ingest', 'orgs', 'stats', 'digest', 'keys', 'serve', 'match', 'search', 'team', 'train', 'eval', 'export-matches', 'demo']) {
      expect(help.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    const own = await cli(dir, 'stats', '--help');
    expect(own.code).toBe(0);
    expect(own.out).toContain('Usage: innomatch stats');
    // a mistyped name still gets commander's suggestion, which needs every command registered
    const typo = await cli(dir, 'stat');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("unknown command 'stat'");
    expect(typo.err).toContain('stats');
  });

  it('finds the command after the global --data-dir and its value', () => {
    expect(commandIn(['--data-dir', 'ingest', 'stats', '--json'])).toBe('stats');
    expect(commandIn(['--data-dir=var', 'orgs', 'show', 'kt'])).toBe('orgs');
    expect(commandIn(['--help'])).toBeUndefined();
  });
});
