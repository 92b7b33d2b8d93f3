/**
 * The job's own logic over a real embedded store, with a hand-made suggestion list and a transport that records
 * what it is given (the end-to-end tests in digest-smtp.test.ts use the real engine and a real SMTP server).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asOrgId, type OrgId } from '../../src/domain/index.js';
import { runDigestJob, type DigestJobDeps, type Suggestion, type SuggestionSource } from '../../src/jobs/digest-job.js';
import { digestMessageId } from '../../src/jobs/digest-plan.js';
import type { MailTransport, OutgoingMail } from '../../src/jobs/mail-transport.js';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { org } from '../fixtures/builders.js';

const WEEK = '2026-W48';
const ids = (...s: string[]) => s.map(asOrgId);
const reason = (id: string): Suggestion['reason'] => ({ ko: `${id} 추천 이유`, en: `why ${id}` });

/** Ranks a fixed list per organisation and honours `exclude`, as the engine's batch path does. */
function fixedSource(lists: Record<string, string[]>): SuggestionSource & { requests: Parameters<SuggestionSource['suggestionsFor']>[0][] } {
  const requests: Parameters<SuggestionSource['suggestionsFor']>[0][] = [];
  return {
    requests,
    async suggestionsFor(req) {
      requests.push(req);
      const out = new Map<OrgId, Suggestion[]>();
      for (const id of req.orgIds) {
        const excluded = req.exclude.get(id) ?? new Set();
        const list = (lists[id] ?? []).filter((s) => !excluded.has(asOrgId(s))).slice(0, req.limitPerOrg);
        out.set(id, list.map((s, i) => ({ id: asOrgId(s), score: 1 - i / 10, reason: reason(s) })));
      }
      return out;
    },
  };
}

/** Accepts everything except the addresses in `reject`. */
function recordingTransport(reject: Set<string> = new Set()): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    kind: 'smtp',
    sent,
    async send(mail) {
      if (reject.has(mail.to.address)) throw Object.assign(new Error('rejected'), { code: 'EENVELOPE', response: '550 5.1.1 mailbox unavailable' });
      sent.push(mail);
    },
    async close() {},
  };
}

