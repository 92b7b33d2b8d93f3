/** Introductions grouped by status, each with the moves the workflow allows from where it is. */
import { useState } from 'preact/hooks';
import { INTRODUCTION_OUTCOMES, INTRODUCTION_STATUSES, TRANSITIONS, type Introduction, type IntroductionOutcome, type IntroductionStatus } from '../api/types';
import { useI18n } from '../i18n/context';
import { OUTCOME_LABELS, STATUS_LABELS } from '../i18n/labels';
import { useSession } from '../session-context';
import { useNameOf } from './badges';
import { describeError } from './error-notice';

function Moves(props: { intro: Introduction; onMoved: () => void }) {
  const { api } = useSession();
  const { lang, t } = useI18n();
  const [outcome, setOutcome] = useState<IntroductionOutcome>('mou');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const move = async (status: Exclude<IntroductionStatus, 'proposed'>) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/v1/introductions/${encodeURIComponent(props.intro.id)}`, { status, ...(status === 'closed' ? { outcome } : {}) });
      props.onMoved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const moves = TRANSITIONS[props.intro.status];
  if (moves.length === 0) return null;
  return (
    <div class="moves">
      <span class="muted small">{t('moveTo')}:</span>
      {moves.includes('closed') && (
        <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as IntroductionOutcome)} aria-label={t('outcome')}>
          {INTRODUCTION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o][lang]}
            </option>
          ))}
        </select>
      )}
      {moves.map((m) => (
        <button key={m} type="button" class={m === 'declined' ? 'secondary' : ''} disabled={busy} onClick={() => void move(m)} data-testid={`move-${m}`}>
          {STATUS_LABELS[m][lang]}
        </button>
      ))}
      {error !== undefined && (
        <span class="inline-error" role="alert">
          {describeError(error, t)}
        </span>
      )}
    </div>
  );
}

export function IntroductionList(props: { items: readonly Introduction[]; onMoved: () => void }) {
  const { lang, t } = useI18n();
  const nameOf = useNameOf();
  if (props.items.length === 0) return <p class="muted">{t('noIntroductions')}</p>;
  return (
    <div class="intro-groups">
      {INTRODUCTION_STATUSES.map((status) => {
        const items = props.items.filter((i) => i.status === status);
        if (items.length === 0) return null;
        return (
          <section key={status} class={`intro-group ${status}`} data-testid={`intros-${status}`}>
            <h4>
              {STATUS_LABELS[status][lang]} <span class="count">{items.length}</span>
            </h4>
            <ul>
              {items.map((i) => (
                <li key={i.id} class="intro" data-testid="introduction" data-id={i.id} data-a={i.a} data-b={i.b} data-status={i.status}>
                  <div>
                    <b>{nameOf(i.a)}</b> ↔ <b>{nameOf(i.b)}</b>
                    {i.outcome !== undefined && <span class="badge outcome">{OUTCOME_LABELS[i.outcome][lang]}</span>}
                  </div>
                  <div class="muted small">{t('proposedAt', { date: new Date(i.createdAt).toLocaleDateString(lang === 'ko' ? 'ko-KR' : 'en-GB') })}</div>
                  <Moves intro={i} onMoved={props.onMoved} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
