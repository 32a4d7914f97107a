// One SALIC project (GET /v1/salic/projects/:pronac): the 0–10 complexity as a gauge with its band and
// position in the backlog, the labelled links to the project's pages on SALIC, the money figures, how the
// score is made up (points per deviating metric), and one card per metric — value, expected range, why, the
// segment's distribution, the deviating items/receipts/providers (documents masked by the API). The method
// (robust by default, or Salic-ML parity) is chosen in the URL (`?modo=paridade`). An unknown or malformed
// PRONAC shows "Projeto não encontrado" with the API's detail.
import type { ApiError } from '../api';
import { BandBadge } from '../components/salic-band';
import { SalicGauge } from '../components/salic-gauge';
import { SalicMetricCard } from '../components/salic-metric-card';
import { StatCard } from '../components/stat-card';
import { ErrorState, Loading } from '../components/status';
import { formatBrl, formatDecimal, formatInteger, formatRatio, orEmpty } from '../format';
import { usePageTitle } from '../page-title';
import { Link, useLocation } from '../router';
import {
  MODE_LABELS,
  SALIC_PATH,
  formatComplexity,
  getSalicProject,
  modeFromQuery,
  salicAnalystPath,
  salicProjectPath,
  salicSegmentPath,
  type SalicMode,
  type SalicProjectDetail,
} from '../salic-api';
import { useResource } from '../use-resource';
import '../components/salic.css';

export function SalicProjectPage({ pronac }: { pronac: string }) {
  const { query } = useLocation();
  const mode = modeFromQuery(query.get('modo'));
  const detail = useResource((signal) => getSalicProject(pronac, mode, signal), `salic:${pronac}:${mode}`);
  const notFound = detail.status === 'error' && isNotFound(detail.error);
  usePageTitle(
    detail.status === 'ok' ? detail.data.name : notFound ? 'Projeto não encontrado' : `PRONAC ${pronac}`,
  );

  return (
    <section aria-labelledby="page-title" data-testid="page-salic-project">
      <p className="breadcrumb">
        <Link to={SALIC_PATH}>← Lei Rouanet</Link>
      </p>
      {detail.status === 'loading' && (
        <>
          <h1 id="page-title">PRONAC {pronac}</h1>
          <Loading />
        </>
      )}
      {detail.status === 'error' && !notFound && (
        <>
          <h1 id="page-title">PRONAC {pronac}</h1>
          <ErrorState error={detail.error} onRetry={detail.reload} />
        </>
      )}
      {detail.status === 'error' && notFound && (
        <div data-testid="not-found">
          <h1 id="page-title">Projeto não encontrado</h1>
          <ErrorState error={detail.error} title={`Nenhum projeto com o PRONAC "${pronac}".`} />
          <p>
            <Link to={SALIC_PATH}>Voltar para a fila de análise</Link>
          </p>
        </div>
      )}
      {detail.status === 'ok' && <ProjectContent p={detail.data} />}
    </section>
  );
}

function isNotFound(error: ApiError): boolean {
  return error.status === 404 || error.status === 400;
}

