// The reliability (calibration) chart: for each probability bin, the mean predicted probability against the
// share of positives (glosas, laws) actually observed, with the diagonal of perfect calibration and the Brier
// score. Positives are rare, so most predictions sit near zero; the axes stop a little past the largest value
// instead of at 1 so the bins that matter are not squeezed into a corner (the range is stated in the
// description).
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatInteger } from '../format';
import { formatMetric, formatRate } from './model-labels';
import type { OutcomeWords } from './model-outcome';
import {
  colorOf,
  lineSeries,
  pointSeries,
  referenceSeries,
  shortLabel,
  unitSquare,
  type CurveSource,
} from './roc-pr-charts';
import { alignCurves, type Curve } from './curve-align';
import { UPlotChart, decimalValue } from './uplot-chart';

export function CalibrationChart({
  sources,
  partLabel,
  words,
}: {
  sources: readonly CurveSource[];
  partLabel: string;
  words: OutcomeWords;
}) {
  const max = axisMax(sources);
  const { options, data } = useMemo(() => {
    const curves: Curve[] = [];
    const series: uPlot.Series[] = [{ label: 'Probabilidade prevista', value: decimalValue(3) }];
    sources.forEach((s, i) => {
      const bins = s.evaluation.calibration.bins;
      curves.push({ x: bins.map((b) => b.meanPredicted), y: bins.map((b) => b.fractionPositive) });
      const line = lineSeries(
        `${shortLabel(s.label)} (Brier ${formatMetric(s.evaluation.calibration.brier, 4)})`,
        colorOf(i),
      );
      series.push({ ...line, points: pointSeries('', colorOf(i)).points });
    });
    curves.push({ x: [0, max], y: [0, max] });
    series.push(referenceSeries('Calibração perfeita'));
    return {
      data: alignCurves(curves),
      options: unitSquare(series, 'Probabilidade prevista (média da faixa)', words.observed, max),
    };
  }, [sources, max, words]);

  const first = sources[0];
  const description =
    `Gráfico de calibração na parte de ${partLabel}, eixos de 0 a ${formatRate(max)}: ` +
    sources
      .map((s) => {
        const bins = s.evaluation.calibration.bins;
        return (
          `${s.label}, Brier ${formatMetric(s.evaluation.calibration.brier, 4)}, ${formatInteger(bins.length)} faixas: ` +
          bins
            .map(
              (b) => `prevista ${formatRate(b.meanPredicted)}, observada ${formatRate(b.fractionPositive)}`,
            )
            .join('; ')
        );
      })
      .join('. ') +
    '. Pontos sobre a diagonal indicam probabilidades bem calibradas.';

  return (
    <UPlotChart
      title={`Calibração (${partLabel})`}
      description={description}
      options={options}
      data={data}
      height={320}
      testId="calibration-chart"
    >
      <p className="muted small" data-testid="calibration-brier">
        {sources
          .map((s) => `${s.label}: Brier ${formatMetric(s.evaluation.calibration.brier, 4)}`)
          .join(' · ')}
        . O Brier é o erro quadrático médio da probabilidade (0 é perfeito; menor é melhor).
      </p>
      {first && (
        <details className="chart-data">
          <summary>Ver as faixas de {first.label}</summary>
          <div className="table-wrap">
            <table className="data-table" data-testid="calibration-table">
              <caption className="visually-hidden">Faixas de calibração de {first.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Faixa</th>
                  <th scope="col" className="num">
                    {words.items.charAt(0).toUpperCase() + words.items.slice(1)}
                  </th>
                  <th scope="col" className="num">
                    Probabilidade média prevista
                  </th>
                  <th scope="col" className="num">
                    {words.observed}
                  </th>
                </tr>
              </thead>
              <tbody>
                {first.evaluation.calibration.bins.map((b) => (
                  <tr key={`${b.lower}-${b.upper}`}>
                    <td>
                      {formatRate(b.lower)} a {formatRate(b.upper)}
                    </td>
                    <td className="num">{formatInteger(b.count)}</td>
                    <td className="num">{formatRate(b.meanPredicted)}</td>
                    <td className="num">{formatRate(b.fractionPositive)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </UPlotChart>
  );
}

/** The axes' end: a round value (0.1, 0.2, 0.5 or 1) just above every plotted bin. */
export function axisMax(sources: readonly CurveSource[]): number {
  let top = 0;
  for (const s of sources) {
    for (const b of s.evaluation.calibration.bins) top = Math.max(top, b.meanPredicted, b.fractionPositive);
  }
  return [0.1, 0.2, 0.5, 1].find((m) => top * 1.05 <= m) ?? 1;
}
