/** The page: signed out → the key form; signed in → header and the view of the current hash route. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useErrorBoundary } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { createApi, isApiError, type ApiError } from './api/client';
import { identify, loadDirectory, storedKey, storeKey, takeKeyFromHash, type Identity } from './api/session';
import type { Lang } from './api/types';
import { ErrorNotice } from './components/error-notice';
import { Header } from './components/header';
import { I18nContext, initialLang, makeI18n, rememberLang, useI18n } from './i18n/context';
import { BoardPage } from './pages/board-page';
import { OrgPage } from './pages/org-page';
import { SearchPage } from './pages/search-page';
import { SignIn } from './pages/sign-in';
import { TeamPage } from './pages/team-page';
import { useRoute, type Route } from './router';
import { SessionContext, type Directory, type Session } from './session-context';

/** A view that throws shows a message instead of leaving the page blank. */
function Guard(props: { children: ComponentChildren; route: Route }) {
  const { t } = useI18n();
  const [error, reset] = useErrorBoundary();
  useEffect(() => {
    if (error !== undefined) reset();
    // a new route gets a fresh try
  }, [props.route]);
  if (error !== undefined)
    return (
      <main>
        <p class="notice error" role="alert" data-testid="error">
          {t('errPage')}
        </p>
      </main>
    );
  return <>{props.children}</>;
}

function View(props: { route: Route }) {
  const r = props.route;
  switch (r.page) {
    case 'search':
      return <SearchPage q={r.q} />;
    case 'org':
      return <OrgPage key={r.id} id={r.id} />;
    case 'team':
      return <TeamPage key={r.id} id={r.id} />;
    case 'board':
      return <BoardPage sector={r.sector} />;
  }
}

function SignedIn(props: { apiKey: string; onSignOut: (reason?: ApiError) => void }) {
  const route = useRoute();
  const api = useMemo(() => createApi(props.apiKey, (e) => props.onSignOut(e)), [props.apiKey]);
  const [directory, setDirectory] = useState<Directory>(new Map());
  const [identity, setIdentity] = useState<Identity | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setProblem(undefined);
    (async () => {
      const dir = await loadDirectory(api);
      if (!live) return;
      setDirectory(dir);
      const who = await identify(api, dir);
      if (live) setIdentity(who);
    })().catch((e: unknown) => {
      if (live && !(isApiError(e) && e.status === 401)) setProblem(e);
    });
    return () => {
      live = false;
    };
  }, [api, attempt]);
  const session: Session = useMemo(() => ({ api, identity, directory, signOut: () => props.onSignOut() }), [api, identity, directory]);
  return (
    <SessionContext.Provider value={session}>
      <Header route={route} identity={identity} onSignOut={() => props.onSignOut()} />
      {problem !== undefined && <ErrorNotice error={problem} retry={() => setAttempt((a) => a + 1)} />}
      <Guard route={route}>
        <View route={route} />
      </Guard>
    </SessionContext.Provider>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [key, setKey] = useState<string | undefined>(() => {
    const fromLink = takeKeyFromHash();
    if (fromLink !== undefined) storeKey(fromLink);
    return fromLink ?? storedKey();
  });
  const [refused, setRefused] = useState<unknown>(undefined);
  const i18n = useMemo(
    () =>
      makeI18n(lang, (l) => {
        rememberLang(l);
        setLangState(l);
      }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const signIn = (k: string) => {
    storeKey(k);
    setRefused(undefined);
    setKey(k);
  };
  const signOut = (reason?: ApiError) => {
    storeKey(undefined);
    setRefused(reason);
    setKey(undefined);
  };
  return (
    <I18nContext.Provider value={i18n}>
      {key === undefined ? (
        <>
          <Header route={{ page: 'search', q: '' }} identity={undefined} />
          <SignIn onKey={signIn} error={refused} />
        </>
      ) : (
        <SignedIn key={key} apiKey={key} onSignOut={signOut} />
      )}
    </I18nContext.Provider>
  );
}
