/**
 * A small temporal benchmark in the ECSEL format, written to a temporary directory: three topical communities
 * (radar, biotech, batteries) of six organisations each; earlier projects inside each community, later ones
 * that bring organisations of the same community together anew (and one across communities).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOPICS = {
  radar: 'automotive radar chips, mmWave antennas and sensor fusion for driver assistance',
  bio: 'biosensors for clinical diagnostics, microfluidic lab on chip and point of care tests',
  battery: 'battery management systems, power electronics and wide bandgap semiconductors',
} as const;

export interface Bench {
  readonly dir: string;
  readonly organizations: string;
  readonly train: string;
  readonly test: string;
}

export function writeBench(): Bench {
  const dir = mkdtempSync(join(tmpdir(), 'innomatch-bench-'));
  const orgs: object[] = [];
  const train: object[] = [];
  const test: object[] = [];
  let project = 100;
  const pairs = (members: string[], into: object[], evidence: string) => {
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) into.push({ a: members[i], b: members[j], kind: 'joint_rnd', evidence });
  };
  for (const [topic, text] of Object.entries(TOPICS)) {
    const ids = Array.from({ length: 6 }, (_, i) => `${topic}-${i}`);
    ids.forEach((id, i) =>
      orgs.push({ id, name: { en: `${topic} org ${i}` }, type: i === 0 ? 'research_institute' : i % 2 === 0 ? 'university' : 'sme', sectors: ['system_semiconductor'], description: `${text}. Organisation ${i} works on ${topic} projects.` }),
    );
    pairs([ids[0]!, ids[1]!, ids[2]!], train, `EU:${project++}(${topic}-A)`);
    pairs([ids[0]!, ids[3]!, ids[4]!], train, `EU:${project++}(${topic}-B)`);
    pairs([ids[0]!, ids[5]!], train, `EU:${project++}(${topic}-C)`);
    pairs([ids[1]!, ids[3]!, ids[5]!], test, `EU:${900 + project}(${topic}-NEW)`);
  }
  test.push({ a: 'radar-2', b: 'bio-4', kind: 'joint_rnd', evidence: 'EU:999(CROSS)' });
  const write = (name: string, rows: object[]) => {
    const path = join(dir, name);
    writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return path;
  };
  return { dir, organizations: write('organizations.jsonl', orgs), train: write('train.jsonl', train), test: write('test.jsonl', test) };
}
