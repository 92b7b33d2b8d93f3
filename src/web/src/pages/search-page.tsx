/** Free-text search in Korean or English: ranked organisations with badges, a score and readable reasons. */
import { useEffect, useState } from 'preact/hooks';
import type { SearchResult } from '../api/types';
import { OrgBadges, ScoreMeter } from '../components/badges';
import { SearchChips } from '../components/chips';
import { ErrorNotice } from '../components/error-notice';
import { IntroButton } from '../components/intro-button';
import { useI18n } from '../i18n/context';
import { orgName } from '../i18n/labels';
import { href, navigate } from '../router';
import { useSession } from '../session-context';
import { useLoad } from '../use-load';

const EXAMPLES = ['5G 스마트공장 머신비전', 'clinical validation partner', '반도체 정밀 센서'];

function Results(props: { q: string }) {
  const { api, identity } = useSession();
  const { lang, t } = useI18n();
  const { data, error, loading, reload } = useLoad<SearchResult>(() => api.post('/v1/search', { query: props.q, limit: 20 }), [props.q]);
  if (error !== undefined) return <ErrorNotice error={error} retry={reload} />;
  if (loading || data === undefined) return <p class="muted">{t('searching')}</p>;
  if (data.results.length === 0) return <p class="notice">{t('noResults', { query: props.q })}</p>;
  const self = identity?.role === 'member' ? identity.orgId : undefined;
  return (
    <>
      <p class="muted" aria-live="polite">
        {t('resultsFor', { count: data.results.length, query: data.query })}
      </p>
      <ol class="results" data-testid="results">
        {data.results.map((hit, i) => (
          <li key={hit.id} class="card result" data-testid="result" data-org={hit.id}>
            <div class="card-head">
              <span class="rank">{i + 1}</span>
              <h3>
                <a href={href({ page: 'org', id: hit.id })}>{orgName(hit.name, lang, hit.id)}</a>
              </h3>
              <ScoreMeter score={hit.score} />
            </div>
            <OrgBadges org={hit} />
            <h4 class="small muted">{t('matchedBecause')}</h4>
            <SearchChips hit={hit} />
            {self !== undefined && hit.id !== self && <IntroButton a={self} b={hit.id} kind="request" reasons={[`search: ${data.query}`]} />}
          </li>
        ))}
      </ol>
    </>
  );
}

export function SearchPage(props: { q: string }) {
  const { t } = useI18n();
  const [text, setText] = useState(props.q);
  useEffect(() => setText(props.q), [props.q]);
  const go = (q: string) => navigate({ page: 'search', q: q.trim() });
  return (
    <main>
      <h2>{t('searchTitle')}</h2>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(text);
        }}
      >
        <label for="q">{t('searchLabel')}</label>
        <div class="row">
          <input id="q" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder={t('searchPlaceholder')} maxLength={2000} autoFocus data-testid="search-input" />
          <button type="submit" disabled={text.trim() === ''}>
            {t('searchButton')}
          </button>
        </div>
        <p class="examples small">
          {t('searchExamples')}{' '}
          {EXAMPLES.map((ex) => (
            <button key={ex} type="button" class="link" onClick={() => go(ex)}>
              {ex}
            </button>
          ))}
        </p>
      </form>
      {props.q !== '' ? <Results q={props.q} /> : null}
    </main>
  );
}

