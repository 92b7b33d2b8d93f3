/**
 * Writes a train-internal validation benchmark, so the engine can be tuned without looking at the test file:
 *
 *   npx tsx scripts/eval/validation-split.ts --organizations orgs.jsonl --train train.jsonl --out dir [--later 0.3]
 *   innomatch eval --organizations dir/organizations.jsonl --train dir/collaborations.train.jsonl --test dir/collaborations.test.jsonl
 *
 * The newest `--later` share of the train evidence groups (projects) becomes the test; organisations keep only
 * the description sentences of their earlier projects (see `descriptionsFromGroups`: on ECSEL a description is
 * built from all train-period projects, so the later projects' text would leak into text similarity), and only
 * organisations with an earlier collaboration are kept (as the benchmark keeps only organisations with history).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CollaborationSchema, OrganizationSchema } from '../../src/domain/index.js';
import { descriptionsFromGroups, splitByGroup } from '../../src/match/eval/validation.js';
import { writeFileDurably } from '../../src/store/embedded/durable-file.js';

const { values } = parseArgs({
  options: { organizations: { type: 'string' }, train: { type: 'string' }, out: { type: 'string' }, later: { type: 'string', default: '0.3' } },
});
if (values.organizations === undefined || values.train === undefined || values.out === undefined) {
  console.error('usage: validation-split.ts --organizations <file> --train <file> --out <dir> [--later 0.3]');
  process.exit(2);
}
const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
const organizations = (await lines(values.organizations)).map((o) => OrganizationSchema.parse(o));
const train = (await lines(values.train)).map((c) => CollaborationSchema.parse(c));
const split = splitByGroup(train, Number(values.later));
const withHistory = new Set(split.earlier.flatMap((c) => [c.a as string, c.b as string]));
const rebuilt = descriptionsFromGroups(organizations, train, split.earlierGroups).filter((o) => withHistory.has(o.id));
const jsonl = (rows: readonly unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`);
await writeFileDurably(join(values.out, 'organizations.jsonl'), jsonl(rebuilt));
await writeFileDurably(join(values.out, 'collaborations.train.jsonl'), jsonl(split.earlier));
await writeFileDurably(join(values.out, 'collaborations.test.jsonl'), jsonl(split.later.filter((c) => withHistory.has(c.a) && withHistory.has(c.b))));
console.log(
  `${split.earlierGroups.size} earlier and ${split.laterGroups.size} later evidence groups; ${rebuilt.length} organisations with history; ` +
    `${split.earlier.length} earlier and ${split.later.length} later collaborations → ${values.out}`,
);
