// One model (GET /v1/models/:name): what the server serves, every version in a table (test metrics, data kind,
// aliases), the evolution of test AUC/AP across versions, one version in detail — by default the champion,
// compared with the challenger, even when one is a recurrent network and the other a tabular model — with
// curves, confusion matrix, calibration, learning curve, importance, provenance and the CRISP-DM report, then
// the input features and the alias history. The chosen version, the comparison and the evaluation part live
// in the URL (`?versao=2&comparar=1&parte=validacao`), so a view can be linked.
// An unknown model (404, or 400 for a malformed name) shows "Modelo não encontrado" with the API's detail.
import type { ApiError } from '../api';
import { AliasHistoryTable } from '../components/alias-history';
import { DataTable } from '../components/data-table';
import { EvolutionChart } from '../components/evolution-chart';
import {
  MODEL_DESCRIPTIONS,
  algorithmLabel,
  aliasLabel,
  dataKindLabel,
  formatMetric,
  formatRate,
  versionLabel,
} from '../components/model-labels';
import { ModelVersionPanel, PART_LABELS, type EvaluationPart } from '../components/model-version-panel';
import '../components/models.css';
import { ServingStatusNote } from '../components/serving-status';
import { ErrorState, Loading } from '../components/status';
import { formatCount, formatDateTime } from '../format';
import {
  NO_COMPARISON,
  comparisonVersion,
  figure,
  getModel,
  type ModelDetail,
  type VersionSummary,
} from '../models-api';
import { usePageTitle } from '../page-title';
import { Link, queryInt, setQuery, useLocation } from '../router';
import { useResource } from '../use-resource';

export function ModelDetailPage({ name }: { name: string }) {
  const model = useResource((signal) => getModel(name, signal), `model:${name}`);
  const notFound = model.status === 'error' && isNotFound(model.error);
  usePageTitle(model.status === 'ok' ? `Modelo ${name}` : notFound ? 'Modelo não encontrado' : 'Modelo');

  return (
    <section aria-labelledby="page-title" data-testid="page-model">
      <p className="breadcrumb">
        <Link to="/modelos">← Modelos</Link>
      </p>
      {model.status === 'loading' && (
        <>
          <h1 id="page-title">Modelo {name}</h1>
          <Loading />
        </>
      )}
      {model.status === 'error' && !notFound && (
        <>
          <h1 id="page-title">Modelo {name}</h1>
          <ErrorState error={model.error} onRetry={model.reload} />
        </>
      )}
      {model.status === 'error' && notFound && (
        <div data-testid="not-found">
          <h1 id="page-title">Modelo não encontrado</h1>
          <ErrorState error={model.error} title={`Nenhum modelo registrado com o nome "${name}".`} />
          <p>
            <Link to="/modelos">Voltar para a lista de modelos</Link>
          </p>
        </div>
      )}
      {model.status === 'ok' && <ModelContent m={model.data} />}
    </section>
  );
}

function isNotFound(error: ApiError): boolean {
  return error.status === 404 || error.status === 400;
}

