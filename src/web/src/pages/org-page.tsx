/**
 * One organisation: its profile (any signed-in key may read it) and, where the key may see them (its own member,
 * its sectors' coordinators, admins), its ranked matches (a bar per score component, the two-sided explanation,
 * the shared partners as a picture) with "request introduction" for a member or "propose" for a coordinator.
 * Elsewhere a sentence says whose matches the key sees instead.
 */
import { useState } from 'preact/hooks';
import { matchesRefusal, maySeeMatches } from '../access';
import type { Introduction, IntroductionList as IntroList, MatchList, Organization } from '../api/types';
import { OrgBadges, ScoreMeter } from '../components/badges';
import { ComponentBars } from '../components/component-bars';
import { ErrorNotice, Loading } from '../components/error-notice';
import { Explanation } from '../components/explanation';
import { IntroButton } from '../components/intro-button';
import { IntroductionList } from '../components/introduction-list';
import { useI18n } from '../i18n/context';
import { orgName } from '../i18n/labels';
import { href } from '../router';
import { useSession } from '../session-context';
import { useLoad } from '../use-load';

function Profile(props: { org: Organization }) {
  const { lang, t } = useI18n();
  const o = props.org;
  const list = (title: string, items: readonly string[]) =>
    items.length === 0 ? null : (
      <div>
        <h4>{title}</h4>
        <ul class="plain">
          {items.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      </div>
    );
  return (
    <section class="card profile" data-testid="profile">
      <h2>{orgName(o.name, lang, o.id)}</h2>
      <p class="muted small">
        {orgName(o.name, lang === 'ko' ? 'en' : 'ko', '')} {o.region !== undefined && `· ${o.region}`} {o.founded !== undefined && `· ${t('founded', { year: o.founded })}`}
      </p>
      <OrgBadges org={o} />
      {o.description !== '' && <p class="description">{o.description}</p>}
      <div class="columns">
        {list(t('offers'), o.offers)}
        {list(t('needs'), o.needs)}
        {list(t('technologies'), o.technologies)}
      </div>
      {o.website !== undefined && /^https?:\/\//i.test(o.website) && (
        <p class="small">
          <a href={o.website} rel="noopener noreferrer" target="_blank">
            {t('website')}
          </a>
        </p>
      )}
    </section>
  );
}

function Matches(props: { org: Organization; onIntroduced: (i: Introduction) => void }) {
  const { api, identity } = useSession();
  const { lang, t } = useI18n();
  const [open, setOpen] = useState(0);
  const { data, error, reload } = useLoad<MatchList>(() => api.get(`/v1/organizations/${encodeURIComponent(props.org.id)}/matches?limit=10`), [props.org.id]);
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} context="matches" role={identity?.role} />;
  if (data === undefined) return <Loading />;
  if (data.matches.length === 0) return <p class="muted">{t('noMatches')}</p>;
  const you = orgName(props.org.name, lang, props.org.id);
  const kind = identity?.role === 'member' ? 'request' : 'propose';
  return (
    <ol class="matches" data-testid="matches">
      {data.matches.map((m, i) => {
        const them = orgName(m.name, lang, m.id);
        return (
          <li key={m.id} class={`card match ${open === i ? 'open' : ''}`} data-testid="match" data-org={m.id}>
            <div class="card-head">
              <span class="rank">{i + 1}</span>
              <h3>
                <button type="button" class="link" aria-expanded={open === i} onClick={() => setOpen(open === i ? -1 : i)}>
                  {them}
                </button>
              </h3>
              <ScoreMeter score={m.score} />
            </div>
            <OrgBadges org={m} />
            {m.explanation !== undefined && open !== i && <p class="small">{m.explanation.whyThem[lang]}</p>}
            {open === i && (
              <div class="match-detail">
                <ComponentBars match={m} />
                {m.explanation !== undefined && <Explanation explanation={m.explanation} you={you} them={them} />}
              </div>
            )}
            {identity !== undefined && (
              <IntroButton a={props.org.id} b={m.id} kind={kind} reasons={m.explanation !== undefined ? [m.explanation.whyThem.en] : []} onDone={props.onIntroduced} />
            )}
          </li>
        );
      })}
    </ol>
  );
}

function MyIntroductions(props: { version: number }) {
  const { api } = useSession();
  const { t } = useI18n();
  const { data, error, reload } = useLoad<IntroList>(() => api.get('/v1/introductions'), [props.version]);
  return (
    <section>
      <h3>{t('introductionsTitle')}</h3>
      {error !== undefined ? <ErrorNotice error={error} retry={reload} /> : data === undefined ? <Loading /> : <IntroductionList items={data.items} onMoved={reload} />}
    </section>
  );
}

export function OrgPage(props: { id: string }) {
  const { api, identity } = useSession();
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { data, error, reload } = useLoad<Organization>(() => api.get(`/v1/organizations/${encodeURIComponent(props.id)}`), [props.id]);
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
  const own = identity?.role === 'member' && identity.orgId === data.id;
  // while the key's identity is still being worked out the matches are asked for; the API decides meanwhile
  const matchesShown = identity === undefined || maySeeMatches(identity, data);
  return (
    <main class="org-page">
      <Profile org={data} />
      {matchesShown ? (
        <>
          <p>
            <a class="button secondary" href={href({ page: 'team', id: data.id })}>
              {t('navTeam')} →
            </a>
          </p>
          <h3>{t('matchesTitle')}</h3>
          <Matches org={data} onIntroduced={() => setVersion((v) => v + 1)} />
        </>
      ) : (
        <p class="notice" role="note" data-testid="matches-restricted">
          {t(matchesRefusal(identity.role))}
        </p>
      )}
      {own && <MyIntroductions version={version} />}
    </main>
  );
}
