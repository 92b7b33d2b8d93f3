/**
 * The unsubscribe link of a real digest e-mail, followed against the real server: the job (over SMTP on loopback)
 * and `startServer` share one data directory and nothing else, so the server checks the job's signature with the
 * secret it resolves itself (`resolveDigestSecret`), and the link points at the server (INNOMATCH_PUBLIC_URL).
 */
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineSuggestionSource, runDigest, type DigestRequest } from '../../src/cli/commands/digest.js';
import type { Io } from '../../src/cli/output.js';
import { loadConfig } from '../../src/config.js';
import { asOrgId, type Organization } from '../../src/domain/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { sampleDataDir } from './helpers/sample-data.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './helpers/smtp-sink.js';

const request = (week: string): DigestRequest => ({ week, dryRun: false, limitPerOrg: 3, json: true, rate: Infinity, concurrency: 2, workers: 2 });

describe('digest unsubscribe links against the server', () => {
  let smtp: SmtpSink;
  let store: EmbeddedStore;
  let server: RunningServer;
  let dataDir: string;

  beforeEach(async () => {
    smtp = await startSmtpSink();
    dataDir = await sampleDataDir();
    store = await EmbeddedStore.open({ dataDir });
    server = await startServer({ config: loadConfig({}, { dataDir }), port: 0, host: '127.0.0.1', logger: pino({ level: 'silent' }), store });
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    await smtp.close();
  });

  async function digest(week: string): Promise<{ code: number; sent: number }> {
    const config = loadConfig({ SMTP_URL: smtp.url, INNOMATCH_PUBLIC_URL: `${server.url}/` }, { dataDir });
    let out = '';
    const io: Io = { out: (t) => void (out += t), err: () => undefined };
    const code = await runDigest(store, config, request(week), io, engineSuggestionSource);
    return { code, sent: (JSON.parse(out) as { sent: number }).sent };
  }

  const linkOf = (m: ReceivedMail): string => {
    const header = /^<([^>]+)>$/.exec(m.headers.get('list-unsubscribe') ?? '')?.[1];
    expect(header, 'List-Unsubscribe').toMatch(new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/v1/unsubscribe\\?token=v1\\.`));
    expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // the same link in both bodies (HTML escapes nothing in it: base64url and dots only)
    expect(m.text).toContain(header);
    expect(m.html).toContain(`href="${header}"`);
    return header!;
  };

  const subscribed = async (email: string): Promise<boolean | undefined> => {
    const orgs: Organization[] = await store.allOrganizations();
    return orgs.flatMap((o) => o.contacts).find((c) => c.email === email)?.digest;
  };

  it('When a contact follows the link (or its mail client posts one-click), then the next week sends it nothing; a forged link changes nothing', async () => {
    const first = await digest('2026-W48');
    expect(first.code).toBe(0);
    expect(first.sent).toBeGreaterThan(70);
    const [viaGet, viaPost, bystander] = smtp.messages as [ReceivedMail, ReceivedMail, ReceivedMail];
    const getLink = linkOf(viaGet);
    const postLink = linkOf(viaPost);
    linkOf(bystander);

    // Forged: another contact's address under this token's signature; a token cut short. Neither unsubscribes anyone.
    const token = new URL(getLink).searchParams.get('token')!;
    const [v, , mac] = token.split('.') as [string, string, string];
    const someoneElse = Buffer.from(JSON.stringify([asOrgId('x'), bystander.to[0]])).toString('base64url');
    for (const bad of [`${v}.${someoneElse}.${mac}`, token.slice(0, -4)]) {
      const r = await fetch(`${server.url}/v1/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await r.json()) as { code: string }).code).toBe('INVALID_TOKEN');
    }
    expect(await subscribed(bystander.to[0]!)).toBe(true);

    const page = await fetch(getLink);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/수신 거부가 완료되었습니다[\s\S]*You are unsubscribed/);
    const oneClick = await fetch(postLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(204);
    expect(await subscribed(viaGet.to[0]!)).toBe(false);
    expect(await subscribed(viaPost.to[0]!)).toBe(false);

    const before = smtp.messages.length;
    const next = await digest('2026-W49');
    expect(next.code).toBe(0);
    const nextTo = smtp.messages.slice(before).flatMap((m) => m.to);
    expect(nextTo).not.toContain(viaGet.to[0]);
    expect(nextTo).not.toContain(viaPost.to[0]);
    expect(nextTo).toContain(bystander.to[0]);
  });
});
