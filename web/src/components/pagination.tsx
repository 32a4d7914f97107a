// Server-side pagination controls: "Página 2 de 10", previous/next, and the page size. Pages are 1-based,
// matching the API's `page` parameter.
import { formatInteger } from '../format';

const PAGE_SIZES = [25, 50, 100];

export function Pagination({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
  noun = 'resultados',
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (pageSize: number) => void;
  noun?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label="Paginação" data-testid="pagination">
      <p className="pagination-summary" aria-live="polite">
        <span data-testid="page-label">
          Página {formatInteger(page)} de {formatInteger(pages)}
        </span>
        <span className="muted">
          {' '}
          · {formatInteger(first)}–{formatInteger(last)} de {formatInteger(total)} {noun}
        </span>
      </p>
      <div className="pagination-controls">
        {onPageSize && (
          <label className="inline-field">
            Itens por página
            <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
              {[...new Set([...PAGE_SIZES, pageSize])]
                .sort((a, b) => a - b)
                .map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
            </select>
          </label>
        )}
        <button type="button" className="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          ← Anterior
        </button>
        <button type="button" className="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
          Próxima →
        </button>
      </div>
    </nav>
  );
}
