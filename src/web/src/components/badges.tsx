/** Type and sector badges, and an organisation's name in the page language. */
import type { OrganizationType, OrgSummary } from '../api/types';
import { useI18n } from '../i18n/context';
import { orgName, sectorLabel, TYPE_LABELS } from '../i18n/labels';
import { useSession } from '../session-context';

export function TypeBadge(props: { type: OrganizationType }) {
  const { lang } = useI18n();
  return <span class={`badge type-${props.type}`}>{TYPE_LABELS[props.type][lang]}</span>;
}

export function SectorBadges(props: { sectors: readonly string[] }) {
  const { lang } = useI18n();
  return (
    <>
      {props.sectors.map((s) => (
        <span key={s} class="badge sector">
          {sectorLabel(s, lang)}
        </span>
      ))}
    </>
  );
}

/** The organisation's sectors: from the result when the API sends them, else from the directory. */
export function useSectorsOf(): (org: Pick<OrgSummary, 'id' | 'sectors'>) => readonly string[] {
  const { directory } = useSession();
  return (org) => org.sectors ?? directory.get(org.id)?.sectors ?? [];
}

/** The display name of an organisation known only by id (introductions), from the directory. */
export function useNameOf(): (id: string) => string {
  const { directory } = useSession();
  const { lang } = useI18n();
  return (id) => orgName(directory.get(id)?.name, lang, id);
}

export function OrgBadges(props: { org: Pick<OrgSummary, 'id' | 'type' | 'sectors'> }) {
  const sectorsOf = useSectorsOf();
  return (
    <span class="badges">
      <TypeBadge type={props.org.type} />
      <SectorBadges sectors={sectorsOf(props.org)} />
    </span>
  );
}

/** A score in [0, 1] as a small bar and a number out of 100. */
export function ScoreMeter(props: { score: number }) {
  const { t } = useI18n();
  const pct = Math.round(Math.max(0, Math.min(1, props.score)) * 100);
  return (
    <span class="score" title={`${t('score')} ${props.score.toFixed(3)}`}>
      <svg width="60" height="8" viewBox="0 0 60 8" aria-hidden="true">
        <rect width="60" height="8" rx="4" class="track" />
        <rect width={(60 * pct) / 100} height="8" rx="4" class="fill" />
      </svg>
      <b>{pct}</b>
      <span class="muted small">/100</span>
    </span>
  );
}
