/** Loading data for a view: the value, the error, a reload; retried by itself after a 503/429 wait. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isApiError } from './api/client';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Runs `load` when `deps` change (and on `reload`); a stale answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    load().then(
      (data) => {
        if (seq.current === mine) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (seq.current === mine) setState({ data: undefined, error, loading: false });
      },
    );
    // `load` is a new closure every render: `deps` say when it really changes
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Seconds left before an automatic retry of a retryable error (503, 429), counting down; undefined otherwise. */
export function useRetryCountdown(error: unknown, retry: () => void): number | undefined {
  const wait = isApiError(error) && (error.status === 503 || error.status === 429) ? Math.max(1, error.retryAfter ?? 5) : undefined;
  const [left, setLeft] = useState(wait);
  useEffect(() => {
    setLeft(wait);
    if (wait === undefined) return undefined;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = wait - Math.floor((Date.now() - started) / 1000);
      if (remaining <= 0) {
        clearInterval(timer);
        retry();
      } else setLeft(remaining);
    }, 250);
    return () => clearInterval(timer);
  }, [error, wait, retry]);
  return left;
}
