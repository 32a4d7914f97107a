// The peer distribution of a flag as an SVG histogram: one bar per bin, the detector's threshold as a dashed
// line, this record's value as a red line, and the side of the threshold where records get flagged shaded.
// Log-scale bins get a log x axis. The whole chart is one image for assistive technology, described in words
// (range, threshold, observed value and how many peers lie below it).
import type { Distribution, ExplanationValue } from '../api';
import { formatByUnit, formatByUnitCompact, formatInteger, formatRatio } from '../format';
import { labelAnchor, makeScale, niceTicks, textWidth } from './chart-scales';

const WIDTH = 640;
const HEIGHT = 230;
const MARGIN = { top: 46, right: 16, bottom: 30, left: 46 };

export function Histogram({
  distribution,
  observed,
  threshold,
  peerDescription,
}: {
  distribution: Distribution;
  observed: ExplanationValue;
  threshold: ExplanationValue;
  peerDescription?: string | undefined;
}) {
  const unit = observed.unit;
  const bins = [...distribution.bins].sort((a, b) => a.from - b.from);
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  const values = [observed.value, threshold.value, ...bins.flatMap((b) => [b.from, b.to])];
  const log = distribution.logScale && values.every((v) => v > 0);
  let min = Math.min(...values);
  let max = Math.max(...values);
  // A little room so a marker at the edge of the data is not drawn on the frame.
  if (log) {
    min /= 1.12;
    max *= 1.12;
  } else {
    const pad = (max - min || Math.abs(max) || 1) * 0.04;
    min = min >= 0 && min - pad < 0 ? 0 : min - pad;
    max += pad;
  }

  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const x = makeScale(min, max, left, right, log, 6);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const yTicks = niceTicks(0, maxCount, 3).filter((t) => Number.isInteger(t));
  const yMax = Math.max(maxCount, ...yTicks);
  const y = (count: number) => bottom - (count / yMax) * (bottom - top);

  const thresholdX = x(threshold.value);
  const observedX = x(observed.value);
  const flaggedAbove = observed.value >= threshold.value;
  const below = bins.filter((b) => b.to <= observed.value).reduce((sum, b) => sum + b.count, 0);

  const thresholdText = `Limiar ${formatByUnit(threshold.value, threshold.unit)}`;
  const observedText = `Observado ${formatByUnit(observed.value, unit)}`;
  const thresholdLabel = labelAnchor(thresholdX, textWidth(thresholdText), left, right);
  const observedLabel = labelAnchor(observedX, textWidth(observedText), left, right);

  const label =
    `Histograma de ${formatInteger(total)} valores do grupo de comparação` +
    `${peerDescription ? ` (${peerDescription})` : ''}, de ${formatByUnit(bins[0]?.from, unit)} ` +
    `a ${formatByUnit(bins[bins.length - 1]?.to, unit)} em ${formatInteger(bins.length)} faixas` +
    `${log ? ', eixo horizontal em escala logarítmica' : ''}. ` +
    `Limiar: ${formatByUnit(threshold.value, threshold.unit)}. ` +
    `Valor observado: ${formatByUnit(observed.value, unit)}` +
    (total > 0 ? `; pelo menos ${formatRatio(below / total)} dos valores do grupo estão abaixo dele.` : '.');

  return (
    <figure className="chart histogram" data-testid="flag-distribution">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        data-log-scale={log ? 'true' : 'false'}
        className="chart-svg"
      >
        <rect
          className="histogram-flagged-zone"
          x={flaggedAbove ? thresholdX : left}
          y={top}
          width={Math.max(0, flaggedAbove ? right - thresholdX : thresholdX - left)}
          height={bottom - top}
        />
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="chart-grid" x1={left} x2={right} y1={y(t)} y2={y(t)} />
            <text className="chart-tick" x={left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {formatInteger(t)}
            </text>
          </g>
        ))}
        {bins.map((b) => {
          const x0 = x(b.from);
          const x1 = x(b.to);
          return (
            <rect
              key={`${b.from}-${b.to}`}
              className="histogram-bar"
              data-testid="histogram-bar"
              x={x0 + 0.5}
              width={Math.max(1, x1 - x0 - 1)}
              y={y(b.count)}
              height={bottom - y(b.count)}
            >
              <title>{`${formatByUnit(b.from, unit)} a ${formatByUnit(b.to, unit)}: ${formatInteger(b.count)}`}</title>
            </rect>
          );
        })}
        <line className="chart-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
        {x.ticks.map((t) => (
          <g key={`x${t}`}>
            <line className="chart-axis" x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + 4} />
            <text className="chart-tick" x={x(t)} y={bottom + 17} textAnchor="middle">
              {formatByUnitCompact(t, unit)}
            </text>
          </g>
        ))}
        <g data-testid="histogram-threshold" data-x={thresholdX.toFixed(1)}>
          <line className="marker-threshold" x1={thresholdX} x2={thresholdX} y1={top - 6} y2={bottom} />
          <text className="marker-label" x={thresholdLabel.x} y={14} textAnchor={thresholdLabel.anchor}>
            {thresholdText}
          </text>
        </g>
        <g data-testid="histogram-observed" data-x={observedX.toFixed(1)}>
          <line className="marker-observed" x1={observedX} x2={observedX} y1={top - 6} y2={bottom} />
          <text
            className="marker-label marker-label-observed"
            x={observedLabel.x}
            y={31}
            textAnchor={observedLabel.anchor}
          >
            {observedText}
          </text>
        </g>
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch histogram-bar" aria-hidden="true" /> Grupo de comparação (número de valores por
          faixa)
        </span>
        <span>
          <i className="swatch-line marker-threshold" aria-hidden="true" /> Limiar
        </span>
        <span>
          <i className="swatch-line marker-observed" aria-hidden="true" /> Valor observado
        </span>
        <span>
          <i className="swatch histogram-flagged-zone" aria-hidden="true" /> Faixa sinalizada
        </span>
        {log && <span className="muted">Eixo horizontal em escala logarítmica</span>}
      </figcaption>
    </figure>
  );
}
