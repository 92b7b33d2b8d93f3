/** One bar per score component, for each side ("for you", "for them"), on one scale so they compare. */
import { COMPONENT_NAMES, type Match } from '../api/types';
import { useI18n } from '../i18n/context';
import { COMPONENT_LABELS } from '../i18n/labels';

const BAR = 160;

export function ComponentBars(props: { match: Pick<Match, 'components' | 'explanation'> }) {
  const { lang, t } = useI18n();
  const sides = new Map(props.match.explanation?.components.map((c) => [c.component, c]) ?? []);
  const rows = COMPONENT_NAMES.map((name) => {
    const side = sides.get(name);
    const mean = props.match.components[name];
    return { name, forYou: side?.forYou ?? mean, forThem: side?.forThem ?? mean };
  });
  const max = Math.max(0.05, ...rows.flatMap((r) => [r.forYou, r.forThem]));
  const w = (v: number) => Math.max(0, (BAR * v) / max);
  return (
    <table class="bars" data-testid="component-bars">
      <caption>{t('components')}</caption>
      <thead>
        <tr>
          <th />
          <th class="legend">
            <span class="key you" /> {t('forYou')} <span class="key them" /> {t('forThem')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{COMPONENT_LABELS[r.name][lang]}</th>
            <td>
              <svg width={BAR + 40} height="18" viewBox={`0 0 ${BAR + 40} 18`} role="img" aria-label={`${COMPONENT_LABELS[r.name][lang]}: ${r.forYou.toFixed(2)} / ${r.forThem.toFixed(2)}`}>
                <rect y="1" width={w(r.forYou)} height="7" class="bar you" />
                <rect y="10" width={w(r.forThem)} height="7" class="bar them" />
                <text x={Math.max(w(r.forYou), w(r.forThem)) + 4} y="13" class="bar-value">
                  {((r.forYou + r.forThem) / 2).toFixed(2)}
                </text>
              </svg>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
