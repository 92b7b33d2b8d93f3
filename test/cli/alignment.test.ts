/** Columns line up on a terminal whatever the script: names stored decomposed (NFD), and the links `npm start` prints. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/output.js';
import { startCli } from '../fixtures/cli-process.js';

describe('a table', () => {
  it('pads a Hangul name spelt in jamo (NFD) exactly as the same name composed (NFC)', () => {
    // 대선주조: each syllable is an initial consonant (wide, 2 columns) and a vowel, sometimes a final consonant (0 columns)
    const names = ['대선주조', '한국전자통신연구원', 'KT'];
    const table = (form: 'NFC' | 'NFD') => formatTable(['name', 'type'], names.map((n) => [n.normalize(form), 'sme']));
    expect(table('NFD')).not.toBe(table('NFC')); // the test is about decomposed text
    expect(table('NFD').normalize('NFC')).toBe(table('NFC'));
  });

  it('gives a combining accent no column of its own', () => {
    const table = (form: 'NFC' | 'NFD') => formatTable(['name', 'type'], [['Café Sàrl'.normalize(form), 'sme'], ['KT', 'large_company']]);
    expect(table('NFD').normalize('NFC')).toBe(table('NFC'));
  });
});

describe('npm start (innomatch demo)', () => {
  it('prints the sign-in links and the API reference in one column', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'innomatch-demo-')), 'var');
    const child = startCli(['--data-dir', data, 'demo', '--port', '0'], { LOG_LEVEL: 'silent' });
    let out = '';
    child.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (t: string) => {
        out += t;
        if (out.includes('(Ctrl-C stops it)')) resolve();
      });
      child.on('close', () => reject(new Error(`demo ended early: ${out}`)));
    });
    const stopped = new Promise((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    const links = out.split('\n').filter((l) => /^ {2}\S.*http:\/\//.test(l));
    expect(links.map((l) => l.replace(/:\s+http.*/, ''))).toEqual(['  member (daesun-brewery)', '  coordinator (smart_manufacturing)', '  admin', '  API reference']);
    expect(new Set(links.map((l) => l.indexOf('http://'))).size).toBe(1);
  }, 60_000);
});