function ModelContent({ m }: { m: ModelDetail }) {
  const { pathname, query } = useLocation();
  const known = new Set(m.versions.map((v) => v.version));
  const requested = queryInt(query, 'versao');
  const fallback =
    m.aliases.champion !== null && known.has(m.aliases.champion)
      ? m.aliases.champion
      : m.versions[0]?.version;
  const selected = requested !== undefined && known.has(requested) ? requested : fallback;
  const compare =
    selected === undefined ? null : comparisonVersion(query.get('comparar'), selected, m.aliases, known);
  const part: EvaluationPart = query.get('parte') === 'validacao' ? 'valid' : 'test';

  function choose(next: { versao?: number; comparar?: string; parte?: EvaluationPart }) {
    const versao = next.versao ?? selected;
    // A new version resets the comparison to its default (the other alias) unless one is given.
    const comparar =
      'comparar' in next
        ? next.comparar
        : next.versao !== undefined
          ? undefined
          : (query.get('comparar') ?? undefined);
    const parte = (next.parte ?? part) === 'valid' ? 'validacao' : undefined;
    setQuery(pathname, { versao: versao === undefined ? undefined : String(versao), comparar, parte }, true);
  }

  return (
    <>
      <header className="detail-header">
        <div>
          <h1 id="page-title">Modelo {m.name}</h1>
          {MODEL_DESCRIPTIONS[m.name] && <p className="lead">{MODEL_DESCRIPTIONS[m.name]}</p>}
          <p className="muted" data-testid="model-aliases">
            {formatCount(m.versions.length, 'versão', 'versões')} · campeão {versionLabel(m.aliases.champion)}{' '}
            · desafiante {versionLabel(m.aliases.challenger)}
          </p>
        </div>
      </header>
      <ServingStatusNote serving={m.serving} name={m.name} />

      <section aria-labelledby="versions-title" data-testid="model-versions-section">
        <h2 id="versions-title" className="section-title">
          Versões
        </h2>
        <p className="muted small">
          Métricas na parte de teste de cada versão (dados posteriores aos do treino, que ele nunca viu).
        </p>
        <VersionsTable name={m.name} versions={m.versions} selected={selected} />
      </section>

      <section className="card section-card" aria-labelledby="evolution-title">
        <h2 id="evolution-title">Evolução</h2>
        <EvolutionChart versions={m.versions} comparison={m.comparison} />
      </section>

      {selected !== undefined && (
        <section aria-labelledby="version-title" data-testid="model-version-section">
          <h2 id="version-title" className="section-title">
            Versão {versionLabel(selected)} em detalhe
          </h2>
          <form className="filters version-controls" onSubmit={(event) => event.preventDefault()}>
            <div className="filters-fields">
              <div className="field">
                <label htmlFor="version-select">Versão</label>
                <select
                  id="version-select"
                  data-testid="version-select"
                  value={selected}
                  onChange={(event) => choose({ versao: Number(event.target.value) })}
                >
                  {m.versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {optionLabel(v)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="compare-select">Comparar com</label>
                <select
                  id="compare-select"
                  data-testid="compare-select"
                  value={compare ?? NO_COMPARISON}
                  onChange={(event) => choose({ comparar: event.target.value })}
                >
                  <option value={NO_COMPARISON}>nenhuma</option>
                  {m.versions
                    .filter((v) => v.version !== selected)
                    .map((v) => (
                      <option key={v.version} value={v.version}>
                        {optionLabel(v)}
                      </option>
                    ))}
                </select>
              </div>
              <fieldset className="field part-choice">
                <legend>Parte avaliada</legend>
                {(['test', 'valid'] as const).map((p) => (
                  <label key={p} className="inline-choice">
                    <input
                      type="radio"
                      name="part"
                      value={p}
                      checked={part === p}
                      onChange={() => choose({ parte: p })}
                    />{' '}
                    {PART_LABELS[p]}
                  </label>
                ))}
              </fieldset>
            </div>
          </form>
          {requested !== undefined && !known.has(requested) && (
            <p className="status status-warning" role="status">
              Não há versão {versionLabel(requested)}; mostrando {versionLabel(selected)}.
            </p>
          )}
          <ModelVersionPanel
            name={m.name}
            version={selected}
            compare={compare}
            part={part}
            features={m.features}
          />
        </section>
      )}

      <section aria-labelledby="features-title">
        <h2 id="features-title" className="section-title">
          Variáveis de entrada
        </h2>
        <DataTable
          caption="Variáveis de entrada do modelo"
          testId="model-features"
          rows={m.features}
          rowKey={(f) => f.name}
          empty="Nenhuma variável registrada."
          columns={[
            { key: 'name', header: 'Variável', render: (f) => <code>{f.name}</code> },
            { key: 'type', header: 'Tipo', render: (f) => (f.type === 'category' ? 'categoria' : 'número') },
            {
              key: 'description',
              header: 'Descrição',
              render: (f) =>
                f.descriptionPt ? <span>{f.descriptionPt}</span> : <span lang="en">{f.description}</span>,
            },
            {
              key: 'allowed',
              header: 'Níveis conhecidos',
              render: (f) => (f.allowed?.length ? f.allowed.join(', ') : '—'),
            },
          ]}
        />
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          Histórico de apelidos
        </h2>
        <AliasHistoryTable history={m.aliasHistory} />
      </section>
    </>
  );
}

function VersionsTable({
  name,
  versions,
  selected,
}: {
  name: string;
  versions: VersionSummary[];
  selected: number | undefined;
}) {
  const test = (v: VersionSummary, key: Parameters<typeof figure>[2]) => figure(v.metrics, 'test', key);
  return (
    <DataTable<VersionSummary>
      caption="Versões do modelo"
      testId="versions-table"
      rows={versions}
      rowKey={(v) => String(v.version)}
      columns={[
        {
          key: 'version',
          header: 'Versão',
          render: (v) => (
            <Link
              to={`/modelos/${encodeURIComponent(name)}?versao=${v.version}`}
              aria-current={v.version === selected ? 'true' : undefined}
              data-testid="version-link"
            >
              {versionLabel(v.version)}
              {v.version === selected && <span className="visually-hidden"> (em detalhe abaixo)</span>}
            </Link>
          ),
        },
        { key: 'algorithm', header: 'Algoritmo', render: (v) => algorithmLabel(v.algorithm) },
        {
          key: 'created',
          header: 'Criado em',
          render: (v) => <span className="nowrap">{formatDateTime(v.createdAt)}</span>,
        },
        {
          key: 'data',
          header: 'Dados',
          render: (v) => (
            <span
              className={v.dataKind === 'real' ? 'badge badge-zone-gold' : 'badge badge-kind'}
              data-testid="data-kind"
            >
              {dataKindLabel(v.dataKind)}
            </span>
          ),
        },
        { key: 'auc', header: 'AUC', align: 'right', render: (v) => formatMetric(test(v, 'auc')) },
        { key: 'ap', header: 'AP', align: 'right', render: (v) => formatMetric(test(v, 'averagePrecision')) },
        {
          key: 'precision',
          header: 'Precisão',
          align: 'right',
          render: (v) => formatRate(test(v, 'precision')),
        },
        { key: 'recall', header: 'Revocação', align: 'right', render: (v) => formatRate(test(v, 'recall')) },
        {
          key: 'error',
          header: 'Taxa de erro',
          align: 'right',
          render: (v) => formatRate(test(v, 'errorRate')),
        },
        {
          key: 'alias',
          header: 'Apelido',
          render: (v) =>
            v.aliases.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              v.aliases.map((a) => (
                <span key={a} className={`badge alias-badge alias-${a}`} title={a} data-testid="alias-badge">
                  {aliasLabel(a)}
                </span>
              ))
            ),
        },
      ]}
    />
  );
}

function optionLabel(v: VersionSummary): string {
  const alias = v.aliases.length ? ` (${v.aliases.map(aliasLabel).join(', ')})` : '';
  return `${versionLabel(v.version)} · ${algorithmLabel(v.algorithm)}${alias}`;
}
