import { describe, expect, it } from 'vitest';
import { asOrgId, type DigestDelivery } from '../../src/domain/index.js';
import { digestMessageId, isSubscribed, listRecipients, nextStep, readDeliveryLog } from '../../src/jobs/digest-plan.js';
import { org } from '../fixtures/builders.js';

const delivery = (o: Partial<DigestDelivery> & Pick<DigestDelivery, 'orgId' | 'week'>): DigestDelivery => ({
  email: 'a@example.kr',
  items: [],
  status: 'sent',
  messageId: '<x@innomatch>',
  attempts: 1,
  updatedAt: '2026-11-23T00:00:00.000Z',
  ...o,
});

describe('digest recipients', () => {
  const orgs = [
    org('b-org', {
      contacts: [
        { name: 'B1', email: 'b1@example.kr', digest: true, locale: 'en' },
        { name: 'B1 again', email: 'B1@example.kr', digest: true },
        { name: 'B2', email: 'b2@example.kr', digest: false },
      ],
    }),
    org('a-org', { contacts: [{ name: 'A', email: 'a@example.kr', digest: true }] }),
    org('gone', { optedOut: true, contacts: [{ name: 'G', email: 'g@example.kr', digest: true }] }),
  ];

  it('are the opted-in contacts of organisations that have not opted out, one per address, in a stable order', () => {
    expect(listRecipients(orgs).map((r) => [r.orgId, r.email, r.locale])).toEqual([
      ['a-org', 'a@example.kr', 'ko'],
      ['b-org', 'b1@example.kr', 'en'],
    ]);
    expect(listRecipients(orgs, new Set([asOrgId('b-org'), asOrgId('gone')])).map((r) => r.orgId)).toEqual(['b-org']);
  });

  it('stop being subscribed when the contact or the organisation opts out', () => {
    expect(isSubscribed(orgs[0], 'B1@EXAMPLE.KR')).toBe(true);
    expect(isSubscribed(orgs[0], 'b2@example.kr')).toBe(false);
    expect(isSubscribed(orgs[2], 'g@example.kr')).toBe(false);
    expect(isSubscribed(undefined, 'a@example.kr')).toBe(false);
  });
});

describe('the once-only state machine', () => {
  it('sends what has no record, retries failures, resends what a crash left pending, skips the rest', () => {
    expect(nextStep(undefined)).toBe('send');
    expect(nextStep({ status: 'failed' })).toBe('retry');
    expect(nextStep({ status: 'pending' })).toBe('resend');
    expect(nextStep({ status: 'sent' })).toBe('skip');
    expect(nextStep({ status: 'skipped' })).toBe('skip');
  });

  it('derives one Message-ID per (organisation, address, week), whatever the case of the address', () => {
    const id = digestMessageId({ orgId: asOrgId('kt'), email: 'Kim@Example.kr', week: '2026-W48' });
    expect(id).toMatch(/^<[0-9a-f]{64}@innomatch>$/);
    expect(digestMessageId({ orgId: asOrgId('kt'), email: 'kim@example.kr', week: '2026-W48' })).toBe(id);
    expect(digestMessageId({ orgId: asOrgId('kt'), email: 'kim@example.kr', week: '2026-W49' })).not.toBe(id);
    expect(digestMessageId({ orgId: asOrgId('ktx'), email: 'kim@example.kr', week: '2026-W48' })).not.toBe(id);
  });
});

describe('readDeliveryLog', () => {
  const x = asOrgId('x');
  const ids = (...s: string[]) => s.map(asOrgId);
  const log = readDeliveryLog(
    [
      delivery({ orgId: x, week: '2026-W01', items: ids('this-week'), status: 'pending' }),
      delivery({ orgId: x, week: '2026-W01', email: 'b@example.kr', items: ids('this-week'), status: 'sent' }),
      delivery({ orgId: x, week: '2025-W53', items: ids('last-week') }), // 2025 has 52 weeks: never written, harmless
      delivery({ orgId: x, week: '2025-W52', items: ids('w52') }),
      delivery({ orgId: x, week: '2025-W50', items: ids('w50-pending'), status: 'pending' }),
      delivery({ orgId: x, week: '2025-W50', email: 'c@example.kr', items: ids('w50-failed'), status: 'failed' }),
      delivery({ orgId: x, week: '2025-W49', items: ids('four-weeks-ago') }),
      delivery({ orgId: x, week: '2025-W48', items: ids('five-weeks-ago') }),
      delivery({ orgId: x, week: '2026-W02', items: ids('next-week') }),
    ],
    '2026-W01',
    4,
  );

  it('counts as recent what was sent or may have been sent in the four weeks before, across the year boundary', () => {
    expect([...(log.recent.get(x) ?? [])].sort()).toEqual(['four-weeks-ago', 'last-week', 'w50-pending', 'w52']);
  });

  it("keeps this week's records by key and the organisation's list for the week", () => {
    expect(log.current.size).toBe(2);
    expect(log.currentItems.get(x)).toEqual(['this-week']);
  });
});
