/** Sign-in with an API key; a key the server refused comes back here with the reason. */
import { useState } from 'preact/hooks';
import { describeError } from '../components/error-notice';
import { useI18n } from '../i18n/context';

export function SignIn(props: { onKey: (key: string) => void; error: unknown }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  return (
    <main class="sign-in">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim() !== '') props.onKey(key.trim());
        }}
      >
        <h2>{t('signInTitle')}</h2>
        <p>{t('signInHelp')}</p>
        {props.error !== undefined && (
          <p class="notice error" role="alert" data-testid="error">
            {describeError(props.error, t)}
          </p>
        )}
        <label for="key">{t('apiKey')}</label>
        <div class="row">
          <input id="key" type="password" autoComplete="off" spellcheck={false} value={key} onInput={(e) => setKey(e.currentTarget.value)} placeholder="imk_…" data-testid="key-input" />
          <button type="submit" disabled={key.trim() === ''}>
            {t('signIn')}
          </button>
        </div>
        <p class="muted small">{t('signInDemo')}</p>
      </form>
    </main>
  );
}
