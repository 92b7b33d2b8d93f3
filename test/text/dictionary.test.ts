// The dictionary parser, and the real dictionary under data/dictionary checked as data.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/domain/index.js';
import {
  conceptTerm,
  createAnalyzer,
  formatDictionaryIssue,
  parseDictionary,
  validateDictionary,
  type Dictionary,
} from '../../src/text/index.js';

const TAB = '\t';
const row = (...fields: string[]): string => fields.join(TAB);

describe('parseDictionary', () => {
  it('reads the header, comments, blank lines and |-separated variants', () => {
    const dictionary = parseDictionary(
      [
        '# a comment before the header',
        row('concept', 'ko', 'en'),
        '',
        row('ai', '인공지능 | 에이아이', 'AI|artificial intelligence'),
        '  # an indented comment',
        row('fabless', '팹리스', ''),
        row('mems', '', 'MEMS'),
      ].join('\r\n'),
    );
    expect(dictionary.entries).toEqual([
      { concept: 'ai', ko: ['인공지능', '에이아이'], en: ['AI', 'artificial intelligence'], line: 4 },
      { concept: 'fabless', ko: ['팹리스'], en: [], line: 6 },
      { concept: 'mems', ko: [], en: ['MEMS'], line: 7 },
    ]);
  });

  it('reports every bad line with its line number, and keeps the good ones', () => {
    const text = [
      row('concept', 'ko', 'en'), // 1
      row('ai', '인공지능', 'AI'), // 2
      row('Bad Id', '반도체', 'semiconductor'), // 3
      row('two-fields', '센서'), // 4
      row('mixed', 'AI반도체', ''), // 5
      row('hangul-in-en', '', '머신비전'), // 6
      row('short', '칩', ''), // 7
      row('stop-only', '', 'of the'), // 8
      row('empty-variant', '로봇||로보틱스', ''), // 9
      row('nothing', '', ''), // 10
      row('ai', '에이아이', ''), // 11
      row('again', '인공 지능', ''), // 12: same as 인공지능 once spaces are ignored
      row('same-stem', '', 'sensor|sensors'), // 13
      row('spaced-one', '칩 설계', ''), // 14
      row('fine', '팹리스', 'fabless'), // 15
    ].join('\n');
    const { dictionary, issues } = validateDictionary(text);
    expect(issues.map(formatDictionaryIssue)).toEqual([
      'line 3: concept id "Bad Id" must be lower-case ASCII letters and digits joined by "-"',
      'line 4: expected 3 tab-separated fields (concept, ko, en), found 2',
      'line 5: ko variant "AI반도체" must be Hangul syllables and spaces only (Latin variants go in the en column)',
      'line 6: en variant "머신비전" contains Hangul (Korean variants go in the ko column)',
      'line 7: ko variant "칩" is one syllable: too ambiguous to match inside words',
      'line 8: en variant "of the" has no content words (only stop words, numbers or punctuation)',
      'line 9: empty ko variant (check the "|" separators)',
      'line 10: concept "nothing" has no variants',
      'line 11: concept "ai" is already defined on line 2',
      'line 12: variant "인공 지능" already belongs to concept "ai" (line 2, as "인공지능")',
      'line 13: variant "sensors" repeats "sensor" of the same concept (same after normalisation)',
      'line 14: ko variant "칩 설계" has a one-syllable word before a space, which is never matched across; write it solid',
    ]);
    expect(dictionary.entries.map((e) => e.concept)).toEqual(['ai', 'fine']);
  });

  it('requires the header', () => {
    expect(validateDictionary(row('ai', '인공지능', 'AI')).issues.map(formatDictionaryIssue)).toEqual([
      `line 1: expected the header "concept<TAB>ko<TAB>en", found "ai${TAB}인공지능${TAB}AI"`,
    ]);
    expect(validateDictionary('# only a comment\n').issues.map(formatDictionaryIssue)).toEqual([
      'line 1: the dictionary is empty: expected the header "concept<TAB>ko<TAB>en"',
    ]);
  });

  it('throws one CONFIG_INVALID error listing all bad lines', () => {
    const text = [row('concept', 'ko', 'en'), row('BAD', '반도체', ''), row('x', '칩', '')].join('\n');
    let thrown: unknown;
    try {
      parseDictionary(text);
    } catch (e) {
      thrown = e;
    }
    expect(isAppError(thrown)).toBe(true);
    if (!isAppError(thrown)) return;
    expect(thrown.code).toBe('CONFIG_INVALID');
    expect(thrown.issues.map((i) => i.path)).toEqual(['line 2', 'line 3']);
    expect(thrown.message).toContain('line 2: concept id "BAD"');
    expect(thrown.message).toContain('line 3: ko variant "칩" is one syllable');
  });
});

