#!/usr/bin/env node
// Builds the Neo4j launcher (Maven) when target/ is missing or older than its sources; `--force` always builds.
// CI runs it before the tests so the first test run does not spend its hook time downloading Neo4j.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLauncherBuilt } from './start.mjs';

if (process.argv.includes('--force')) rmSync(join(import.meta.dirname, 'target', '.built'), { force: true });
const started = Date.now();
try {
  ensureLauncherBuilt({ log: (line) => console.error(line) });
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
console.log(`neo4j launcher: up to date (${Date.now() - started} ms)`);
