// SQL snippets that render values the Brazilian way inside explanation texts built in DuckDB.

/** `R$ 1.234,56` from an integer-cents SQL expression. */
export function sqlBrl(centsExpr: string): string {
  return `('R$ ' || replace(replace(replace(format('{:,.2f}', (${centsExpr}) / 100.0), ',', '_'), '.', ','), '_', '.'))`;
}

/** `MM/AAAA` from year and month SQL expressions. */
export function sqlMonthBr(yearExpr: string, monthExpr: string): string {
  return `(lpad(CAST(${monthExpr} AS VARCHAR), 2, '0') || '/' || CAST(${yearExpr} AS VARCHAR))`;
}

/** `MM/AAAA` from a 'YYYY-MM' SQL expression. */
export function sqlYearMonthBr(ymExpr: string): string {
  return `(substr(${ymExpr}, 6, 2) || '/' || substr(${ymExpr}, 1, 4))`;
}
