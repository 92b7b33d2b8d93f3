/**
 * The weekly digest: for every opted-in contact, the top new suggestions for its organisation, sent effectively
 * once per (organisation, contact, week) — see the state machine in `digest-plan.ts`.
 *
 * The run, in order: read the organisations and the delivery log of the last weeks once; ask the engine's batch
 * path for the suggestions of every organisation with a contact still to send to, in one call (recent ones
 * excluded); then for each recipient, paced (`concurrency` in flight): write the intent, send, mark sent or
 * failed. A recipient's failure is recorded and the run goes on; a store failure stops it (nothing could be recorded any more), leaving at most one record pending.
 */
import { signUnsubscribeToken } from '../app/digest-unsubscribe.js';
import type { Suggestion } from '../app/digest-suggestions.js';
import {
  digestKey,
  displayName,
  type DigestDelivery,
  type IsoWeek,
  type Locale,
  type Organization,
  type OrgId,
} from '../domain/index.js';
import type { GraphStore } from '../store/graph-store.js';
import { digestMessageId, isSubscribed, listRecipients, nextStep, readDeliveryLog, type DeliveryStep, type Recipient } from './digest-plan.js';
import { addIsoWeeks } from './iso-week.js';
import { describeMailError, type MailTransport } from './mail-transport.js';
import { silentProgress, type ProgressCounts, type ProgressSink } from './progress.js';
import { renderDigestMail, type DigestItem } from './render-digest.js';
import { createThrottle, type Throttle } from './throttle.js';

/** One suggestion for an organisation, as the engine's batch path ranks and explains it (id, score, reason ko/en). */
export type { Suggestion };

/**
 * The engine's batch path, as the job needs it: the top `limitPerOrg` suggestions for each organisation in
 * `orgIds`, best first, leaving out self, existing partners, declined introductions, opted-out organisations and,
 * per organisation, the ids in `exclude`.
 */
export interface SuggestionSource {
  suggestionsFor(request: {
    readonly orgIds: readonly OrgId[];
    readonly limitPerOrg: number;
    readonly exclude: ReadonlyMap<OrgId, ReadonlySet<OrgId>>;
    /** Build the one-line reasons (default true; a dry run needs the ids only). */
    readonly explain?: boolean;
  }): Promise<ReadonlyMap<OrgId, readonly Suggestion[]>>;
}

export interface DigestJobDeps {
  readonly store: GraphStore;
  readonly suggestions: SuggestionSource;
  readonly transport: MailTransport;
  readonly mail: { readonly from: string; readonly publicUrl: string; readonly secret: string };
  /** Where `updatedAt` comes from (default: the system clock). */
  readonly clock?: { now(): Date };
  readonly throttle?: Throttle;
  readonly progress?: ProgressSink;
}

export interface DigestJobOptions {
  readonly week: IsoWeek;
  readonly limitPerOrg: number;
  /** Only these organisations' contacts (ids are checked by the caller). */
  readonly only?: readonly OrgId[];
  /** Plan and render, but write and send nothing. */
  readonly dryRun?: boolean;
  /** Suggestions sent in this many weeks before `week` are not suggested again (default 4). */
  readonly lookbackWeeks?: number;
  /**
   * Messages in flight at once (default 1). More hides the mail server's round trips; a crash then leaves up to
   * this many messages in doubt instead of one.
   */
  readonly concurrency?: number;
}

export interface RecipientOutcome {
  readonly orgId: OrgId;
  readonly email: string;
  readonly locale: Locale;
  readonly step: DeliveryStep;
  readonly status: 'sent' | 'failed' | 'skipped' | 'planned';
  readonly messageId: string;
  readonly items: readonly OrgId[];
  readonly reason?: string;
}

export interface DigestSummary extends Omit<ProgressCounts, 'done'> {
  readonly week: IsoWeek;
  readonly dryRun: boolean;
  /** Of `sent`: messages that had failed in an earlier run. */
  readonly retried: number;
  /** Milliseconds spent computing suggestions (the engine's batch path) and sending. */
  readonly timings: { readonly suggestMs: number; readonly sendMs: number };
  readonly recipients: readonly RecipientOutcome[];
}

const FALLBACK_REASON: Readonly<Record<Locale, string>> = {
  ko: '이번 주 추천 목록에 오른 기관입니다.',
  en: 'On your suggestion list this week.',
};

