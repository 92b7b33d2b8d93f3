/** Team builder: for an organisation's needs, the suggested consortium and which need each member covers. */
import type { Organization, TeamResult } from '../api/types';
import { OrgBadges, useNameOf } from '../components/badges';
import { NeedOfferChips } from '../components/chips';
import { ErrorNotice, Loading } from '../components/error-notice';
import { useI18n } from '../i18n/context';
import { orgName } from '../i18n/labels';
import { useSession } from '../session-context';
import { useLoad } from '../use-load';

export function TeamPage(props: { id: string }) {
  const { api } = useSession();
  const { lang, t } = useI18n();
  const nameOf = useNameOf();
  const { data, error, reload } = useLoad<{ org: Organization; team: TeamResult }>(async () => {
    const [org, team] = await Promise.all([
      api.get<Organization>(`/v1/organizations/${encodeURIComponent(props.id)}`),
      api.post<TeamResult>('/v1/teams', { organization: props.id }),
    ]);
    return { org, team };
  }, [props.id]);
  if (error !== undefined)
    return (
      <main>
        <ErrorNotice error={error} retry={reload} />
      </main>
    );
  if (data === undefined)
    return (
      <main>
        <Loading />
      </main>
    );
  const { org, team } = data;
  return (
    <main class="team-page">
      <h2>{t('teamTitle')}</h2>
      <p>
        {t('teamFor', { name: orgName(org.name, lang, org.id) })} · <b>{t('teamCoverage', { pct: Math.round(team.coverage * 100) })}</b>
      </p>
      <table class="needs" data-testid="team-needs">
        <thead>
          <tr>
            <th>{t('teamNeed')}</th>
            <th>{t('teamCoveredBy')}</th>
          </tr>
        </thead>
        <tbody>
          {team.needs.map((n) => (
            <tr key={n.need} class={n.coveredBy === undefined ? 'uncovered' : ''}>
              <td>{n.need}</td>
              <td>{n.coveredBy !== undefined ? <b>{nameOf(n.coveredBy)}</b> : <span class="muted">{t('teamUncovered')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="team" data-testid="team-members">
        {team.members.map((m) => (
          <li key={m.id} class="card" data-org={m.id}>
            <h3>{orgName(m.name, lang, m.id)}</h3>
            <OrgBadges org={m} />
            <p>{m.explanation.reason[lang]}</p>
            <h5>{t('teamMemberCovers')}</h5>
            <NeedOfferChips pairs={m.explanation.covers} max={6} />
          </li>
        ))}
      </ul>
    </main>
  );
}
