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

/** `1.234` from an integer SQL expression (thousands dot). */
export function sqlIntBr(expr: string): string {
  return `replace(format('{:,d}', (${expr})::BIGINT), ',', '.')`;
}

/** `12,3` from a numeric SQL expression, with `digits` decimals and a decimal comma. */
export function sqlDecimalBr(expr: string, digits = 1): string {
  return `replace(format('{:.${digits}f}', ${expr}), '.', ',')`;
}

/** A CNPJ (`12.345.678/0001-90`) or CPF (`123.456.789-01`) mask over a digits-only SQL expression; else as is. */
export function sqlDocumentMask(digitsExpr: string): string {
  const d = digitsExpr;
  return `(CASE length(${d})
      WHEN 14 THEN substr(${d}, 1, 2) || '.' || substr(${d}, 3, 3) || '.' || substr(${d}, 6, 3) || '/' || substr(${d}, 9, 4) || '-' || substr(${d}, 13, 2)
      WHEN 11 THEN substr(${d}, 1, 3) || '.' || substr(${d}, 4, 3) || '.' || substr(${d}, 7, 3) || '-' || substr(${d}, 10, 2)
      ELSE ${d} END)`;
}
