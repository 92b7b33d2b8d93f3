/**
 * The pure parts of the weekly digest: who receives it, what a delivery record found at the start of a run means,
 * which suggestions count as recent, and the deterministic Message-ID.
 *
 * The once-only state machine, per (organisation, contact, week):
 *
 *     (none) ──intent──▶ pending ──accepted──▶ sent            (final: a rerun skips it)
 *                          │  ▲
 *                 rejected │  │ intent (next run)
 *                          ▼  │
 *                         failed
 *
 * `pending` is written durably before the message is handed to the transport and `sent` after; a run that finds
 * a `pending` record knows a crash fell between the two, so the message may or may not have left: it is resent
 * with the same Message-ID (a receiver that saw the first copy can drop the second), and reported as in doubt.
 */
import { createHash } from 'node:crypto';
import { digestKey, type DigestDelivery, type IsoWeek, type Locale, type Organization, type OrgId } from '../domain/index.js';
import { addIsoWeeks } from './iso-week.js';

export interface Recipient {
  readonly orgId: OrgId;
  readonly email: string;
  readonly name: string;
  readonly locale: Locale;
}

/**
 * Every contact with `digest: true` of every organisation that has not opted out (only those in `only`, when
 * given), one per address within an organisation, in (organisation id, e-mail) order.
 */
export function listRecipients(orgs: Iterable<Organization>, only?: ReadonlySet<OrgId>): Recipient[] {
  const out: Recipient[] = [];
  for (const org of orgs) {
    if (org.optedOut || (only !== undefined && !only.has(org.id))) continue;
    const seen = new Set<string>();
    for (const c of org.contacts) {
      const address = c.email.toLowerCase();
      if (!c.digest || seen.has(address)) continue;
      seen.add(address);
      out.push({ orgId: org.id, email: c.email, name: c.name, locale: c.locale });
    }
  }
  return out.sort((x, y) => cmp(x.orgId, y.orgId) || cmp(x.email.toLowerCase(), y.email.toLowerCase()));
}

/** Whether the contact is still subscribed in this (fresh) copy of its organisation. */
export function isSubscribed(org: Organization | undefined, email: string): boolean {
  const address = email.toLowerCase();
  return org !== undefined && !org.optedOut && org.contacts.some((c) => c.digest && c.email.toLowerCase() === address);
}

export type DeliveryStep =
  /** Nothing recorded yet: write the intent, send. */
  | 'send'
  /** Failed in an earlier run: write the intent again, send again. */
  | 'retry'
  /** Left pending by a crash between send and mark: send again with the same Message-ID. */
  | 'resend'
  /** Already sent (or deliberately skipped) this week. */
  | 'skip';

export function nextStep(existing: Pick<DigestDelivery, 'status'> | undefined): DeliveryStep {
  switch (existing?.status) {
    case undefined:
      return 'send';
    case 'failed':
      return 'retry';
    case 'pending':
      return 'resend';
    case 'sent':
    case 'skipped':
      return 'skip';
  }
}

/** `<sha256(key)@innomatch>`: the same (organisation, contact, week) always gets the same Message-ID. */
export function digestMessageId(key: Pick<DigestDelivery, 'orgId' | 'email' | 'week'>): string {
  return `<${createHash('sha256').update(digestKey(key)).digest('hex')}@innomatch>`;
}

export interface DeliveryLog {
  /** This week's records by {@link digestKey}. */
  readonly current: ReadonlyMap<string, DigestDelivery>;
  /** This week's items per organisation (the first record's), so all its contacts and reruns get the same list. */
  readonly currentItems: ReadonlyMap<OrgId, readonly OrgId[]>;
  /** What each organisation was sent, or may have been sent, in the `lookback` weeks before this one. */
  readonly recent: ReadonlyMap<OrgId, ReadonlySet<OrgId>>;
}

/**
 * Splits the records of weeks `week − lookback … week` (as returned by `listDeliveries({ fromWeek })`). Failed
 * records of earlier weeks do not count as suggested: their message never arrived.
 */
export function readDeliveryLog(records: Iterable<DigestDelivery>, week: IsoWeek, lookback: number): DeliveryLog {
  const from = addIsoWeeks(week, -lookback);
  const current = new Map<string, DigestDelivery>();
  const currentItems = new Map<OrgId, readonly OrgId[]>();
  const recent = new Map<OrgId, Set<OrgId>>();
  for (const d of records) {
    if (d.week === week) {
      current.set(digestKey(d), d);
      if (d.items.length > 0 && !currentItems.has(d.orgId)) currentItems.set(d.orgId, d.items);
    } else if (d.week >= from && d.week < week && (d.status === 'sent' || d.status === 'pending')) {
      let set = recent.get(d.orgId);
      if (set === undefined) recent.set(d.orgId, (set = new Set()));
      for (const id of d.items) set.add(id);
    }
  }
  return { current, currentItems, recent };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
