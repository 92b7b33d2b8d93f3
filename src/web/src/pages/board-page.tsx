/**
 * The coordinator board of one sector: the best not-yet-connected pairs with "propose introduction", the
 * introductions by status with their allowed moves, and the funnel.
 */
import { useState } from 'preact/hooks';
import type { Funnel, IntroductionList as IntroList, OpportunityList } from '../api/types';
import { OrgBadges, ScoreMeter } from '../components/badges';
import { ErrorNotice, Loading } from '../components/error-notice';
import { FunnelChart } from '../components/funnel-chart';
import { IntroButton } from '../components/intro-button';
import { IntroductionList } from '../components/introduction-list';
import { useI18n } from '../i18n/context';
import { orgName, sectorLabel } from '../i18n/labels';
import { href, navigate } from '../router';
import { useSession } from '../session-context';
import { useLoad } from '../use-load';

function Opportunities(props: { sector: string; onProposed: () => void }) {
  const { api } = useSession();
  const { lang, t } = useI18n();
  const { data, error, reload } = useLoad<OpportunityList>(() => api.get(`/v1/sectors/${encodeURIComponent(props.sector)}/opportunities?limit=10`), [props.sector]);
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} />;
  if (data === undefined) return <Loading />;
  if (data.pairs.length === 0) return <p class="muted">{t('noOpportunities')}</p>;
  return (
    <ol class="pairs" data-testid="opportunities">
      {data.pairs.map((p) => (
        <li key={`${p.a.id}|${p.b.id}`} class="card pair" data-testid="opportunity" data-a={p.a.id} data-b={p.b.id}>
          <div class="card-head">
            <div class="pair-sides">
              {[p.a, p.b].map((side, i) => (
                <div key={side.id} class="side">
                  <h3>
                    {i === 1 && (
                      <span class="arrow" aria-hidden="true">
                        ↔{' '}
                      </span>
                    )}
                    <a href={href({ page: 'org', id: side.id })}>{orgName(side.name, lang, side.id)}</a>
                  </h3>
                  <OrgBadges org={side} />
                </div>
              ))}
            </div>
            <ScoreMeter score={p.score} />
          </div>
          {p.explanation !== undefined && <p class="small">{p.explanation.whyThem[lang]}</p>}
          <IntroButton a={p.a.id} b={p.b.id} kind="propose" reasons={p.explanation !== undefined ? [p.explanation.whyThem.en] : []} onDone={props.onProposed} />
        </li>
      ))}
    </ol>
  );
}

function Introductions(props: { sector: string; version: number; onMoved: () => void }) {
  const { api } = useSession();
  const { data, error, reload } = useLoad<IntroList>(() => api.get(`/v1/introductions?sector=${encodeURIComponent(props.sector)}`), [props.sector, props.version]);
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} />;
  if (data === undefined) return <Loading />;
  return <IntroductionList items={data.items} onMoved={props.onMoved} />;
}

function FunnelPanel(props: { sector: string; version: number }) {
  const { api } = useSession();
  const { data, error, reload } = useLoad<Funnel>(() => api.get(`/v1/sectors/${encodeURIComponent(props.sector)}/funnel`), [props.sector, props.version]);
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} />;
  if (data === undefined) return <Loading />;
  return <FunnelChart funnel={data} />;
}

export function BoardPage(props: { sector: string | undefined }) {
  const { identity } = useSession();
  const { lang, t } = useI18n();
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  if (identity === undefined) return <Loading />;
  if (identity.role === 'member') {
    return (
      <main>
        <p class="notice error" role="alert">
          {t('errForbidden')}
        </p>
      </main>
    );
  }
  const sector = props.sector !== undefined && identity.sectors.includes(props.sector) ? props.sector : identity.sectors[0];
  if (sector === undefined) return <main class="muted">{t('noOpportunities')}</main>;
  return (
    <main class="board">
      <div class="board-head">
        <h2>{t('boardTitle')}</h2>
        <label>
          {t('sector')}{' '}
          <select value={sector} onChange={(e) => navigate({ page: 'board', sector: e.currentTarget.value })} data-testid="sector-select">
            {identity.sectors.map((s) => (
              <option key={s} value={s}>
                {sectorLabel(s, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="board-grid">
        <section>
          <h3>{t('opportunitiesTitle')}</h3>
          <Opportunities sector={sector} onProposed={bump} />
        </section>
        <section>
          <FunnelPanel sector={sector} version={version} />
          <h3>{t('introductionsTitle')}</h3>
          <Introductions sector={sector} version={version} onMoved={bump} />
        </section>
      </div>
    </main>
  );
}