describe('runDigestJob', () => {
  let store: EmbeddedStore;
  const source = fixedSource({ kt: ['wizcore', 'autonics', 'yonsei'], wizcore: ['kt', 'yonsei'], yonsei: ['kt'] });
  const deps = (transport: MailTransport, s: SuggestionSource = source): DigestJobDeps => ({
    store,
    suggestions: s,
    transport,
    mail: { from: 'innomatch <digest@example.kr>', publicUrl: 'https://innomatch.example.kr', secret: 's'.repeat(64) },
    clock: { now: () => new Date('2026-11-23T00:00:00Z') },
  });

  beforeEach(async () => {
    store = await EmbeddedStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'innomatch-digest-')) });
    await store.applyBatch({
      organizations: [
        org('kt', {
          name: { ko: '케이티', en: 'KT' },
          contacts: [
            { name: '김', email: 'kim@kt.example', digest: true, locale: 'ko' },
            { name: 'Park', email: 'park@kt.example', digest: true, locale: 'en' },
            { name: 'No', email: 'no@kt.example', digest: false },
          ],
        }),
        org('wizcore', { contacts: [{ name: 'Wiz', email: 'wiz@wizcore.example', digest: true, locale: 'en' }] }),
        org('autonics', { type: 'sme' }),
        org('yonsei', { type: 'university', optedOut: true, contacts: [{ name: 'Y', email: 'y@yonsei.example', digest: true }] }),
      ],
    });
  });
  afterEach(async () => store.close());

  it('sends each opted-in contact its organisation’s suggestions once, in its language, and records them as sent', async () => {
    const t = recordingTransport();
    const s = await runDigestJob(deps(t), { week: WEEK, limitPerOrg: 5 });
    expect(s).toMatchObject({ sent: 3, skipped: 0, failed: 0, inDoubt: 0, total: 3 });
    expect(t.sent.map((m) => m.to.address)).toEqual(['kim@kt.example', 'park@kt.example', 'wiz@wizcore.example']);
    const kim = t.sent[0]!;
    expect(kim.messageId).toBe(digestMessageId({ orgId: asOrgId('kt'), email: 'kim@kt.example', week: WEEK }));
    expect(kim.subject).toBe('[innomatch] 케이티에 이번 주 새 협업 추천 2곳 (2026-W48)');
    // yonsei opted out: it is neither a recipient nor named to anyone, even though the source offered it.
    expect(kim.text).toContain('wizcore 추천 이유');
    expect(kim.text).not.toContain('yonsei');
    expect(kim.text).toContain('https://innomatch.example.kr/#/org/autonics');
    expect(kim.headers['List-Unsubscribe']).toMatch(/^<https:\/\/innomatch\.example\.kr\/v1\/unsubscribe\?token=v1\.[^>]+>$/);
    expect(kim.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(t.sent[1]!.text).toContain('why wizcore');
    expect(t.sent[2]!.text).toContain('why kt');
    const log = await store.listDeliveries({ week: WEEK });
    expect(log.map((d) => [d.email, d.status, d.items, d.attempts])).toEqual(
      expect.arrayContaining([
        ['kim@kt.example', 'sent', ids('wizcore', 'autonics'), 1],
        ['wiz@wizcore.example', 'sent', ids('kt'), 1],
      ]),
    );

    const again = recordingTransport();
    expect(await runDigestJob(deps(again), { week: WEEK, limitPerOrg: 5 })).toMatchObject({ sent: 0, skipped: 3 });
    expect(again.sent).toHaveLength(0);
  });

  it('does not suggest again what it sent in the four weeks before', async () => {
    await runDigestJob(deps(recordingTransport()), { week: '2026-W45', limitPerOrg: 1 });
    const src = fixedSource({ kt: ['wizcore', 'autonics'], wizcore: ['kt', 'autonics'] });
    const t = recordingTransport();
    await runDigestJob(deps(t, src), { week: WEEK, limitPerOrg: 1 });
    expect(src.requests[0]?.exclude.get(asOrgId('kt'))).toEqual(new Set(['wizcore']));
    expect(t.sent.map((m) => [m.to.address, m.text.includes('/#/org/autonics')])).toEqual([
      ['kim@kt.example', true],
      ['park@kt.example', true],
      ['wiz@wizcore.example', true],
    ]);
    // W49 still looks back to W45; from W50 on, W45's suggestion may come back.
    const later = fixedSource({ kt: ['wizcore'] });
    await runDigestJob(deps(recordingTransport(), later), { week: '2026-W49', limitPerOrg: 1, only: ids('kt') });
    expect(later.requests[0]?.exclude.get(asOrgId('kt'))).toEqual(new Set(['wizcore', 'autonics']));
    const muchLater = fixedSource({ kt: ['wizcore'] });
    await runDigestJob(deps(recordingTransport(), muchLater), { week: '2026-W50', limitPerOrg: 1, only: ids('kt') });
    expect(muchLater.requests[0]?.exclude.get(asOrgId('kt'))).toEqual(new Set(['autonics']));
  });

  it('records a rejected recipient with the reason, goes on, and delivers it on the next run', async () => {
    const t = recordingTransport(new Set(['park@kt.example']));
    const first = await runDigestJob(deps(t), { week: WEEK, limitPerOrg: 5 });
    expect(first).toMatchObject({ sent: 2, failed: 1 });
    const failed = await store.getDelivery(asOrgId('kt'), 'park@kt.example', WEEK);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: 'EENVELOPE: 550 5.1.1 mailbox unavailable' });

    const t2 = recordingTransport();
    const retrySource = fixedSource({});
    const second = await runDigestJob(deps(t2, retrySource), { week: WEEK, limitPerOrg: 5 });
    expect(second).toMatchObject({ sent: 1, retried: 1, skipped: 2, failed: 0 });
    // Only organisations with a contact left to send to are ranked again (wizcore's one contact has its mail).
    expect(retrySource.requests.map((r) => r.orgIds)).toEqual([ids('kt')]);
    // The retry carries the list recorded for the week, even though the engine now offers nothing.
    expect(t2.sent.map((m) => m.to.address)).toEqual(['park@kt.example']);
    expect(t2.sent[0]!.text).toContain('/#/org/wizcore');
    expect(await store.getDelivery(asOrgId('kt'), 'park@kt.example', WEEK)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('resends what a crash left pending with the same Message-ID and reports it as in doubt', async () => {
    const messageId = digestMessageId({ orgId: asOrgId('wizcore'), email: 'wiz@wizcore.example', week: WEEK });
    await store.putDelivery({
      orgId: asOrgId('wizcore'),
      email: 'wiz@wizcore.example',
      week: WEEK,
      items: ids('autonics'),
      status: 'pending',
      messageId,
      attempts: 1,
      updatedAt: '2026-11-23T00:00:00.000Z',
    });
    const t = recordingTransport();
    const s = await runDigestJob(deps(t), { week: WEEK, limitPerOrg: 5, only: ids('wizcore') });
    expect(s).toMatchObject({ sent: 1, inDoubt: 1 });
    expect(t.sent[0]).toMatchObject({ messageId });
    expect(t.sent[0]!.text).toContain('/#/org/autonics'); // the recorded list, not today's ranking
    expect(t.sent[0]!.text).toContain('On your suggestion list this week.'); // no reason for it in today's ranking
    expect(await store.getDelivery(asOrgId('wizcore'), 'wiz@wizcore.example', WEEK)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('skips a contact that unsubscribed after the run started, and organisations with nothing new', async () => {
    const t = recordingTransport();
    const sneaky: MailTransport = {
      ...t,
      async send(mail) {
        await t.send(mail);
        const kt = await store.getOrganization(asOrgId('kt'));
        await store.applyBatch({ organizations: [{ ...kt!, contacts: kt!.contacts.map((c) => ({ ...c, digest: false })) }] });
      },
    };
    const s = await runDigestJob(deps(sneaky, fixedSource({ kt: ['wizcore'] })), { week: WEEK, limitPerOrg: 5 });
    expect(s.recipients.map((r) => [r.email, r.status, r.reason])).toEqual([
      ['kim@kt.example', 'sent', undefined],
      ['park@kt.example', 'skipped', 'unsubscribed'],
      ['wiz@wizcore.example', 'skipped', 'no new suggestions'],
    ]);
  });

  it('plans without writing or sending on a dry run', async () => {
    const t = recordingTransport();
    const planning = fixedSource({ kt: ['wizcore'], wizcore: ['kt'] });
    const s = await runDigestJob(deps(t, planning), { week: WEEK, limitPerOrg: 1, dryRun: true });
    expect(planning.requests.map((r) => [r.orgIds, r.explain])).toEqual([[ids('kt', 'wizcore'), false]]); // ids only: no reasons to write
    expect(s.recipients.map((r) => [r.email, r.status, r.items])).toEqual([
      ['kim@kt.example', 'planned', ['wizcore']],
      ['park@kt.example', 'planned', ['wizcore']],
      ['wiz@wizcore.example', 'planned', ['kt']],
    ]);
    expect(t.sent).toHaveLength(0);
    expect(await store.listDeliveries()).toEqual([]);
  });

  it('keeps up to `concurrency` messages in flight and still reports in recipient order', async () => {
    await store.applyBatch({
      organizations: Array.from({ length: 8 }, (_, i) =>
        org(`extra-${i}`, { contacts: [{ name: `E${i}`, email: `e${i}@extra.example`, digest: true }] }),
      ),
    });
    let inFlight = 0;
    let most = 0;
    // The first sends wait until three are in flight at once (or two seconds, should the job send one at a time).
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
      setTimeout(resolve, 2000);
    });
    const t = recordingTransport();
    const slow: MailTransport = {
      ...t,
      async send(mail) {
        most = Math.max(most, ++inFlight);
        if (inFlight === 3) open();
        await gate;
        inFlight--;
        await t.send(mail);
      },
    };
    const lists = Object.fromEntries(['kt', 'wizcore', ...Array.from({ length: 8 }, (_, i) => `extra-${i}`)].map((id) => [id, ['autonics']]));
    const s = await runDigestJob(deps(slow, fixedSource(lists)), { week: WEEK, limitPerOrg: 5, concurrency: 3 });
    expect(s).toMatchObject({ sent: 11, failed: 0 });
    expect(most).toBe(3);
    const order = s.recipients.map((r) => `${r.orgId} ${r.email}`);
    expect(order).toEqual([...order].sort()); // the recipients' order, whatever order the sends finished in
  });

  it('stops taking recipients when the store fails, and says why', async () => {
    const t = recordingTransport();
    const put = store.putDelivery.bind(store);
    let writes = 0;
    store.putDelivery = async (d) => {
      if (++writes === 3) throw new Error('disk full');
      return put(d);
    };
    await expect(runDigestJob(deps(t), { week: WEEK, limitPerOrg: 5 })).rejects.toThrow('disk full');
    // kim: intent + sent; park: the intent fails, so nothing is sent to park or anyone after.
    expect(t.sent.map((m) => m.to.address)).toEqual(['kim@kt.example']);
  });
});