function ProjectContent({ p }: { p: SalicProjectDetail }) {
  const outliers = p.metrics.filter((m) => m.valid && m.isOutlier);
  const toProve =
    p.raisedCents !== null && p.provenCents !== null ? Math.max(0, p.raisedCents - p.provenCents) : null;
  return (
    <>
      <header className="salic-header">
        <div>
          <h1 id="page-title">{p.name}</h1>
          <p className="lead" data-testid="salic-subtitle">
            PRONAC <strong data-testid="salic-pronac">{p.pronac}</strong>
            {p.segment && (
              <>
                {' · '}
                <Link to={salicSegmentPath({ segment: p.segment, segmentCode: p.segmentCode })}>
                  {p.segment}
                </Link>
              </>
            )}
            {p.area && ` (${p.area})`}
            {(p.city || p.uf) && ` · ${[p.city, p.uf].filter(Boolean).join('/')}`}
          </p>
          <dl className="details-grid" data-testid="salic-facts">
            <div className="details-row">
              <dt>Proponente</dt>
              <dd>
                {orEmpty(p.proponentName)}
                {p.proponentDocument && (
                  <span className="muted" data-testid="salic-proponent-document">
                    {' '}
                    · {p.proponentDocument}
                  </span>
                )}
              </dd>
            </div>
            <div className="details-row">
              <dt>Analista</dt>
              <dd data-testid="salic-analyst">
                {p.analyst ? (
                  <Link to={salicAnalystPath(p.analyst)} title="Ver a fila de análise deste analista">
                    {p.analyst}
                  </Link>
                ) : (
                  'não atribuído'
                )}
              </dd>
            </div>
            <div className="details-row">
              <dt>Situação</dt>
              <dd>{orEmpty(p.status)}</dd>
            </div>
          </dl>
        </div>
        <div className="salic-header-score">
          <SalicGauge value={p.complexity} />
          <div className="salic-rank">
            <BandBadge band={p.band} />
            <span data-testid="salic-rank">
              {formatInteger(p.rank)}º de {formatInteger(p.rankOf)} no ranking de complexidade
            </span>
            {p.inBacklog === false && (
              <span className="muted small" data-testid="salic-not-in-backlog">
                Fora da fila de análise (não executado nem em prestação de contas)
              </span>
            )}
            <span data-testid="salic-outliers">
              {outliers.length === 1
                ? '1 métrica fora do esperado'
                : `${formatInteger(outliers.length)} métricas fora do esperado`}
            </span>
            {p.complexityParity !== null && (
              <span className="muted small" data-testid="salic-parity">
                Paridade Salic-ML: {formatComplexity(p.complexityParity)} de 10
              </span>
            )}
          </div>
        </div>
      </header>

      <ul className="salic-links" data-testid="salic-links" aria-label="Este projeto no SALIC">
        {p.links.map((l) => (
          <li key={l.rel}>
            <a href={l.url} target="_blank" rel="noopener noreferrer" data-rel={l.rel}>
              {l.label}
              <span className="visually-hidden"> (abre em nova aba)</span> ↗
            </a>
          </li>
        ))}
      </ul>

      <dl className="stat-grid stat-grid-compact">
        <StatCard label="Aprovado" value={formatBrl(p.approvedCents)} testId="salic-stat-approved" />
        <StatCard label="Captado" value={formatBrl(p.raisedCents)} testId="salic-stat-raised" />
        <StatCard
          label="Comprovado"
          value={formatBrl(p.provenCents)}
          note={toProve !== null ? `faltam ${formatBrl(toProve)} a comprovar` : undefined}
          testId="salic-stat-proven"
        />
        <StatCard
          label="Admissibilidade"
          value={p.admissibility === null ? '—' : formatRatio(p.admissibility)}
          note={
            p.admissibilityIsOutlier
              ? 'abaixo do esperado: usa poucos itens comuns do segmento'
              : 'parcela dos itens comuns do segmento usados pelo projeto'
          }
          testId="salic-stat-admissibility"
        />
      </dl>

      <Composition p={p} />

      <nav className="salic-mode-switch" aria-label="Método estatístico" data-testid="salic-mode-switch">
        <span className="muted">Método:</span>
        {(['robust', 'parity'] as SalicMode[]).map((m) => (
          <Link
            key={m}
            className="button button-small"
            to={m === 'robust' ? salicProjectPath(p.pronac) : `${salicProjectPath(p.pronac)}?modo=paridade`}
            aria-current={p.mode === m ? 'true' : undefined}
          >
            {MODE_LABELS[m]}
          </Link>
        ))}
      </nav>

      <h2 className="section-title">Métricas</h2>
      <div className="salic-metrics" data-testid="salic-metrics">
        {p.metrics.map((m) => (
          <SalicMetricCard key={m.metric} metric={m} mode={p.mode} />
        ))}
      </div>
    </>
  );
}

/** How the complexity is made up: the points each deviating metric adds (robust score). */
function Composition({ p }: { p: SalicProjectDetail }) {
  const titles = new Map(p.metrics.map((m) => [m.metric, m.title]));
  const parts = [...p.contributions]
    .filter((c) => c.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution);
  return (
    <section
      className="card section-card"
      aria-labelledby="composition-title"
      data-testid="salic-composition"
    >
      <h2 id="composition-title">Composição da complexidade</h2>
      <p className="muted small">
        {p.scoreMethod} Soma dos pesos neste método: {formatInteger(p.totalWeight)}.
      </p>
      {parts.length === 0 ? (
        <p data-testid="salic-composition-empty">
          Nenhuma métrica pontuada fora do esperado: complexidade 0.
        </p>
      ) : (
        <ul className="salic-contributions">
          {parts.map((c) => (
            <li key={c.metric} data-testid="salic-contribution" data-metric={c.metric}>
              <span className="salic-contribution-label">
                <span>
                  {titles.get(c.metric) ?? c.metric}{' '}
                  <span className="muted small">(peso {formatInteger(c.weight)})</span>
                </span>
                <strong>+{formatDecimal(c.contribution, 2)}</strong>
              </span>
              <span className="salic-contribution-track" aria-hidden="true">
                <span
                  className="salic-contribution-fill block"
                  style={{ width: `${Math.min(100, c.contribution * 10)}%` }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
