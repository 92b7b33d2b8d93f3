/**
 * `innomatch match`, `search` and `team` on the sample network (data/sample), driven in-process through the
 * program as a user would type it. JSON output is checked against the API's response schemas, so the CLI and
 * the API cannot drift apart.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatchListSchema, SearchResultSchema, TeamResultSchema } from '../../src/api/responses-matching.js';
import { PACKAGE_DATA_DIR } from '../../src/root.js';
import { cli as runInProcess } from '../fixtures/cli.js';

const SAMPLE = join(PACKAGE_DATA_DIR, 'sample');
const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(join(SAMPLE, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Daesun Brewery's partners in the sample: the 5G smart-factory PoC of the seed document. */
const DAESUN_PARTNERS = ['wizcore', 'autonics', 'yonsei-univ'];

let dataDir: string;
/** Every id the sample says Daesun Brewery has worked with (collaborations), whatever the kind. */
let daesunPartners: Set<string>;
let regionOf: Map<string, string | undefined>;

const cli = (env: Record<string, string>, ...argv: string[]) => runInProcess(dataDir, argv, env);
const run = (...argv: string[]) => cli({}, ...argv);

beforeAll(async () => {
  dataDir = join(mkdtempSync(join(tmpdir(), 'innomatch-cli-match-')), 'var');
  const files = ['organizations', 'collaborations', 'programmes'].flatMap((f) => [`--${f}`, join(SAMPLE, `${f}.jsonl`)]);
  const r = await run('ingest', ...files);
  if (r.code !== 0) throw new Error(`test: ingesting the sample failed: ${r.err}`);
  daesunPartners = new Set(
    lines('collaborations.jsonl').flatMap((c) => (c.a === 'daesun-brewery' ? [String(c.b)] : c.b === 'daesun-brewery' ? [String(c.a)] : [])),
  );
  regionOf = new Map(lines('organizations.jsonl').map((o) => [String(o.id), o.region as string | undefined]));
});

describe('innomatch match', () => {
  it('gives the API shape in JSON: the top 5 new partners, best first, each with components and a two-sided explanation', async () => {
    const r = await run('match', 'daesun-brewery', '--limit', '5', '--json');
    expect(r.code).toBe(0);
    const raw = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(raw)).toEqual(['organization', 'modelVersion', 'matches']);
    const body = MatchListSchema.parse(raw); // strict: no field beyond the API's allow-list
    expect(body.organization).toBe('daesun-brewery');
    expect(body.modelVersion).not.toBe('');
    expect(body.matches).toHaveLength(5);
    for (const m of body.matches) {
      expect(Object.keys(m)).toEqual(['id', 'name', 'type', 'score', 'components', 'explanation']);
      expect(m.explanation?.whyThem.en).not.toBe('');
      expect(m.explanation?.whyYou.ko).not.toBe('');
    }
    const scores = body.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // existing partners are left out by default: the brewery already worked with all three PoC partners
    expect(daesunPartners).toEqual(new Set(DAESUN_PARTNERS));
    expect(body.matches.filter((m) => daesunPartners.has(m.id))).toEqual([]);
  });

  it('with --include-existing the PoC partners come back, and they are its top 3 (need → offer fit plus shared ties)', async () => {
    const r = await run('match', 'daesun-brewery', '--limit', '5', '--include-existing', '--json');
    expect(r.code).toBe(0);
    const ids = MatchListSchema.parse(JSON.parse(r.out)).matches.map((m) => m.id);
    expect(ids.slice(0, 3).sort()).toEqual([...DAESUN_PARTNERS].sort());
  });

  it('prints a ranked table with score, type, name and why, in English by default and in Korean by LANG or --lang', async () => {
    const en = await run('match', 'daesun-brewery', '--limit', '5', '--include-existing');
    expect(en.code).toBe(0);
    const enLines = en.out.trimEnd().split('\n');
    expect(enLines[0]).toMatch(/^Matches for Daesun Brewery \(daesun-brewery\) \(model .+\)$/);
    expect(enLines[1]).toMatch(/^#\s+score\s+type\s+name\s+why them for you$/);
    expect(enLines).toHaveLength(2 + 5);
    const wizcore = enLines.find((l) => l.includes('Wizcore'));
    // an existing partner (listed with --include-existing) is marked as one, with what they did together
    expect(wizcore).toMatch(/^\d\s+0\.\d{3}\s+SME\s+Wizcore\s+\[already partners: poc\] Wizcore offers “5G 연계 스마트공장 시스템” for your need “5G 스마트공장 전환”/);

    const ko = await cli({ LANG: 'ko_KR.UTF-8' }, 'match', 'daesun-brewery', '--limit', '5', '--include-existing');
    expect(ko.out).toContain('대선주조 (daesun-brewery)의 추천 상대');
    expect(ko.out).toMatch(/중소기업\s+위즈코어\s+\[이미 협력 중: poc\] 위즈코어는 귀 기관의 수요 ‘5G 스마트공장 전환’에 맞는/);
    const forced = await cli({ LANG: 'ko_KR.UTF-8' }, 'match', 'daesun-brewery', '--limit', '5', '--lang', 'en');
    expect(forced.out).toContain('Matches for Daesun Brewery');
  });

  it('applies --types, --sectors and --region', async () => {
    const typed = MatchListSchema.parse(JSON.parse((await run('match', 'daesun-brewery', '--types', 'startup,university', '--json')).out));
    expect(typed.matches.length).toBeGreaterThan(0);
    expect(typed.matches.every((m) => m.type === 'startup' || m.type === 'university')).toBe(true);

    const bioOnly = await run('match', 'kt', '--sectors', 'bio_health', '--limit', '50', '--json');
    const bio = new Set(lines('organizations.jsonl').filter((o) => (o.sectors as string[]).includes('bio_health')).map((o) => String(o.id)));
    const bioIds = MatchListSchema.parse(JSON.parse(bioOnly.out)).matches.map((m) => m.id);
    expect(bioIds.length).toBeGreaterThan(0);
    expect(bioIds.filter((id) => !bio.has(id))).toEqual([]);

    const busan = MatchListSchema.parse(JSON.parse((await run('match', 'daesun-brewery', '--region', '부산', '--limit', '50', '--json')).out));
    expect(busan.matches.length).toBeGreaterThan(0);
    expect(busan.matches.every((m) => regionOf.get(m.id) === '부산')).toBe(true);
  });
});

