// A horizontal bar for the monthly-limit rule: the running total up to this receipt against the subquota's
// monthly limit (marked with a line), with the month's full total behind it for context. Plain HTML/CSS:
// a single bar does not need a charting library, and it prints and scales cleanly.
import { formatBrl } from '../format';

export function LimitBar({
  limitCents,
  runningTotalCents,
  monthTotalCents,
}: {
  limitCents: number;
  runningTotalCents: number;
  monthTotalCents: number;
}) {
  const scale = Math.max(limitCents, runningTotalCents, monthTotalCents, 1) * 1.08;
  const pct = (cents: number) => `${Math.max(0, Math.min(100, (cents / scale) * 100)).toFixed(2)}%`;
  const withinCents = Math.min(runningTotalCents, limitCents);
  const overCents = Math.max(0, runningTotalCents - limitCents);
  const label =
    `Total acumulado até este recibo: ${formatBrl(runningTotalCents)}; ` +
    `limite mensal: ${formatBrl(limitCents)}; total do mês: ${formatBrl(monthTotalCents)}.`;

  return (
    <figure className="limit-bar" data-testid="limit-bar">
      <div className="limit-track" role="img" aria-label={label}>
        <div className="limit-fill limit-month" style={{ width: pct(monthTotalCents) }} />
        <div className="limit-fill limit-within" style={{ width: pct(withinCents) }} />
        {overCents > 0 && (
          <div className="limit-fill limit-over" style={{ left: pct(limitCents), width: pct(overCents) }} />
        )}
        <div className="limit-line" style={{ left: pct(limitCents) }}>
          <span className="limit-line-label">Limite {formatBrl(limitCents)}</span>
        </div>
      </div>
      <figcaption className="limit-legend">
        <span>
          <i className="swatch limit-within" aria-hidden="true" /> Acumulado até este recibo (dentro do
          limite)
        </span>
        <span>
          <i className="swatch limit-over" aria-hidden="true" /> Acima do limite
        </span>
        <span>
          <i className="swatch limit-month" aria-hidden="true" /> Total do mês
        </span>
      </figcaption>
    </figure>
  );
}
