import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the installed command', () => {
  // The README's promise: after `npm ci` (whose `prepare` builds dist/), `npx innomatch …` runs the CLI. tsc writes
  // dist/cli/bin.js without the executable bit, so the build sets it; without it the shell answers "Permission denied".
  it('runs as `npx innomatch` from the built package', () => {
    const r = spawnSync('npx', ['--no-install', 'innomatch', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr, 'is dist/ built (npm run build), with an executable bin?').toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: innomatch');
    for (const command of ['ingest', 'match', 'search', 'eval', 'digest', 'serve']) expect(r.stdout).toContain(command);
  });
});
