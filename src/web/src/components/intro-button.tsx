/** "Request introduction" (a member for itself) or "propose introduction" (a coordinator): POST /v1/introductions. */
import { useState } from 'preact/hooks';
import { isApiError } from '../api/client';
import type { Introduction } from '../api/types';
import { useI18n } from '../i18n/context';
import { useSession } from '../session-context';
import { describeError } from './error-notice';

export function IntroButton(props: { a: string; b: string; kind: 'request' | 'propose'; reasons?: readonly string[]; onDone?: (i: Introduction) => void }) {
  const { api } = useSession();
  const { t } = useI18n();
  const [state, setState] = useState<{ phase: 'idle' | 'pending' | 'done' } | { phase: 'failed'; error: unknown }>({ phase: 'idle' });
  const submit = async () => {
    setState({ phase: 'pending' });
    try {
      const intro: Introduction = await api.post('/v1/introductions', {
        a: props.a,
        b: props.b,
        ...(props.reasons !== undefined && props.reasons.length > 0 ? { reasons: props.reasons.slice(0, 20).map((r) => r.slice(0, 500)) } : {}),
      });
      setState({ phase: 'done' });
      props.onDone?.(intro);
    } catch (error) {
      // an open introduction for the pair already exists: for the person that is as good as done
      if (isApiError(error) && error.code === 'CONFLICT') setState({ phase: 'done' });
      else setState({ phase: 'failed', error });
    }
  };
  if (state.phase === 'done') {
    return (
      <span class="done" role="status" data-testid="intro-done">
        ✓ {props.kind === 'request' ? t('introRequested') : t('introProposed')}
      </span>
    );
  }
  return (
    <span class="intro-action">
      <button type="button" onClick={() => void submit()} disabled={state.phase === 'pending'} data-testid={`intro-${props.b}`}>
        {props.kind === 'request' ? t('requestIntro') : t('proposeIntro')}
      </button>
      {state.phase === 'failed' && (
        <span class="inline-error" role="alert">
          {describeError(state.error, t)}
        </span>
      )}
    </span>
  );
}
