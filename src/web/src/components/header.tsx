/** The top bar: where you can go (by role), who you are, the language switch, sign-out. */
import type { Identity } from '../api/session';
import type { Lang } from '../api/types';
import { useI18n } from '../i18n/context';
import { sectorLabel } from '../i18n/labels';
import { href, type Route } from '../router';
import { useNameOf } from './badges';

export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  const option = (l: Lang, label: string) => (
    <button type="button" lang={l} aria-pressed={lang === l} class={lang === l ? 'on' : ''} onClick={() => setLang(l)} data-testid={`lang-${l}`}>
      {label}
    </button>
  );
  return (
    <span class="lang" role="group" aria-label={t('language')}>
      {option('ko', '한국어')}
      {option('en', 'English')}
    </span>
  );
}

function Who(props: { identity: Identity }) {
  const { lang, t } = useI18n();
  const nameOf = useNameOf();
  const i = props.identity;
  const text =
    i.role === 'member'
      ? t('roleMember', { org: nameOf(i.orgId) })
      : i.role === 'admin'
        ? t('roleAdmin')
        : t('roleCoordinator', { sectors: i.sectors.map((s) => sectorLabel(s, lang)).join(', ') });
  return (
    <span class="who" data-testid="who">
      {text}
    </span>
  );
}

export function Header(props: { route: Route; identity: Identity | undefined; onSignOut?: () => void }) {
  const { t } = useI18n();
  const i = props.identity;
  const link = (to: Route, label: string, active: boolean) => (
    <a href={href(to)} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
  const p = props.route.page;
  return (
    <header class="top">
      <div class="brand">
        <a href="#/search">
          <b>innomatch</b>
        </a>
        <span class="tagline">{t('appTagline')}</span>
      </div>
      {props.onSignOut !== undefined && (
        <nav>
          {link({ page: 'search', q: '' }, t('navSearch'), p === 'search')}
          {i?.role === 'member' && link({ page: 'org', id: i.orgId }, t('navMyOrg'), p === 'org')}
          {i?.role === 'member' && link({ page: 'team', id: i.orgId }, t('navTeam'), p === 'team')}
          {i !== undefined && i.role !== 'member' && link({ page: 'board', sector: undefined }, t('navBoard'), p === 'board')}
        </nav>
      )}
      <div class="session">
        {i !== undefined && <Who identity={i} />}
        <LangSwitch />
        {props.onSignOut !== undefined && (
          <button type="button" class="secondary" onClick={props.onSignOut} data-testid="sign-out">
            {t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}