export async function runDigestJob(deps: DigestJobDeps, options: DigestJobOptions): Promise<DigestSummary> {
  const { store, transport } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const throttle = deps.throttle ?? createThrottle(Infinity);
  const progress = deps.progress ?? silentProgress;
  const { week, limitPerOrg } = options;
  const dryRun = options.dryRun ?? false;

  const orgs = new Map((await store.allOrganizations()).map((o) => [o.id, o] as const));
  const recipients = listRecipients(orgs.values(), options.only !== undefined ? new Set(options.only) : undefined);
  const lookback = options.lookbackWeeks ?? 4;
  const log = readDeliveryLog(await store.listDeliveries({ fromWeek: addIsoWeeks(week, -lookback) }), week, lookback);

  const startedSuggest = performance.now();
  // Only organisations with a contact still to send to this week: a rerun after a crash ranks just what is left.
  const pendingRecipients = recipients.filter((r) => nextStep(log.current.get(digestKey({ orgId: r.orgId, email: r.email, week }))) !== 'skip');
  const orgIds = [...new Set(pendingRecipients.map((r) => r.orgId))];
  progress.stage(`ranking suggestions for ${orgIds.length} organisation(s) of ${pendingRecipients.length} recipient(s) still to send to`);
  const ranked = await deps.suggestions.suggestionsFor({ orgIds, limitPerOrg, exclude: log.recent, explain: !dryRun });
  const suggestMs = performance.now() - startedSuggest;

  const counts = { total: recipients.length, done: 0, sent: 0, skipped: 0, failed: 0, inDoubt: 0, planned: 0, retried: 0 };
  const outcomes: RecipientOutcome[] = new Array(recipients.length);
  const startedSend = performance.now();
  // `concurrency` workers take recipients in order; the throttle paces them together. A store failure stops every
  // worker from taking more (nothing more could be recorded) and is rethrown once the messages in flight settle.
  let next = 0;
  let stopped: unknown;
  const worker = async () => {
    while (stopped === undefined && next < recipients.length) {
      const i = next++;
      const r = recipients[i]!;
      try {
        outcomes[i] = tally(await deliver(r, log.current.get(digestKey({ orgId: r.orgId, email: r.email, week }))));
      } catch (e) {
        stopped ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, options.concurrency ?? 1), recipients.length) }, worker));
  if (stopped !== undefined) throw stopped;
  progress.finish(counts);
  const { done: _done, ...totals } = counts;
  return { week, dryRun, ...totals, timings: { suggestMs, sendMs: performance.now() - startedSend }, recipients: outcomes };

  function tally(outcome: RecipientOutcome): RecipientOutcome {
    counts.done++;
    if (outcome.status === 'sent') counts.sent++;
    if (outcome.status === 'skipped') counts.skipped++;
    if (outcome.status === 'failed') counts.failed++;
    if (outcome.status === 'planned') counts.planned++;
    if (outcome.step === 'resend' && outcome.status !== 'skipped') counts.inDoubt++;
    if (outcome.step === 'retry' && outcome.status === 'sent') counts.retried++;
    progress.update(counts);
    return outcome;
  }

  async function deliver(r: Recipient, existing: DigestDelivery | undefined): Promise<RecipientOutcome> {
    const step = nextStep(existing);
    const messageId = existing?.messageId ?? digestMessageId({ orgId: r.orgId, email: r.email, week });
    const suggestions = ranked.get(r.orgId) ?? [];
    // A record of this week fixes the list: reruns and the organisation's other contacts get the same items.
    const itemIds = existing?.items ?? log.currentItems.get(r.orgId) ?? suggestions.map((s) => s.id);
    const base = { orgId: r.orgId, email: r.email, locale: r.locale, step, messageId };
    if (step === 'skip') return { ...base, status: 'skipped', items: existing?.items ?? [], reason: `already ${existing?.status ?? 'sent'}` };

    const items = itemIds.flatMap((id) => {
      const org = orgs.get(id);
      // An organisation that has since opted out or was deleted is not named to anyone, even in a resend.
      return org === undefined || org.optedOut ? [] : [toItem(org, suggestions.find((s) => s.id === id), r.locale)];
    });
    if (items.length === 0) return { ...base, status: 'skipped', items: [], reason: 'no new suggestions' };
    const ids = items.map((i) => i.id);
    if (dryRun) return { ...base, status: 'planned', items: ids };

    // Re-read the contact: an unsubscribe that landed since the run started must win.
    if (!isSubscribed(await store.getOrganization(r.orgId), r.email)) {
      return { ...base, status: 'skipped', items: [], reason: 'unsubscribed' };
    }
    const intent: DigestDelivery = {
      orgId: r.orgId,
      email: r.email,
      week,
      items: ids,
      status: 'pending',
      messageId,
      attempts: (existing?.attempts ?? 0) + 1,
      updatedAt: clock.now().toISOString(),
    };
    await store.putDelivery(intent);
    await throttle.wait();
    try {
      await transport.send(compose(r, items, messageId));
    } catch (e) {
      const reason = describeMailError(e);
      await store.putDelivery({ ...intent, status: 'failed', error: reason, updatedAt: clock.now().toISOString() });
      return { ...base, status: 'failed', items: ids, reason };
    }
    await store.putDelivery({ ...intent, status: 'sent', updatedAt: clock.now().toISOString() });
    return { ...base, status: 'sent', items: ids };
  }

  function toItem(org: Organization, suggestion: Suggestion | undefined, locale: Locale): DigestItem {
    return {
      id: org.id,
      name: displayName(org, locale),
      type: org.type,
      // The engine may have no sentence for a pair (or no longer rank an item kept from an earlier run).
      reason: suggestion !== undefined && suggestion.reason[locale] !== '' ? suggestion.reason[locale] : FALLBACK_REASON[locale],
      url: `${deps.mail.publicUrl}/#/org/${encodeURIComponent(org.id)}`,
    };
  }

  function compose(r: Recipient, items: readonly DigestItem[], messageId: string) {
    const token = signUnsubscribeToken(deps.mail.secret, { orgId: r.orgId, email: r.email });
    const unsubscribeUrl = `${deps.mail.publicUrl}/v1/unsubscribe?token=${encodeURIComponent(token)}`;
    const own = orgs.get(r.orgId);
    const rendered = renderDigestMail({
      locale: r.locale,
      week,
      recipientName: r.name,
      organizationName: own !== undefined ? displayName(own, r.locale) : r.orgId,
      items,
      unsubscribeUrl,
    });
    return {
      from: deps.mail.from,
      to: { name: r.name, address: r.email },
      ...rendered,
      messageId,
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
      fileStem: `${week}-${r.orgId}`,
    };
  }
}
