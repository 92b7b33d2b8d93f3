/** An API failure as a sentence a person can act on; 429 and 503 count down and retry by themselves. */
import { matchesRefusal, type Viewer } from '../access';
import { isApiError } from '../api/client';
import { useI18n, type Translate } from '../i18n/context';
import { useRetryCountdown } from '../use-load';

/**
 * `context: 'matches'`: the failure is of an organisation's matches, so a 403 is explained by the key's `role`
 * (a member sees its own organisation's, a coordinator those in its sectors).
 */
export function describeError(error: unknown, t: Translate, context: 'matches' | 'default' = 'default', role?: Viewer['role']): string {
  if (!isApiError(error)) return t('errPage');
  switch (error.status) {
    case 0:
      return t('errNetwork');
    case 401:
      return t('errUnauthenticated');
    case 403:
      return context === 'matches' ? t(matchesRefusal(role)) : t('errForbidden');
    case 404:
      return t('errNotFound');
    case 409:
      return error.code === 'CONFLICT' ? t('introAlreadyOpen') : t('errConflict', { detail: error.detail });
    case 429:
      return t('errRateLimited', { s: error.retryAfter ?? 60 });
    case 503:
      return t('errUnavailable');
    default:
      return error.status >= 500 ? t('errUnexpected', { ref: error.ref ?? '—' }) : t('errInvalid', { detail: error.detail });
  }
}

export function ErrorNotice(props: { error: unknown; retry?: () => void; context?: 'matches' | 'default'; role?: Viewer['role'] | undefined }) {
  const { t } = useI18n();
  const left = useRetryCountdown(props.error, props.retry ?? (() => undefined));
  const e = props.error;
  const showDetail = isApiError(e) && (e.status === 403 || e.status === 404) && e.detail !== '';
  return (
    <div class="notice error" role="alert" data-testid="error">
      <p>{describeError(e, t, props.context, props.role)}</p>
      {showDetail && <p class="muted small">{t('detailFromServer', { detail: e.detail })}</p>}
      {props.retry !== undefined && left !== undefined && <p class="small">{t('retryIn', { s: left })}</p>}
      {props.retry !== undefined && (
        <button type="button" class="secondary" onClick={props.retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" aria-busy="true">
      {t('loading')}
    </p>
  );
}
