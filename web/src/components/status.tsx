// What a person sees while data is on its way or could not be had: "Carregando…", the API's problem (title,
// `detail` and each bad parameter) with a retry button, and "Nenhum resultado". Live regions so screen
// readers hear the change.
import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import type { Resource } from '../use-resource';

// The API's problem titles are generic HTTP phrases (often in English); the dashboard names the situation in
// Portuguese and shows the API's `detail` verbatim under it.
const TITLES: Record<number, string> = {
  400: 'Parâmetros inválidos',
  404: 'Não encontrado',
  422: 'Parâmetros inválidos',
  429: 'Muitas requisições; tente de novo em instantes',
  503: 'Serviço indisponível',
};

function problemTitle(error: ApiError): string {
  const { status, title } = error.problem;
  if (status === 0) return title;
  return TITLES[status] ?? (status >= 500 ? 'Erro no servidor' : 'Não foi possível carregar os dados');
}

export function Loading({ label = 'Carregando…' }: { label?: string }) {
  return (
    <p className="status status-loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: ApiError;
  onRetry?: () => void;
  title?: string;
}) {
  const { problem } = error;
  return (
    <div className="status status-error" role="alert" data-testid="error">
      <h2>{title ?? problemTitle(error)}</h2>
      <p data-testid="error-detail">{problem.detail}</p>
      {problem.errors && problem.errors.length > 0 && (
        <ul className="problem-errors">
          {problem.errors.map((e) => (
            <li key={`${e.parameter}:${e.message}`}>
              <code>{e.parameter}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem.status > 0 && <p className="muted">Código HTTP {problem.status}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Tentar novamente
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children = 'Nenhum resultado' }: { children?: ReactNode }) {
  return (
    <p className="status status-empty" data-testid="empty">
      {children}
    </p>
  );
}

/** Renders a resource: loading and error states, or `children(data)`. */
export function Async<T>({
  resource,
  children,
}: {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
}) {
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error') return <ErrorState error={resource.error} onRetry={resource.reload} />;
  return <>{children(resource.data)}</>;
}
