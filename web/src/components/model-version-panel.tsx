// Everything about one model version on its model's page: headline figures, both versions side by side when a
// second one is chosen, ROC and PR curves overlaid with it, the confusion matrix at the operating threshold,
// calibration, the learning curve of a recurrent network (of either version), feature importance — or, for a
// recurrent network, why there is none — provenance (params, seed, code, data, artifact check) and the CRISP-DM
// report. Both versions are fetched here (GET /v1/models/:name/versions/:v) and may be of different kinds (a GRU
// champion against a tree challenger); the comparison version is optional and its failure only drops it from
// the charts, with a note, rather than hiding the selected version. The task's words (glosa, lei) come from
// model-outcome.ts.
import { useMemo } from 'react';
import './models.css';
import { getModelVersion, learningCurve, type FeatureSpec, type ModelVersionDetail } from '../models-api';
import { useResource } from '../use-resource';
import { CalibrationChart } from './calibration-chart';
import { ConfusionMatrixTable } from './confusion-matrix';
import { FeatureImportanceBars } from './feature-importance';
import { LearningCurve } from './learning-curve';
import { algorithmLabel, isRecurrent, versionLabel } from './model-labels';
import { outcomeWords } from './model-outcome';
import { ModelProvenance } from './model-provenance';
import { ModelReport } from './model-report';
import {
  HeadlineFigures,
  PART_LABELS,
  VersionComparisonTable,
  type EvaluationPart,
} from './model-version-figures';
import { PrChart, RocChart, type CurveSource } from './roc-pr-charts';
import { EmptyState, ErrorState, Loading } from './status';

export { PART_LABELS, type EvaluationPart } from './model-version-figures';

export function ModelVersionPanel({
  name,
  version,
  compare,
  part,
  features,
}: {
  name: string;
  version: number;
  compare: number | null;
  part: EvaluationPart;
  features: readonly FeatureSpec[];
}) {
  const main = useResource(
    (signal) => getModelVersion(name, version, signal),
    `model-version:${name}:${version}`,
  );
  const other = useResource(
    (signal) => (compare === null ? Promise.resolve(null) : getModelVersion(name, compare, signal)),
    `model-version:${name}:${compare ?? 'none'}`,
  );
  const mainData = main.status === 'ok' ? main.data : undefined;
  const otherData = other.status === 'ok' ? other.data : undefined;
  const sources = useMemo(() => {
    const list: CurveSource[] = [];
    for (const v of [mainData, otherData]) {
      const evaluation = v?.evaluation?.[part];
      if (v && evaluation) list.push({ label: sourceLabel(v), evaluation });
    }
    return list;
  }, [mainData, otherData, part]);
  // The versions shown side by side, and the learning curves of those that have one (a recurrent network may
  // be either the selected version or the one it is compared with).
  const compared = useMemo(
    () =>
      mainData
        ? otherData && otherData.version !== mainData.version
          ? [mainData, otherData]
          : [mainData]
        : [],
    [mainData, otherData],
  );
  const curves = useMemo(
    () =>
      compared.map((c) => ({ v: c, epochs: learningCurve(c.metrics) })).filter((c) => c.epochs.length > 0),
    [compared],
  );

  if (main.status === 'loading') return <Loading label={`Carregando ${versionLabel(version)}…`} />;
  if (main.status === 'error') return <ErrorState error={main.error} onRetry={main.reload} />;
  const v = main.data;
  const partLabel = PART_LABELS[part];
  const evaluation = v.evaluation?.[part];
  const words = outcomeWords(name);

  return (
    <div className="version-panel" data-testid="version-panel" data-version={v.version}>
      <HeadlineFigures metrics={v.metrics} part={part} words={words} />
      {compared.length > 1 && <VersionComparisonTable versions={compared} part={part} />}
      {compare !== null && other.status === 'loading' && (
        <p className="muted small">Carregando {versionLabel(compare)} para comparação…</p>
      )}
      {other.status === 'error' && (
        <p className="status status-warning" role="status">
          Não foi possível carregar {versionLabel(compare)} para comparação: {other.error.problem.detail}
        </p>
      )}
      {!evaluation ? (
        <EmptyState>
          {versionLabel(v.version)} não tem as curvas da avaliação (o relatório do treino não foi encontrado);
          as métricas acima vêm do registro.
        </EmptyState>
      ) : (
        <>
          <div className="chart-pair">
            <RocChart sources={sources} partLabel={partLabel} />
            <PrChart sources={sources} partLabel={partLabel} words={words} />
          </div>
          <div className="chart-pair">
            <section aria-labelledby="confusion-title">
              <h3 id="confusion-title">Matriz de confusão</h3>
              <ConfusionMatrixTable
                evaluation={evaluation}
                label={sourceLabel(v)}
                partLabel={partLabel}
                words={words}
              />
            </section>
            <section aria-labelledby="calibration-title">
              <h3 id="calibration-title">Calibração</h3>
              <CalibrationChart sources={sources} partLabel={partLabel} words={words} />
            </section>
          </div>
        </>
      )}

      {curves.length > 0 && (
        <section aria-labelledby="learning-title" data-testid="learning-section">
          <h3 id="learning-title">Curva de aprendizado</h3>
          {curves.map((c) => (
            <LearningCurve
              key={c.v.version}
              label={sourceLabel(c.v)}
              version={c.v.version}
              epochs={c.epochs}
            />
          ))}
        </section>
      )}

      <section aria-labelledby="importance-title">
        <h3 id="importance-title">Importância das variáveis</h3>
        {v.featureImportance.length === 0 && isRecurrent(v.algorithm) ? (
          <p className="status status-empty" data-testid="importance-none">
            Redes recorrentes não têm importância de atributos comparável; veja a comparação no{' '}
            <a
              href={v.reportUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="importance-report-link"
            >
              relatório
              <span className="visually-hidden"> (abre em nova aba)</span>
            </a>
            .
          </p>
        ) : (
          <FeatureImportanceBars
            entries={v.featureImportance}
            features={v.features.length ? v.features : features}
            words={words}
          />
        )}
      </section>

      <section aria-labelledby="provenance-title">
        <h3 id="provenance-title">Procedência de {versionLabel(v.version)}</h3>
        <ModelProvenance v={v} />
      </section>

      <section aria-labelledby="report-title">
        <h3 id="report-title">Relatório do treino</h3>
        <ModelReport url={v.reportUrl} name={name} version={v.version} />
      </section>
    </div>
  );
}

/** "v2 · Regressão logística": how a version is named in chart legends and captions. */
export function sourceLabel(v: Pick<ModelVersionDetail, 'version' | 'algorithm'>): string {
  return `${versionLabel(v.version)} · ${algorithmLabel(v.algorithm)}`;
}
