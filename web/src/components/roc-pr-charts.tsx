// ROC and precision–recall curves of one model version, overlaid with another for comparison (uPlot). Each
// chart marks the operating point — where the version's decision threshold puts it — and its reference: the
// diagonal of a coin toss on the ROC, the base rate (share of positives: glosas, laws) on the PR curve, which is
// what a model that knows nothing achieves there. A short table under each chart gives the numbers in words.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { BinaryEvaluation } from '../models-api';
import { formatMetric, formatRate } from './model-labels';
import type { OutcomeWords } from './model-outcome';
import { alignCurves, type Curve } from './curve-align';
import { UPlotChart, axis, decimalValue, type ChartOptions } from './uplot-chart';

/** One version's evaluation, as a chart shows it. */
export interface CurveSource {
  /** e.g. "v2 · Regressão logística". */
  label: string;
  evaluation: BinaryEvaluation;
}

export const SERIES_COLORS = ['#0f766e', '#7c3aed'] as const;
const REFERENCE_COLOR = '#6b7280';

export function RocChart({ sources, partLabel }: { sources: readonly CurveSource[]; partLabel: string }) {
  const { options, data } = useMemo(() => {
    const curves: Curve[] = [];
    const series: uPlot.Series[] = [{ label: 'Taxa de falsos positivos', value: decimalValue(3) }];
    sources.forEach((s, i) => {
      curves.push({ x: s.evaluation.roc.fpr, y: s.evaluation.roc.tpr });
      series.push(
        lineSeries(`${shortLabel(s.label)} (AUC ${formatMetric(s.evaluation.roc.auc)})`, colorOf(i)),
      );
    });
    sources.forEach((s, i) => {
      const op = rocOperatingPoint(s.evaluation);
      curves.push({ x: [op.fpr], y: [op.tpr] });
      series.push(pointSeries(`Limiar ${shortLabel(s.label)}`, colorOf(i)));
    });
    curves.push({ x: [0, 1], y: [0, 1] });
    series.push(referenceSeries('Ao acaso'));
    return {
      data: alignCurves(curves),
      options: unitSquare(series, 'Taxa de falsos positivos', 'Taxa de verdadeiros positivos'),
    };
  }, [sources]);

  const description =
    `Curva ROC na parte de ${partLabel}: ` +
    sources
      .map((s) => {
        const op = rocOperatingPoint(s.evaluation);
        return (
          `${s.label}, AUC ${formatMetric(s.evaluation.roc.auc)}, no limiar de operação ` +
          `${formatRate(op.tpr)} de revocação com ${formatRate(op.fpr)} de falsos positivos`
        );
      })
      .join('; ') +
    '. A diagonal é o desempenho de um palpite ao acaso.';

  return (
    <UPlotChart
      title={`Curva ROC (${partLabel})`}
      description={description}
      options={options}
      data={data}
      height={320}
      testId="roc-chart"
    >
      <table className="chart-numbers" data-testid="roc-numbers">
        <caption className="visually-hidden">Curva ROC: AUC e ponto de operação</caption>
        <thead>
          <tr>
            <th scope="col">Versão</th>
            <th scope="col" className="num">
              AUC
            </th>
            <th scope="col" className="num">
              Falsos positivos no limiar
            </th>
            <th scope="col" className="num">
              Revocação no limiar
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s, i) => {
            const op = rocOperatingPoint(s.evaluation);
            return (
              <tr key={s.label}>
                <VersionCell label={s.label} color={colorOf(i)} />
                <td className="num">{formatMetric(s.evaluation.roc.auc)}</td>
                <td className="num">{formatRate(op.fpr)}</td>
                <td className="num">{formatRate(op.tpr)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </UPlotChart>
  );
}

export function PrChart({
  sources,
  partLabel,
  words,
}: {
  sources: readonly CurveSource[];
  partLabel: string;
  words: OutcomeWords;
}) {
  const baseRate = sources[0]?.evaluation.baseRate ?? 0;
  const { options, data } = useMemo(() => {
    const curves: Curve[] = [];
    const series: uPlot.Series[] = [{ label: 'Revocação', value: decimalValue(3) }];
    sources.forEach((s, i) => {
      curves.push({ x: s.evaluation.pr.recall, y: s.evaluation.pr.precision });
      series.push(
        lineSeries(
          `${shortLabel(s.label)} (AP ${formatMetric(s.evaluation.pr.averagePrecision)})`,
          colorOf(i),
        ),
      );
    });
    sources.forEach((s, i) => {
      const at = s.evaluation.atThreshold;
      curves.push({ x: [at.recall], y: [at.precision] });
      series.push(pointSeries(`Limiar ${shortLabel(s.label)}`, colorOf(i)));
    });
    curves.push({ x: [0, 1], y: [baseRate, baseRate] });
    series.push(referenceSeries('Taxa base'));
    return { data: alignCurves(curves), options: unitSquare(series, 'Revocação', 'Precisão') };
  }, [sources, baseRate]);

  const description =
    `Curva precisão–revocação na parte de ${partLabel}: ` +
    sources
      .map(
        (s) =>
          `${s.label}, precisão média (AP) ${formatMetric(s.evaluation.pr.averagePrecision)}, no limiar de ` +
          `operação ${formatRate(s.evaluation.atThreshold.precision)} de precisão com ` +
          `${formatRate(s.evaluation.atThreshold.recall)} de revocação`,
      )
      .join('; ') +
    `. A linha horizontal é a taxa base de ${words.positives}, ${formatRate(baseRate)}: a precisão de um palpite ` +
    'ao acaso.';

  return (
    <UPlotChart
      title={`Curva precisão–revocação (${partLabel})`}
      description={description}
      options={options}
      data={data}
      height={320}
      testId="pr-chart"
    >
      <table className="chart-numbers" data-testid="pr-numbers">
        <caption className="visually-hidden">Curva precisão–revocação: AP e ponto de operação</caption>
        <thead>
          <tr>
            <th scope="col">Versão</th>
            <th scope="col" className="num">
              AP
            </th>
            <th scope="col" className="num">
              Precisão no limiar
            </th>
            <th scope="col" className="num">
              Revocação no limiar
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s, i) => (
            <tr key={s.label}>
              <VersionCell label={s.label} color={colorOf(i)} />
              <td className="num">{formatMetric(s.evaluation.pr.averagePrecision)}</td>
              <td className="num">{formatRate(s.evaluation.atThreshold.precision)}</td>
              <td className="num">{formatRate(s.evaluation.atThreshold.recall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small" data-testid="pr-base-rate">
        Taxa base (proporção de {words.positiveItems}): {formatRate(baseRate)}.
      </p>
    </UPlotChart>
  );
}

/** The row header of a version in the charts' tables: coloured dot, "v2", and the algorithm under it. */
function VersionCell({ label, color }: { label: string; color: string }) {
  const [version, ...rest] = label.split(' · ');
  return (
    <th scope="row">
      <i className="swatch-dot" style={{ background: color }} aria-hidden="true" /> <strong>{version}</strong>
      {rest.length > 0 && <span className="muted small block">{rest.join(' · ')}</span>}
    </th>
  );
}

/** False and true positive rates at the operating threshold (0 when a class is absent). */
export function rocOperatingPoint(e: BinaryEvaluation): { fpr: number; tpr: number } {
  const { tp, fp, tn, fn } = e.atThreshold.confusion;
  return { fpr: fp + tn > 0 ? fp / (fp + tn) : 0, tpr: tp + fn > 0 ? tp / (tp + fn) : 0 };
}

export function colorOf(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}

/** "v2 · Regressão logística" → "v2": point labels stay short in the legend. */
export function shortLabel(label: string): string {
  return label.split(' · ')[0] ?? label;
}

export function lineSeries(label: string, color: string): uPlot.Series {
  return { label, stroke: color, width: 2, spanGaps: true, points: { show: false }, value: decimalValue(3) };
}

export function pointSeries(label: string, color: string): uPlot.Series {
  return {
    label,
    stroke: color,
    spanGaps: true,
    paths: () => null,
    points: { show: true, size: 10, width: 2, stroke: '#ffffff', fill: color },
    value: decimalValue(3),
  };
}

export function referenceSeries(label: string): uPlot.Series {
  return {
    label,
    stroke: REFERENCE_COLOR,
    width: 1.5,
    dash: [6, 4],
    spanGaps: true,
    points: { show: false },
    value: decimalValue(3),
  };
}

/** Both axes on [0, 1], no drag-zoom (the whole square is the point of these charts). */
export function unitSquare(series: uPlot.Series[], xLabel: string, yLabel: string, max = 1): ChartOptions {
  return {
    series,
    scales: { x: { time: false, range: [0, max] }, y: { range: [0, max] } },
    axes: [axis(xLabel), axis(yLabel)],
    cursor: { drag: { x: false, y: false, setScale: false } },
    legend: { show: true, live: true },
  };
}