describe('data/dictionary', () => {
  const folder = fileURLToPath(new URL('../../data/dictionary/', import.meta.url));
  const files = readdirSync(folder).filter((f) => f.endsWith('.tsv'));
  const loaded = files.map((file) => ({ file, ...validateDictionary(readFileSync(folder + file, 'utf8')) }));
  const all: Dictionary = { entries: loaded.flatMap((l) => l.dictionary.entries) };

  it('has at least one TSV file', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s parses with no bad lines', (file) => {
    const result = loaded.find((l) => l.file === file);
    expect(result?.issues.map(formatDictionaryIssue)).toEqual([]);
  });

  it('has at least 300 concepts', () => {
    expect(all.entries.length).toBeGreaterThanOrEqual(300);
  });

  it('has no concept id twice and no phrase in two concepts, across all files', () => {
    const ids = all.entries.map((e) => e.concept);
    expect(new Set(ids).size).toBe(ids.length);
    // Independent of the parser's own check: compare variants as plain text, spaces removed, lower case.
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of all.entries) {
      for (const v of [...e.ko, ...e.en]) {
        const key = v.normalize('NFKC').toLowerCase().replace(/[\s-]+/g, '');
        const previous = owner.get(key);
        if (previous !== undefined && previous !== e.concept) clashes.push(`${v}: ${previous} / ${e.concept}`);
        owner.set(key, e.concept);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('covers the four sectors and the showcase partnerships of the seed document', () => {
    const concepts = new Set(all.entries.map((e) => e.concept));
    for (const c of [
      'system-semiconductor', 'bio-health', 'ai', 'smart-manufacturing', // the sectors
      'foot-traffic', 'consumer-spending-data', 'delivery', 'telecom-data', // KT opens telecom big data
      'weight-sensor', 'technology-transfer', 'packaging', 'import-substitution', // the sensor transfer
      '5g', 'smart-factory', 'machine-vision', 'cloud', 'bottle-sorting', // the brewery consortium
    ]) {
      expect(concepts.has(c), c).toBe(true);
    }
  });

  it('lets every variant find its own concept when analysed as text', () => {
    const analyzer = createAnalyzer(all);
    const misses: string[] = [];
    for (const e of all.entries) {
      for (const v of [...e.ko, ...e.en]) if (!analyzer.analyze(v).includes(conceptTerm(e.concept))) misses.push(`${e.concept}: ${v}`);
    }
    expect(misses).toEqual([]);
  });

  it('connects the seed partnerships across languages', () => {
    const analyzer = createAnalyzer(all);
    const shared = (ko: string, en: string): string[] => {
      const a = new Set(analyzer.analyze(ko));
      return [...new Set(analyzer.analyze(en))].filter((t) => a.has(t) && t.startsWith('c:'));
    };
    expect(shared('유동인구 데이터, 소비정보, 배달 데이터', 'foot traffic, consumer spending data and delivery data')).toEqual(
      expect.arrayContaining(['c:foot-traffic', 'c:consumer-spending-data', 'c:delivery']),
    );
    expect(shared('산업용 고정밀 반도체 향 중량센서', 'high-precision weighing sensors for semiconductor packaging')).toEqual(
      expect.arrayContaining(['c:weight-sensor', 'c:sensor', 'c:high-precision', 'c:semiconductor']),
    );
    expect(shared('5G 스마트공장, 머신 비전, 클라우드 기반 이미지 학습, 공병 선별', 'a 5G smart factory with machine vision and cloud image learning for bottle sorting')).toEqual(
      expect.arrayContaining(['c:5g', 'c:smart-factory', 'c:machine-vision', 'c:cloud', 'c:bottle-sorting']),
    );
  });
});
