/**
 * The once-only guarantee against a real crash: `innomatch digest` runs as a child process and is killed with
 * SIGKILL part-way through a week, then run again. Counted at the SMTP server (on loopback, in this process).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleDataDir } from './helpers/sample-data.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './helpers/smtp-sink.js';

const ROOT = join(import.meta.dirname, '../..');
const WEEK = '2026-W48';
const KILL_AT = 20;

interface Summary {
  sent: number;
  skipped: number;
  failed: number;
  inDoubt: number;
  recipients: { email: string; status: string; reason?: string }[];
}

/** Starts `innomatch digest` in a child process (TypeScript through tsx, as `npm run` would). */
function startDigest(dataDir: string, smtpUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', '--data-dir', dataDir, 'digest', '--week', WEEK, '--rate', 'unlimited', '--json'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', SMTP_URL: smtpUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => void (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => void (err += c.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, out, err }));
  return { child, exited };
}

/** Messages per recipient: how many arrived and under how many distinct Message-IDs. */
function perRecipient(messages: readonly ReceivedMail[]): Map<string, { copies: number; ids: Set<string> }> {
  const by = new Map<string, { copies: number; ids: Set<string> }>();
  for (const m of messages) {
    for (const to of m.to) {
      const e = by.get(to) ?? { copies: 0, ids: new Set<string>() };
      e.copies++;
      e.ids.add(m.messageId);
      by.set(to, e);
    }
  }
  return by;
}

describe('digest killed with SIGKILL part-way through a week', () => {
  let smtp: SmtpSink | undefined;
  afterEach(async () => smtp?.close());

  for (const when of ['before', 'after'] as const) {
    it(`completes the week on the rerun, one message per contact (killed ${when} the server acknowledged message ${KILL_AT})`, async () => {
      const dataDir = await sampleDataDir();
      const sink = (smtp = await startSmtpSink());
      const first = startDigest(dataDir, sink.url);
      sink.beforeReply = async (_mail, count) => {
        if (count !== KILL_AT) return;
        if (when === 'before') {
          // The message has arrived, but the sender dies before it hears "250": its record stays pending.
          first.child.kill('SIGKILL');
          await first.exited;
        } else {
          // Acknowledge, then kill as soon as possible: the sender may or may not have recorded it as sent.
          setImmediate(() => first.child.kill('SIGKILL'));
        }
      };
      const killed = await first.exited;
      expect(killed.signal, killed.err).toBe('SIGKILL');
      const beforeRerun = sink.messages.length;
      expect(beforeRerun).toBeGreaterThanOrEqual(KILL_AT);
      sink.beforeReply = () => undefined;

      const rerun = await startDigest(dataDir, sink.url).exited;
      expect(rerun.code, rerun.err).toBe(0);
      const summary = JSON.parse(rerun.out) as Summary;
      expect(summary.failed).toBe(0);

      // Everyone with something to receive (sent now or before the kill) got exactly one distinct Message-ID …
      const expected = summary.recipients.filter((r) => r.status === 'sent' || r.reason === 'already sent').map((r) => r.email);
      expect(expected.length).toBeGreaterThan(70);
      const got = perRecipient(sink.messages);
      expect([...got.keys()].sort()).toEqual(expected.sort());
      for (const [email, g] of got) expect(g.ids.size, email).toBe(1);
      // … and a second copy arrived only for a message left in doubt, with the same Message-ID.
      const twice = [...got.values()].filter((g) => g.copies > 1);
      expect(twice.every((g) => g.copies === 2)).toBe(true);
      expect(twice.length).toBe(summary.inDoubt);
      if (when === 'before') expect(summary.inDoubt).toBe(1);
      else expect(summary.inDoubt).toBeLessThanOrEqual(1);
      console.info(`killed ${when} the ack of message ${KILL_AT}: ${beforeRerun} received before the kill, ${sink.messages.length - beforeRerun} on the rerun, ${twice.length} arrived twice (same Message-ID)`);

      // A third run has nothing left to do.
      const third = JSON.parse((await startDigest(dataDir, sink.url).exited).out) as Summary;
      expect(third).toMatchObject({ sent: 0, inDoubt: 0, failed: 0 });
    }, 180_000);
  }
});
