// Loads one API resource for a component: loading → ok | error, re-fetching when `key` changes and aborting
// the previous request so a slow old page never overwrites a newer one. `reload()` retries after an error.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './api';

export type Resource<T> =
  | { status: 'loading'; reload: () => void }
  | { status: 'error'; error: ApiError; reload: () => void }
  | { status: 'ok'; data: T; reload: () => void };

type State<T> =
  | { key: string; status: 'loading' }
  | { key: string; status: 'error'; error: ApiError }
  | {
      key: string;
      status: 'ok';
      data: T;
    };

/**
 * @example const overview = useResource((signal) => getOverview(signal), 'overview');
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Resource<T> {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State<T>>({ key, status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setState({ key, status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, status: 'ok', data });
      },
      (cause: unknown) => {
        if (controller.signal.aborted) return;
        setState({ key, status: 'error', error: toApiError(cause) });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render on purpose: `key` names what it loads.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A key change renders once before the effect runs: report loading rather than the old key's data.
  if (state.key !== key || state.status === 'loading') return { status: 'loading', reload };
  if (state.status === 'error') return { status: 'error', error: state.error, reload };
  return { status: 'ok', data: state.data, reload };
}

function toApiError(cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(
    { type: 'about:blank', title: 'Erro inesperado', status: 0, detail: message },
    { cause },
  );
}
