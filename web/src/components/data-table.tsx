// A table of rows fetched one page at a time from the API. Sorting happens on the server: a sortable header
// is a button that asks for a new `sort` value, and the header carries `aria-sort` for screen readers.
// Clickable rows also get a real link in their first cell, so keyboard users reach the same place.
import type { MouseEvent, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
  /** Server sort values for this column: clicking cycles `first` → `second` (when given). */
  sort?: { first: string; second?: string };
}

export interface DataTableOptions<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string;
  onSort?: (sort: string) => void;
  onRowClick?: (row: T) => void;
  testId?: string;
  empty?: ReactNode;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  onRowClick,
  testId,
  empty = 'Nenhum resultado',
}: DataTableOptions<T>) {
  function handleRowClick(event: MouseEvent<HTMLTableRowElement>, row: T) {
    // Let links and buttons inside the row do their own thing.
    if ((event.target as HTMLElement).closest('a, button, input, select')) return;
    if (window.getSelection()?.toString()) return;
    onRowClick?.(row);
  }

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={column.align === 'right' ? 'num' : undefined}
                aria-sort={ariaSort(column, sort)}
              >
                {column.sort && onSort ? (
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`sort-${column.key}`}
                    onClick={() => column.sort && onSort(nextSort(column.sort, sort))}
                  >
                    {column.header}
                    <span aria-hidden="true" className="sort-indicator">
                      {sortIndicator(column, sort)}
                    </span>
                  </button>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty-cell" data-testid="empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={rowKey(row)}
                className={onRowClick ? 'clickable' : undefined}
                onClick={onRowClick ? (event) => handleRowClick(event, row) : undefined}
                data-testid="row"
              >
                {columns.map((column) => (
                  <td key={column.key} className={column.align === 'right' ? 'num' : undefined}>
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function direction(value: string): 'ascending' | 'descending' {
  return value.startsWith('-') ? 'descending' : 'ascending';
}

function activeValue<T>(column: Column<T>, sort: string | undefined): string | undefined {
  if (!column.sort || !sort) return undefined;
  return sort === column.sort.first || sort === column.sort.second ? sort : undefined;
}

function ariaSort<T>(column: Column<T>, sort: string | undefined): 'ascending' | 'descending' | undefined {
  const active = activeValue(column, sort);
  return active ? direction(active) : undefined;
}

function sortIndicator<T>(column: Column<T>, sort: string | undefined): string {
  const active = activeValue(column, sort);
  if (!active) return '↕';
  return direction(active) === 'descending' ? '↓' : '↑';
}

function nextSort(options: { first: string; second?: string }, sort: string | undefined): string {
  if (sort === options.first && options.second) return options.second;
  return options.first;
}
