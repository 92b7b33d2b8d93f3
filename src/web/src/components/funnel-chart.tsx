/** The sector funnel (proposed → accepted → met → outcome) as horizontal bars, declined aside. */
import type { Funnel } from '../api/types';
import { useI18n } from '../i18n/context';
import { OUTCOME_LABELS, STATUS_LABELS } from '../i18n/labels';

const W = 320;
const ROW = 28;

export function FunnelChart(props: { funnel: Funnel }) {
  const { lang, t } = useI18n();
  const f = props.funnel;
  const outcomes = (Object.keys(f.outcomes) as (keyof Funnel['outcomes'])[]).filter((o) => f.outcomes[o] > 0);
  const rows: { label: string; value: number; cls: string }[] = [
    { label: STATUS_LABELS.proposed[lang], value: f.proposed, cls: 'proposed' },
    { label: STATUS_LABELS.accepted[lang], value: f.accepted, cls: 'accepted' },
    { label: STATUS_LABELS.met[lang], value: f.met, cls: 'met' },
    ...outcomes.map((o) => ({ label: `${t('outcome')}: ${OUTCOME_LABELS[o][lang]}`, value: f.outcomes[o], cls: 'outcome' })),
    { label: STATUS_LABELS.declined[lang], value: f.declined, cls: 'declined' },
  ];
  const max = Math.max(1, f.proposed);
  const labelW = 130;
  return (
    <figure class="funnel" data-testid="funnel">
      <figcaption>{t('funnelTitle')}</figcaption>
      <svg viewBox={`0 0 ${labelW + W + 40} ${rows.length * ROW + 4}`} role="img" aria-label={rows.map((r) => `${r.label} ${r.value}`).join(', ')}>
        {rows.map((r, i) => (
          <g key={r.label} data-stage={r.cls} data-value={r.value}>
            <text x={labelW - 8} y={i * ROW + 19} text-anchor="end" class="funnel-label">
              {r.label}
            </text>
            <rect x={labelW} y={i * ROW + 4} width={Math.max(2, (W * r.value) / max)} height={ROW - 8} rx="3" class={`funnel-bar ${r.cls}`} />
            <text x={labelW + Math.max(2, (W * r.value) / max) + 6} y={i * ROW + 19} class="funnel-value">
              {r.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
