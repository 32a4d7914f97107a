// A recurrent network's learning curve (uPlot, like the evolution and ROC charts): training and validation
// log-loss per epoch on the left axis, validation AUC on the right, and the best epoch marked — the lowest
// validation log-loss, whose weights early stopping kept (src/ml/rnn/fit.ts). Training loss falling while
// validation loss rises is over-fitting; the chart is there to show whether the network stopped in time. The
// values are also given in a table, one row per epoch, because a canvas cannot be read out loud.
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { formatCount, formatInteger } from '../format';
import { bestEpoch, type EpochFigures } from '../models-api';
import { formatMetric } from './model-labels';
import { UPlotChart, axis, decimalValue } from './uplot-chart';

const TRAIN_COLOR = '#0f766e';
const VALID_COLOR = '#b45309';
const AUC_COLOR = '#7c3aed';

export function LearningCurve({
  label,
  version,
  epochs,
}: {
  /** The version, e.g. "v3 · Rede recorrente (GRU)". */
  label: string;
  version: number;
  epochs: readonly EpochFigures[];
}) {
  const best = bestEpoch(epochs);
  const { options, data } = useMemo(() => chartOf(epochs, best), [epochs, best]);
  const bestRow = epochs.find((e) => e.epoch === best);
  const first = epochs[0];
  const last = epochs[epochs.length - 1];
  const count = formatCount(epochs.length, 'época', 'épocas');

  const description =
    `Curva de aprendizado de ${label}: ${count}. ` +
    (first && last
      ? `Log-loss de treino de ${loss(first.trainLoss)} na época ${first.epoch} a ${loss(last.trainLoss)} na ` +
        `época ${last.epoch}. `
      : '') +
    (bestRow
      ? `Menor log-loss de validação, ${loss(bestRow.validLoss)}, na época ${bestRow.epoch}, cujos pesos o ` +
        `modelo guardou; AUC de validação nessa época ${formatMetric(bestRow.validAuc)}.`
      : 'Sem valores de validação: não há melhor época marcada.');

  return (
    <div
      className="learning-curve"
      data-testid="learning-curve"
      data-version={version}
      data-epochs={epochs.length}
      data-best-epoch={best ?? ''}
    >
      <UPlotChart
        title={`Curva de aprendizado de ${label}`}
        description={description}
        options={options}
        data={data}
        height={280}
        testId="learning-curve-chart"
      >
        <p className="small" data-testid="learning-curve-best">
          {bestRow ? (
            <>
              Melhor época: <strong>{bestRow.epoch}</strong> de {formatInteger(epochs.length)} (menor log-loss
              de validação, {loss(bestRow.validLoss)}; AUC de validação {formatMetric(bestRow.validAuc)}). A
              rede guarda os pesos desta época: a parada antecipada descarta as seguintes.
            </>
          ) : (
            'Esta versão não registrou a validação por época; não há melhor época a marcar.'
          )}
        </p>
        <p className="muted small">
          Se o log-loss de treino continua caindo enquanto o de validação sobe, a rede passou a decorar o
          treino (sobreajuste).
        </p>
        <details className="chart-data">
          <summary>Ver os valores por época</summary>
          <div className="table-wrap">
            <table className="data-table models-table" data-testid="learning-curve-table">
              <caption className="visually-hidden">Curva de aprendizado de {label}, por época</caption>
              <thead>
                <tr>
                  <th scope="col">Época</th>
                  <th scope="col" className="num">
                    Log-loss de treino
                  </th>
                  <th scope="col" className="num">
                    Log-loss de validação
                  </th>
                  <th scope="col" className="num">
                    AUC de validação
                  </th>
                </tr>
              </thead>
              <tbody>
                {epochs.map((e) => (
                  <tr
                    key={e.epoch}
                    data-testid="epoch-row"
                    data-best={e.epoch === best ? 'true' : undefined}
                    className={e.epoch === best ? 'epoch-best' : undefined}
                  >
                    <th scope="row">
                      {e.epoch}
                      {e.epoch === best && <span className="badge badge-kind epoch-badge">melhor</span>}
                    </th>
                    <td className="num">{loss(e.trainLoss)}</td>
                    <td className="num">{loss(e.validLoss)}</td>
                    <td className="num">{formatMetric(e.validAuc)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </UPlotChart>
    </div>
  );
}

function chartOf(
  epochs: readonly EpochFigures[],
  best: number | undefined,
): { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData } {
  const xs = epochs.map((e) => e.epoch);
  const train = epochs.map((e) => e.trainLoss);
  const valid = epochs.map((e) => e.validLoss);
  const auc = epochs.map((e) => e.validAuc);
  const marker = epochs.map((e) => (e.epoch === best ? e.validLoss : null));
  const losses = [...train, ...valid].filter((v): v is number => v !== null);
  const aucs = auc.filter((v): v is number => v !== null);
  const lossTop = Math.max(...losses, 0) * 1.1 || 1;
  const aucBottom = aucs.length ? Math.max(0, Math.floor((Math.min(...aucs) - 0.05) * 10) / 10) : 0;
  const firstX = xs[0] ?? 1;
  const lastX = xs[xs.length - 1] ?? 1;
  const line = (label: string, color: string, scale: string, dash?: number[]): uPlot.Series => ({
    label,
    scale,
    stroke: color,
    width: 2,
    ...(dash ? { dash } : {}),
    spanGaps: true,
    points: { show: true, size: 6, fill: color, stroke: color },
    value: decimalValue(scale === 'auc' ? 3 : 4),
  });
  const options = {
    series: [
      { label: 'Época', value: (_u: uPlot, v: number | null) => (v === null ? '—' : String(v)) },
      line('Log-loss de treino', TRAIN_COLOR, 'loss'),
      line('Log-loss de validação', VALID_COLOR, 'loss'),
      line('AUC de validação', AUC_COLOR, 'auc', [6, 4]),
      {
        label: 'Melhor época',
        scale: 'loss',
        stroke: VALID_COLOR,
        paths: () => null,
        points: { show: true, size: 14, width: 3, stroke: '#ffffff', fill: VALID_COLOR },
        value: decimalValue(4),
      },
    ],
    scales: {
      x: { time: false, range: [firstX - 0.5, lastX + 0.5] as uPlot.Range.MinMax },
      loss: { range: [0, lossTop] as uPlot.Range.MinMax },
      auc: { range: [aucBottom, 1] as uPlot.Range.MinMax },
    },
    axes: [
      {
        ...axis('Época'),
        incrs: [1, 2, 5, 10, 20, 50],
        values: (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
      },
      { ...axis('Log-loss', 3), scale: 'loss' },
      { ...axis('AUC de validação', 2), scale: 'auc', side: 1, grid: { show: false } },
    ],
    cursor: { drag: { x: false, y: false, setScale: false } },
    legend: { show: true, live: true },
  };
  return { options, data: [xs, train, valid, auc, marker] };
}

function loss(value: number | null): string {
  return formatMetric(value, 4);
}
