// Monthly spending as SVG bars, one per accounting month, with an optional monthly limit drawn as a dashed
// step line and the part of a bar above the limit in red (the same colours as the limit bar of a flag). Used
// for a deputy's total per month and, as small multiples, per subquota that has a limit. Each bar has a
// tooltip; the chart as a whole is one image described in words for assistive technology.
import { formatBrl, formatBrlCompact, formatMonth } from '../format';
import { niceTicks } from './chart-scales';

export interface MonthBar {
  year: number;
  month: number;
  cents: number;
  /** The monthly limit in force, when the series has one. */
  limitCents?: number | null;
  reimbursements?: number;
}

const MONTH_ABBR = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'];

export function MonthBars({
  bars,
  label,
  width = 640,
  height = 200,
  testId,
}: {
  bars: MonthBar[];
  /** What the chart shows, for the accessible description (the numbers are appended). */
  label: string;
  width?: number;
  height?: number;
  testId?: string;
}) {
  const margin = { top: 12, right: 10, bottom: 34, left: 62 };
  const left = margin.left;
  const right = width - margin.right;
  const top = margin.top;
  const bottom = height - margin.bottom;
  const hasLimit = bars.some((b) => typeof b.limitCents === 'number');
  const maxValue = Math.max(1, ...bars.map((b) => Math.max(b.cents, b.limitCents ?? 0)));
  const ticks = niceTicks(0, maxValue * 1.05, height < 180 ? 3 : 4);
  const yMax = Math.max(maxValue * 1.05, ...ticks);
  const y = (cents: number) => bottom - (Math.max(0, cents) / yMax) * (bottom - top);
  const slot = (right - left) / Math.max(1, bars.length);
  const barWidth = Math.max(2, Math.min(48, slot * 0.72));
  const xOf = (i: number) => left + slot * i + (slot - barWidth) / 2;
  // Label every month when there is room, else every 2nd, 3rd, … so labels never collide.
  const every = Math.max(1, Math.ceil(30 / slot));

  const limitPath = hasLimit
    ? bars
        .map((b, i) => {
          if (typeof b.limitCents !== 'number') return '';
          const prev = bars[i - 1]?.limitCents;
          const yl = y(b.limitCents).toFixed(1);
          const x0 = (left + slot * i).toFixed(1);
          const x1 = (left + slot * (i + 1)).toFixed(1);
          return `${typeof prev === 'number' ? 'L' : 'M'}${x0},${yl} L${x1},${yl}`;
        })
        .join(' ')
    : '';

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={describe(bars, label)}
      className="chart-svg"
      data-testid={testId}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={left} x2={right} y1={y(t)} y2={y(t)} />
          <text className="chart-tick" x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
            {formatBrlCompact(t)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const limit = typeof b.limitCents === 'number' ? b.limitCents : undefined;
        const within = limit === undefined ? b.cents : Math.min(b.cents, limit);
        const over = limit === undefined ? 0 : Math.max(0, b.cents - limit);
        const title =
          `${formatMonth(b.year, b.month)}: ${formatBrl(b.cents)}` +
          (limit !== undefined ? ` (limite ${formatBrl(limit)})` : '') +
          (b.reimbursements !== undefined ? ` · ${b.reimbursements} reembolso(s)` : '');
        return (
          <g
            key={`${b.year}-${b.month}`}
            data-testid="month-bar"
            data-month={`${b.year}-${String(b.month).padStart(2, '0')}`}
            data-over={over > 0 ? 'true' : undefined}
          >
            <title>{title}</title>
            {within > 0 && (
              <rect
                className="bar-within"
                x={xOf(i)}
                width={barWidth}
                y={y(within)}
                height={bottom - y(within)}
              />
            )}
            {over > 0 && (
              <rect
                className="bar-over"
                x={xOf(i)}
                width={barWidth}
                y={y(b.cents)}
                height={y(within) - y(b.cents)}
              />
            )}
            {i % every === 0 && (
              <text className="chart-tick" x={xOf(i) + barWidth / 2} y={bottom + 14} textAnchor="middle">
                {MONTH_ABBR[b.month - 1] ?? b.month}
              </text>
            )}
            {(i === 0 || b.month === 1) && (
              <text
                className="chart-tick chart-year"
                x={xOf(i) + barWidth / 2}
                y={bottom + 27}
                textAnchor="middle"
              >
                {b.year}
              </text>
            )}
          </g>
        );
      })}
      <line className="chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
      {limitPath && <path className="limit-step" d={limitPath} data-testid="limit-line" />}
    </svg>
  );
}

function describe(bars: MonthBar[], label: string): string {
  if (bars.length === 0) return `${label}: sem dados.`;
  const first = bars[0]!;
  const last = bars[bars.length - 1]!;
  const peak = bars.reduce((a, b) => (b.cents > a.cents ? b : a), first);
  const total = bars.reduce((sum, b) => sum + b.cents, 0);
  const over = bars.filter((b) => typeof b.limitCents === 'number' && b.cents > b.limitCents);
  const limits = [
    ...new Set(bars.map((b) => b.limitCents).filter((l): l is number => typeof l === 'number')),
  ];
  let text =
    `${label}: ${bars.length === 1 ? '1 mês' : `${bars.length} meses`}, de ${formatMonth(first.year, first.month)} ` +
    `a ${formatMonth(last.year, last.month)}; total ${formatBrl(total)}; maior mês ` +
    `${formatMonth(peak.year, peak.month)} com ${formatBrl(peak.cents)}.`;
  if (limits.length > 0) {
    text += ` Limite mensal ${limits.map((l) => formatBrl(l)).join(' / ')}; `;
    text +=
      over.length === 0
        ? 'nenhum mês acima do limite.'
        : `${over.length === 1 ? '1 mês' : `${over.length} meses`} acima do limite: ` +
          over.map((b) => `${formatMonth(b.year, b.month)} (${formatBrl(b.cents)})`).join(', ') +
          '.';
  }
  return text;
}
