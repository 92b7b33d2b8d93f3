import { describe, expect, it } from 'vitest';
import { lineProgress, terminalProgress, type ProgressCounts } from '../../src/jobs/progress.js';
import { createThrottle, parseRate } from '../../src/jobs/throttle.js';

describe('parseRate', () => {
  it('reads messages per second, minute or hour', () => {
    expect(parseRate('10/s')).toBe(10);
    expect(parseRate('600/min')).toBe(10);
    expect(parseRate('3600/h')).toBe(1);
    expect(parseRate('0.5/sec')).toBe(0.5);
    expect(parseRate('unlimited')).toBe(Infinity);
  });

  it('names the flag and the expected form for anything else', () => {
    for (const bad of ['10', 'ten/s', '0/s', '10/d', '-1/s', '20000/s']) {
      expect(() => parseRate(bad, '--rate'), bad).toThrow(/^--rate: ".*" is not a rate such as 10\/s/);
    }
  });
});

describe('createThrottle', () => {
  it('spaces messages evenly at the rate, without a burst after an idle stretch', async () => {
    let now = 0;
    const sent: number[] = [];
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const throttle = createThrottle(4, clock);
    for (let i = 0; i < 4; i++) {
      await throttle.wait();
      sent.push(now);
    }
    expect(sent).toEqual([0, 250, 500, 750]);
    now = 5000; // idle for a while
    await throttle.wait();
    await throttle.wait();
    expect(now).toBe(5250);
  });
});

describe('progress', () => {
  const counts = (done: number, total = 20): ProgressCounts => ({ done, total, sent: done, skipped: 0, failed: 0, inDoubt: 0, planned: 0 });

  it('prints a plain line per tenth of the work and one at the end', () => {
    const lines: string[] = [];
    const p = lineProgress('digest 2026-W48', (s) => lines.push(s));
    for (let i = 1; i <= 20; i++) p.update(counts(i));
    p.finish(counts(20));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('digest 2026-W48: 2/20  sent 2  skipped 0  failed 0  in doubt 0');
    expect(lines.at(-1)).toBe('digest 2026-W48: 20/20  sent 20  skipped 0  failed 0  in doubt 0');
  });

  it('redraws one bar in place on a terminal', () => {
    let out = '';
    let t = 0;
    const p = terminalProgress('digest', (s) => void (out += s), () => (t += 50));
    for (let i = 1; i <= 20; i++) p.update(counts(i));
    p.finish(counts(20));
    expect(out.split('\r').length).toBeGreaterThan(2);
    expect(out).toMatch(/\r\S+ \[#{24}\] 20\/20 {2}sent 20/);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('says a stage without counts once, on its own line, in both forms', () => {
    const lines: string[] = [];
    lineProgress('digest 2026-W48', (s) => lines.push(s)).stage('ranking suggestions for 3 organisation(s)');
    expect(lines).toEqual(['digest 2026-W48: ranking suggestions for 3 organisation(s)']);
    let out = '';
    terminalProgress('digest', (s) => void (out += s)).stage('ranking suggestions for 3 organisation(s)');
    expect(out).toBe('digest: ranking suggestions for 3 organisation(s)\n');
  });
});
