// The numbers of a model version on its model's page: the headline cards of one evaluation part (AUC, AP,
// Brier, the operating threshold with the precision and recall it gives, and the base rate a guess would
// reach when the run recorded it) and, when a second version is chosen, both versions side by side in one
// table. The table is what makes a comparison across kinds readable: a recurrent network and a tree ensemble
// share the figures, training time and test part, but only the network has epochs and only the trees have
// feature importance, so each row says what it has.
import { formatCount, formatDecimal, formatInteger } from '../format';
import {
  baseRateOf,
  figure,
  learningCurve,
  type ModelVersionDetail,
  type VersionMetrics,
} from '../models-api';
import { algorithmLabel, formatMetric, formatRate, isRecurrent, versionLabel } from './model-labels';
import type { OutcomeWords } from './model-outcome';
import { colorOf } from './roc-pr-charts';
import { StatCard } from './stat-card';

export type EvaluationPart = 'test' | 'valid';

export const PART_LABELS: Record<EvaluationPart, string> = { test: 'teste', valid: 'validação' };

export function HeadlineFigures({
  metrics,
  part,
  words,
}: {
  metrics: VersionMetrics;
  part: EvaluationPart;
  words: OutcomeWords;
}) {
  const f = (key: Parameters<typeof figure>[2]) => figure(metrics, part, key);
  const n = f('n');
  const positives = f('positives');
  const baseRate = baseRateOf(metrics);
  return (
    <dl className="stat-grid stat-grid-compact" data-testid="version-figures">
      <StatCard
        label="ROC AUC"
        value={formatMetric(f('auc'))}
        note="1 separa tudo; 0,5 é um palpite"
        testId="figure-auc"
      />
      <StatCard
        label="Precisão média (AP)"
        value={formatMetric(f('averagePrecision'))}
        note="área sob a curva precisão–revocação"
        testId="figure-ap"
      />
      <StatCard
        label="Brier"
        value={formatMetric(f('brier'), 4)}
        note="erro quadrático da probabilidade; menor é melhor"
        testId="figure-brier"
      />
      <StatCard
        label="Limiar de decisão"
        value={formatRate(f('threshold'))}
        note={`a partir desta probabilidade o modelo prevê ${words.predicts}`}
        testId="figure-threshold"
      />
      <StatCard
        label="Precisão no limiar"
        value={formatRate(f('precision'))}
        note="dos alertas do modelo, a parte que acertou"
        testId="figure-precision"
      />
      <StatCard
        label="Revocação no limiar"
        value={formatRate(f('recall'))}
        note={`dos ${words.positiveItems}, a parte que o modelo apontou`}
        testId="figure-recall"
      />
      {baseRate !== undefined && (
        <StatCard
          label="Taxa base"
          value={formatRate(baseRate)}
          note={`proporção de ${words.positiveItems} em todos os dados: a precisão de um palpite ao acaso`}
          testId="figure-base-rate"
        />
      )}
      <StatCard
        label={`${capitalize(words.items)} na parte de ${PART_LABELS[part]}`}
        value={n === undefined ? '—' : formatInteger(n)}
        note={
          n !== undefined && positives !== undefined
            ? `${formatInteger(positives)} ${words.positiveCount} (${formatRate(n > 0 ? positives / n : 0)})` +
              (words.itemsNote ? `; ${words.itemsNote}` : '')
            : undefined
        }
        testId="figure-n"
      />
    </dl>
  );
}

/** Two (or more) versions' figures on one part, one row each, coloured as in the charts. */
export function VersionComparisonTable({
  versions,
  part,
}: {
  versions: readonly ModelVersionDetail[];
  part: EvaluationPart;
}) {
  const kinds = new Set(versions.map((v) => isRecurrent(v.algorithm)));
  const snapshots = new Set(versions.map((v) => snapshotKey(v)));
  return (
    <div className="version-comparison" data-testid="version-comparison">
      <div className="table-wrap">
        <table className="data-table models-table">
          <caption>Lado a lado, na parte de {PART_LABELS[part]}</caption>
          <thead>
            <tr>
              <th scope="col">Versão</th>
              <th scope="col" className="num">
                AUC
              </th>
              <th scope="col" className="num">
                AP
              </th>
              <th scope="col" className="num">
                Precisão
              </th>
              <th scope="col" className="num">
                Revocação
              </th>
              <th scope="col" className="num">
                Brier
              </th>
              <th scope="col" className="num">
                Limiar
              </th>
              <th scope="col" className="num">
                Tempo de treino
              </th>
              <th scope="col">Aprendizado</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => {
              const f = (key: Parameters<typeof figure>[2]) => figure(v.metrics, part, key);
              const epochs = learningCurve(v.metrics);
              const fit = v.metrics.fitSeconds;
              return (
                <tr key={v.version} data-testid="comparison-row" data-version={v.version}>
                  <th scope="row">
                    <i className="swatch-dot" style={{ background: colorOf(i) }} aria-hidden="true" />{' '}
                    <strong>{versionLabel(v.version)}</strong>
                    <span className="muted small block">{algorithmLabel(v.algorithm)}</span>
                  </th>
                  <td className="num">{formatMetric(f('auc'))}</td>
                  <td className="num">{formatMetric(f('averagePrecision'))}</td>
                  <td className="num">{formatRate(f('precision'))}</td>
                  <td className="num">{formatRate(f('recall'))}</td>
                  <td className="num">{formatMetric(f('brier'), 4)}</td>
                  <td className="num">{formatRate(f('threshold'))}</td>
                  <td className="num">
                    {typeof fit === 'number' && Number.isFinite(fit) ? `${formatDecimal(fit, 1)} s` : '—'}
                  </td>
                  <td>
                    {epochs.length > 0
                      ? formatCount(epochs.length, 'época', 'épocas')
                      : isRecurrent(v.algorithm)
                        ? 'épocas não registradas'
                        : 'sem épocas (modelo tabular)'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {kinds.size > 1 && (
        <p className="muted small" data-testid="comparison-kinds">
          Uma rede recorrente (lê a sequência de eventos) ao lado de um modelo tabular (lê atributos
          resumidos): as métricas e curvas se comparam diretamente; a importância das variáveis só existe para
          o modelo tabular.
        </p>
      )}
      {snapshots.size > 1 && (
        <p className="status status-warning small" role="status">
          As versões comparadas foram treinadas com dados diferentes: parte da diferença vem dos dados.
        </p>
      )}
    </div>
  );
}

function snapshotKey(v: ModelVersionDetail): string {
  return v.dataSnapshot.datasets
    .map((d) => `${d.dataset}:${d.sha256}`)
    .sort()
    .join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
