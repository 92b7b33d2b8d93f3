import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CollaborationSchema,
  DEFAULT_SECTORS,
  ORGANIZATION_TYPES,
  OrganizationSchema,
  ProgrammeSchema,
  type Collaboration,
  type Organization,
  type Programme,
} from '../../src/domain/index.js';

const SAMPLE_DIR = fileURLToPath(new URL('../../data/sample/', import.meta.url));
const SEED_SOURCE = 'i-CON conference 2020 press release (seed)';
const FICTIONAL_SOURCE = 'fictional sample profile';

/** Parses every non-blank line of a JSONL file with the schema; a bad row fails with its line number. */
function loadJsonl<T>(file: string, parse: (row: unknown) => T): T[] {
  const lines = readFileSync(SAMPLE_DIR + file, 'utf8').split('\n');
  const rows: T[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      rows.push(parse(JSON.parse(line)));
    } catch (err) {
      throw new Error(`${file}:${i + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return rows;
}

const orgs: Organization[] = loadJsonl('organizations.jsonl', (r) => OrganizationSchema.parse(r));
const collaborations: Collaboration[] = loadJsonl('collaborations.jsonl', (r) => CollaborationSchema.parse(r));
const programmes: Programme[] = loadJsonl('programmes.jsonl', (r) => ProgrammeSchema.parse(r));
const byId = new Map<string, Organization>(orgs.map((o) => [o.id, o]));

function org(id: string): Organization {
  const o = byId.get(id);
  if (!o) throw new Error(`organisation "${id}" is missing`);
  return o;
}

const HANGUL = /[\uAC00-\uD7A3\u3131-\u318E]/u;
const LATIN = /[A-Za-z]/;
const textOf = (o: Organization): string[] => [o.description, ...o.technologies, ...o.offers, ...o.needs];
const isKoreanOnly = (o: Organization): boolean =>
  o.name.ko !== undefined && o.name.en === undefined && textOf(o).some((t) => HANGUL.test(t)) && !textOf(o).some((t) => LATIN.test(t));
const isEnglishOnly = (o: Organization): boolean =>
  o.name.en !== undefined && o.name.ko === undefined && textOf(o).some((t) => LATIN.test(t)) && !textOf(o).some((t) => HANGUL.test(t));
const isMixed = (o: Organization): boolean =>
  o.name.ko !== undefined &&
  o.name.en !== undefined &&
  [...o.offers, ...o.needs].some((t) => HANGUL.test(t)) &&
  [...o.offers, ...o.needs].some((t) => LATIN.test(t) && !HANGUL.test(t));

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
const hasTie = (a: string, b: string, kinds?: readonly string[]): boolean =>
  collaborations.some((c) => pairKey(c.a, c.b) === pairKey(a, b) && (kinds === undefined || kinds.includes(c.kind)));
const joined = (xs: readonly string[]): string => xs.join(' | ').toLowerCase();

/** The organisations the seed press release names (G-Tech's packaging partner is unnamed there, hence fictional). */
const SEED_ORGS = {
  kt: 'large_company',
  'korea-startup-forum': 'association',
  'gtech-intl': 'sme',
  'daesun-brewery': 'sme',
  wizcore: 'sme',
  autonics: 'sme',
  'yonsei-univ': 'university',
  kova: 'association',
  koreabio: 'association',
  innobiz: 'association',
  'ms-korea': 'large_company',
  snu: 'university',
  etri: 'research_institute',
  kibo: 'investor',
  kanc: 'research_institute',
  cstem: 'startup',
  mss: 'public_agency',
  tipa: 'public_agency',
} as const;
const PACKAGING_CO = 'nuripack';

describe('sample network: files and schema', () => {
  it('parses every row and has enough of everything', () => {
    expect(orgs.length).toBeGreaterThanOrEqual(70);
    expect(collaborations.length).toBeGreaterThanOrEqual(60);
    expect(programmes.length).toBeGreaterThanOrEqual(6);
  });

  it('uses unique organisation and programme ids and no duplicate collaboration rows', () => {
    expect(byId.size).toBe(orgs.length);
    expect(new Set(programmes.map((p) => p.id)).size).toBe(programmes.length);
    const keys = collaborations.map((c) => `${pairKey(c.a, c.b)}|${c.kind}|${c.year ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('covers all eight organisation types and all four default sectors', () => {
    expect(new Set(orgs.map((o) => o.type))).toEqual(new Set(ORGANIZATION_TYPES));
    const sectors = new Set(orgs.flatMap((o) => o.sectors));
    for (const s of DEFAULT_SECTORS) expect(sectors, s).toContain(s);
    for (const o of orgs) expect(o.sectors.length, o.id).toBeGreaterThan(0);
  });

  it('has Korean-only, English-only and mixed-language profiles', () => {
    expect(orgs.filter(isKoreanOnly).length).toBeGreaterThanOrEqual(5);
    expect(orgs.filter(isEnglishOnly).length).toBeGreaterThanOrEqual(5);
    expect(orgs.filter(isMixed).length).toBeGreaterThanOrEqual(10);
  });

  it('gives every profile offers or needs, and only example contact addresses and https websites', () => {
    for (const o of orgs) {
      expect(o.offers.length + o.needs.length, o.id).toBeGreaterThan(0);
      if (o.website !== undefined) expect(o.website, o.id).toMatch(/^https:\/\//);
      expect(o.contacts.length, o.id).toBeGreaterThanOrEqual(1);
      // Reserved example domains only (RFC 2606), so a digest run on sample data can never reach a real inbox.
      for (const c of o.contacts) expect(c.email, o.id).toMatch(/@([a-z0-9-]+\.)*example\.(com|org|net)$/);
    }
    expect(orgs.some((o) => o.contacts.some((c) => !c.digest))).toBe(true);
    expect(orgs.some((o) => o.contacts.some((c) => c.locale === 'en'))).toBe(true);
    const optedOut = orgs.filter((o) => o.optedOut);
    expect(optedOut.length).toBeGreaterThanOrEqual(1);
    expect(optedOut.length).toBeLessThanOrEqual(3);
    for (const o of optedOut) expect(Object.keys(SEED_ORGS)).not.toContain(o.id);
  });

  it('references only existing organisations from collaborations and programmes', () => {
    for (const c of collaborations) {
      expect(byId.has(c.a), `${c.a} (collaboration)`).toBe(true);
      expect(byId.has(c.b), `${c.b} (collaboration)`).toBe(true);
      expect(c.year, pairKey(c.a, c.b)).toBeGreaterThanOrEqual(2019);
      expect(c.year, pairKey(c.a, c.b)).toBeLessThanOrEqual(2026);
    }
    for (const p of programmes) {
      expect(p.participants.length, p.id).toBeGreaterThan(1);
      for (const id of p.participants) expect(byId.has(id), `${id} (programme ${p.id})`).toBe(true);
    }
  });
});

describe('sample network: provenance', () => {
  it('marks every organisation as either from the seed or fictional', () => {
    for (const o of orgs) {
      const fromSeed = Object.hasOwn(SEED_ORGS, o.id);
      if (fromSeed) expect(o.source, o.id).toContain(SEED_SOURCE);
      else expect(o.source, o.id).toMatch(new RegExp(`^${FICTIONAL_SOURCE}`));
    }
    expect(org(PACKAGING_CO).source).toContain(SEED_SOURCE); // fictional stand-in, and says whom it stands in for
  });

  it('marks every collaboration and programme as seed-backed or fictional', () => {
    for (const c of collaborations) expect(c.evidence ?? '', pairKey(c.a, c.b)).toMatch(/\(seed|fictional/);
    for (const p of programmes) expect(p.description, p.id).toMatch(/\(seed\)|[Ff]ictional/);
  });
});

describe('sample network: what the seed names', () => {
  it('has every seed organisation with its type', () => {
    for (const [id, type] of Object.entries(SEED_ORGS)) expect(org(id).type, id).toBe(type);
    expect(org(PACKAGING_CO).type).toBe('sme');
  });

  it('has the four sector hosts', () => {
    expect(org('kova').sectors).toContain('system_semiconductor');
    expect(org('koreabio').sectors).toContain('bio_health');
    expect(org('korea-startup-forum').sectors).toContain('ai');
    expect(org('innobiz').sectors).toContain('smart_manufacturing');
  });

  it("states the seed's facts in the profiles", () => {
    const kt = joined(org('kt').offers);
    for (const term of ['유동인구', '소비', '배달', 'startup']) expect(kt, term).toContain(term);
    const gtech = joined(org('gtech-intl').offers);
    for (const term of ['중량', 'weight sensor', 'technology transfer']) expect(gtech, term).toContain(term);
    expect(joined(org(PACKAGING_CO).needs)).toMatch(/weighing|중량/);
    const daesun = joined(org('daesun-brewery').needs);
    for (const term of ['5g', '공병', '머신 비전', '이미지']) expect(daesun, term).toContain(term);
    expect(joined(org('wizcore').offers)).toContain('5g');
    expect(joined(org('autonics').offers)).toMatch(/머신비전|machine vision/);
    expect(joined(org('yonsei-univ').offers)).toContain('클라우드 기반 이미지 학습');
  });

  it("has the seed's partnerships", () => {
    expect(hasTie('kt', 'korea-startup-forum', ['mou'])).toBe(true);
    expect(collaborations.find((c) => pairKey(c.a, c.b) === pairKey('kt', 'korea-startup-forum'))?.year).toBe(2020);
    expect(hasTie('gtech-intl', PACKAGING_CO, ['tech_transfer'])).toBe(true);
    const consortium = ['poc', 'joint_rnd'];
    for (const partner of ['wizcore', 'autonics', 'yonsei-univ']) {
      expect(hasTie(partner, 'daesun-brewery', consortium), partner).toBe(true);
    }
    expect(hasTie('wizcore', 'autonics', consortium)).toBe(true);
    expect(hasTie('wizcore', 'yonsei-univ', consortium)).toBe(true);
    const tf = programmes.find((p) => p.id === 'icon-5g-smart-factory-tf-2020');
    expect(new Set(tf?.participants)).toEqual(new Set(['daesun-brewery', 'wizcore', 'autonics', 'yonsei-univ']));
    expect(programmes.some((p) => p.id === 'icon-conference-2020' && p.year === 2020)).toBe(true);
  });

  it('keeps the leave-one-out cases honest: no distractor is already tied to the seed demanders', () => {
    const daesunPartners = collaborations
      .filter((c) => c.a === 'daesun-brewery' || c.b === 'daesun-brewery')
      .map((c) => (c.a === 'daesun-brewery' ? c.b : c.a));
    expect(new Set(daesunPartners)).toEqual(new Set(['wizcore', 'autonics', 'yonsei-univ']));
    const gtechPartners = collaborations.filter((c) => c.a === 'gtech-intl' || c.b === 'gtech-intl');
    expect(gtechPartners).toHaveLength(1);
    // Distractors exist: other vision, 5G, MES and image-data suppliers, and other data providers besides KT.
    for (const id of ['visionx', 'deepcheck', 'telenix', 'factoryflow', 'labelworks', 'hangaram-univ', 'saebit-card', 'bareum-scales', 'pikomems']) {
      expect(byId.has(id), id).toBe(true);
    }
  });
});