describe('innomatch search', () => {
  it('finds Wizcore and Autonics first for a Korean need, with the profile phrases that matched', async () => {
    const r = await run('search', '5G 스마트공장 머신비전', '--limit', '5', '--json');
    expect(r.code).toBe(0);
    const body = SearchResultSchema.parse(JSON.parse(r.out));
    expect(body.query).toBe('5G 스마트공장 머신비전');
    expect(body.results.slice(0, 2).map((h) => h.id).sort()).toEqual(['autonics', 'wizcore']);
    const autonics = body.results.find((h) => h.id === 'autonics');
    expect(autonics?.explanation.matched.flatMap((m) => m.phrases)).toContain('머신비전 카메라와 비전 센서');

    const text = await run('search', '5G 스마트공장 머신비전', '--limit', '3', '--types', 'sme');
    expect(text.out).toMatch(/^Search: "5G 스마트공장 머신비전"/);
    expect(text.out).toMatch(/\n1\s+0\.\d{3}\s+SME\s+Wizcore\s+5G 연계 스마트공장 시스템/);
  });
});

describe('innomatch team', () => {
  it("builds Daesun Brewery's consortium: each member with the needs it covers (need ← offer) and why", async () => {
    const r = await run('team', 'daesun-brewery', '--json');
    expect(r.code).toBe(0);
    const body = TeamResultSchema.parse(JSON.parse(r.out));
    const members = body.members.map((m) => m.id);
    expect(members).toEqual(expect.arrayContaining(DAESUN_PARTNERS));
    expect(members.length).toBeGreaterThanOrEqual(2);
    expect(members.length).toBeLessThanOrEqual(4);
    for (const m of body.members) expect(m.explanation.reason.en).not.toBe('');
    // every covered need names a member, and that member lists the need among what it covers
    for (const n of body.needs.filter((x) => x.coveredBy !== undefined)) {
      const by = body.members.find((m) => m.id === n.coveredBy);
      expect(by?.explanation.covers.map((c) => c.need)).toContain(n.need);
    }
    expect(body.coverage).toBeGreaterThan(0.5);

    const text = await run('team', 'daesun-brewery');
    expect(text.out).toMatch(/^Consortium for Daesun Brewery \(daesun-brewery\)/);
    expect(text.out).toContain('covers: 5G 스마트공장 전환 ← 5G 연계 스마트공장 시스템');
    expect(text.out).toContain('Autonics (autonics, SME)');
  });

  it('builds a team around free-text needs', async () => {
    const r = await run('team', '--needs', 'clinical validation; GMP manufacturing', '--json');
    expect(r.code).toBe(0);
    const body = TeamResultSchema.parse(JSON.parse(r.out));
    expect(body.needs.map((n) => n.need)).toEqual(['clinical validation', 'GMP manufacturing']);
    expect(body.members.length).toBeGreaterThan(0);
  });
});

describe('bad input: a clear message and a non-zero exit', () => {
  it.each([
    [['match', 'nobody'], 3, 'organization "nobody" does not exist'],
    [['team', 'nobody'], 3, 'organization "nobody" does not exist'],
    [['match', 'Not An Id!'], 2, '<id>: must be a slug'],
    [['match', 'daesun-brewery', '--limit', '0'], 2, '--limit: must be between 1 and 50'],
    [['match', 'daesun-brewery', '--limit', '51'], 2, '--limit: must be between 1 and 50'],
    [['search', 'smart factory', '--limit', 'ten'], 2, '--limit: must be a whole number'],
    [['match', 'daesun-brewery', '--types', 'sme,giant'], 2, '--types: unknown type "giant" (expected one of: large_company, sme,'],
    [['search', 'smart factory', '--sectors', 'ai,spaceflight'], 2, '--sectors: unknown sector "spaceflight" (expected one of: ai, bio_health,'],
    [['match', 'daesun-brewery', '--sectors', 'Bio Health'], 2, '--sectors: unknown sector "Bio Health"'],
    [['match', 'daesun-brewery', '--lang', 'fr'], 2, '--lang: '],
    [['search', '   '], 2, '<text>: must not be empty'],
    [['team'], 2, 'team: give an organization <id> or --needs "<text>"'],
    [['team', 'daesun-brewery', '--needs', 'packaging'], 2, 'team: give an organization <id> or --needs "<text>", not both'],
    [['team', '--needs', ' '], 2, '--needs: must not be empty'],
  ])('%j → exit %i', async (argv, code, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(`innomatch: ${message}`);
    expect(r.out).toBe('');
  });
});
