/**
 * The graph paths behind a match as a small picture: you on the left, them on the right, each shared partner in
 * between (A —tied to→ X ←tied to— B), the kinds of tie on the edges (collaborations, or a shared programme).
 */
import type { GraphPath } from '../api/types';
import { useI18n } from '../i18n/context';
import { localized, TIE_LABELS } from '../i18n/labels';

const W = 520;
const ROW = 46;

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function NetworkPicture(props: { you: string; them: string; paths: readonly GraphPath[] }) {
  const { lang, t } = useI18n();
  const paths = props.paths.slice(0, 4);
  if (paths.length === 0) return null;
  const h = Math.max(ROW * paths.length + 20, 90);
  const mid = h / 2;
  const ax = 90;
  const bx = W - 90;
  const xx = W / 2;
  const ties = (kinds: readonly GraphPath['yourTie'][number][]) => kinds.map((k) => TIE_LABELS[k][lang]).join(', ');
  return (
    <figure class="network">
      <figcaption>{t('networkTitle')}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={`${props.you} — ${t('workedWith')} — ${paths.map((p) => localized(p.viaName, lang)).join(', ')} — ${props.them}`} data-testid="network-picture">
        {paths.map((p, i) => {
          const y = 10 + ROW * i + ROW / 2;
          return (
            <g key={p.via}>
              <line x1={ax} y1={mid} x2={xx} y2={y} class="edge" />
              <line x1={bx} y1={mid} x2={xx} y2={y} class="edge" />
              <text x={(ax + xx) / 2} y={(mid + y) / 2 - 4} class="edge-label" text-anchor="middle">
                {clip(ties(p.yourTie), 22)}
              </text>
              <text x={(bx + xx) / 2} y={(mid + y) / 2 - 4} class="edge-label" text-anchor="middle">
                {clip(ties(p.theirTie), 22)}
              </text>
              <circle cx={xx} cy={y} r="7" class="node via" />
              <text x={xx} y={y + 20} class="node-label" text-anchor="middle">
                {clip(localized(p.viaName, lang), 18)}
              </text>
            </g>
          );
        })}
        <circle cx={ax} cy={mid} r="10" class="node you" />
        <text x={ax} y={mid + 26} class="node-label strong" text-anchor="middle">
          {clip(props.you, 20)}
        </text>
        <circle cx={bx} cy={mid} r="10" class="node them" />
        <text x={bx} y={mid + 26} class="node-label strong" text-anchor="middle">
          {clip(props.them, 20)}
        </text>
      </svg>
    </figure>
  );
}
