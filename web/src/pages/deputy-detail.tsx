// One deputy (GET /v1/ceap/deputies/:id): party-UF, spending and flag totals, risk score and position in the
// ranking (with the ranking's definition), monthly spending (total per month, and one small chart per
// subquota with a monthly limit, bars against the limit line), flags by detector and the list of flags, each
// linking to its reimbursement. An unknown id shows "Deputado não encontrado" with the API's detail.
import {
  getDeputy,
  type ApiError,
  type DeputyDetail,
  type DeputyDetectorSummary,
  type DeputyFlag,
  type DeputyMonth,
} from '../api';
import { DataTable } from '../components/data-table';
import { MonthBars, type MonthBar } from '../components/month-bars';
import { RankingMethod } from '../components/ranking-method';
import { SeverityBadge } from '../components/severity-badge';
import { StatCard } from '../components/stat-card';
import { EmptyState, ErrorState, Loading } from '../components/status';
import {
  formatBrl,
  formatCount,
  formatDate,
  formatInteger,
  formatMonth,
  formatPartyUf,
  formatScore,
  formatShare,
} from '../format';
import { usePageTitle } from '../page-title';
import { Link, navigate } from '../router';
import { useResource } from '../use-resource';

export function DeputyDetailPage({ id }: { id: string }) {
  const detail = useResource((signal) => getDeputy(id, signal), `deputy:${id}`);
  const notFound = detail.status === 'error' && isNotFound(detail.error);
  usePageTitle(detail.status === 'ok' ? detail.data.name : notFound ? 'Deputado não encontrado' : 'Deputado');

  return (
    <section aria-labelledby="page-title" data-testid="page-deputy">
      <p className="breadcrumb">
        <Link to="/deputados">← Deputados</Link>
      </p>
      {detail.status === 'loading' && (
        <>
          <h1 id="page-title">Deputado</h1>
          <Loading />
        </>
      )}
      {detail.status === 'error' && !notFound && (
        <>
          <h1 id="page-title">Deputado</h1>
          <ErrorState error={detail.error} onRetry={detail.reload} />
        </>
      )}
      {detail.status === 'error' && notFound && (
        <div data-testid="not-found">
          <h1 id="page-title">Deputado não encontrado</h1>
          <ErrorState error={detail.error} title={`Nenhum deputado com o identificador "${id}".`} />
          <p>
            <Link to="/deputados">Voltar para a lista de deputados</Link>
          </p>
        </div>
      )}
      {detail.status === 'ok' && <DeputyContent d={detail.data} />}
    </section>
  );
}

function isNotFound(error: ApiError): boolean {
  return error.status === 404 || error.status === 400;
}

function DeputyContent({ d }: { d: DeputyDetail }) {
  const months = monthSpan(d.monthly);
  const totals = monthlyTotals(d.monthly, months);
  const limited = limitedSubquotas(d.monthly, months);
  const flaggedReimbursements = new Set(d.flags.map((f) => f.reimbursementId)).size;
  // The API lists the most severe flags (up to a cap); the per-detector counts give the full number.
  const totalFlags = Math.max(
    d.flags.length,
    d.byDetector.reduce((sum, b) => sum + b.flags, 0),
  );
  return (
    <>
      <header className="detail-header">
        <div>
          <h1 id="page-title">{d.name}</h1>
          <p className="lead" data-testid="deputy-subtitle">
            <span data-testid="deputy-party-uf">{formatPartyUf(d.party, d.uf)}</span>
            {d.isLeadership && <span className="badge badge-kind"> liderança</span>}
            <span className="muted"> · ID {d.id}</span>
          </p>
        </div>
        <div className="detail-amount" data-testid="deputy-risk">
          <span className="muted">Pontuação de risco</span>
          <strong data-testid="deputy-score">{formatScore(d.riskScore)}</strong>
          <span data-testid="deputy-rank">
            {typeof d.rank === 'number' ? `${formatInteger(d.rank)}º no ranking de risco` : 'Fora do ranking'}
          </span>
        </div>
      </header>
      <RankingMethod />

      <dl className="stat-grid stat-grid-compact">
        <StatCard
          label="Reembolsos"
          value={formatInteger(d.reimbursements)}
          note={<Link to={`/reembolsos?deputy=${d.id}`}>Ver todos os reembolsos →</Link>}
          testId="deputy-stat-reimbursements"
        />
        <StatCard label="Valor líquido" value={formatBrl(d.netCents)} testId="deputy-stat-net" />
        <StatCard
          label="Glosas"
          value={formatBrl(d.glosaCents)}
          note="valores recusados pela Câmara"
          testId="deputy-stat-glosa"
        />
        <StatCard
          label="Reembolsos sinalizados"
          value={formatInteger(d.flagCount)}
          note={
            d.flagCount > 0 ? (
              <Link to={`/reembolsos?deputy=${d.id}&flagged=true`}>Ver os sinalizados →</Link>
            ) : (
              'nenhuma sinalização'
            )
          }
          testId="deputy-stat-flags"
        />
        <StatCard
          label="Valor sinalizado"
          value={formatBrl(d.flaggedNetCents)}
          note={`${formatShare(d.flaggedNetCents, d.netCents)} do valor líquido`}
          testId="deputy-stat-flagged-net"
        />
      </dl>

      <section className="card section-card" aria-labelledby="monthly-title" data-testid="deputy-monthly">
        <h2 id="monthly-title">Gasto mensal</h2>
        {totals.length === 0 ? (
          <EmptyState>Nenhum reembolso.</EmptyState>
        ) : (
          <>
            <p className="muted small">Valor líquido de todas as subcotas, por mês de competência.</p>
            <div className="chart-scroll">
              <MonthBars
                bars={totals}
                label={`Gasto mensal total de ${d.name}`}
                width={1000}
                height={220}
                testId="monthly-total-chart"
              />
            </div>
            <details className="chart-data">
              <summary>Ver os valores por mês</summary>
              <DataTable
                caption="Gasto mensal total"
                testId="monthly-table"
                rows={totals}
                rowKey={(b) => `${b.year}-${b.month}`}
                columns={[
                  { key: 'month', header: 'Competência', render: (b) => formatMonth(b.year, b.month) },
                  {
                    key: 'reimbursements',
                    header: 'Reembolsos',
                    align: 'right',
                    render: (b) => formatInteger(b.reimbursements ?? 0),
                  },
                  {
                    key: 'net',
                    header: 'Valor líquido',
                    align: 'right',
                    render: (b) => <span className="money">{formatBrl(b.cents)}</span>,
                  },
                ]}
              />
            </details>
          </>
        )}
      </section>

      <section aria-labelledby="limits-title" data-testid="deputy-limits">
        <h2 id="limits-title" className="section-title">
          Subcotas com limite mensal
        </h2>
        {limited.length === 0 ? (
          <EmptyState>Nenhum gasto em subcotas com limite mensal.</EmptyState>
        ) : (
          <>
            <p className="muted small chart-key">
              <span>
                <i className="swatch bar-within" aria-hidden="true" /> Gasto do mês
              </span>
              <span>
                <i className="swatch bar-over" aria-hidden="true" /> Acima do limite
              </span>
              <span>
                <i className="swatch-line limit-step" aria-hidden="true" /> Limite mensal em vigor
              </span>
            </p>
            <div className="multiples">
              {limited.map((s) => (
                <figure
                  key={s.subquota}
                  className="card multiple"
                  data-testid="limit-multiple"
                  data-subquota={s.subquota}
                >
                  <figcaption>
                    <strong>{s.description}</strong>
                    <span className="muted small block" data-testid="limit-multiple-note">
                      {s.over === 0
                        ? 'nenhum mês acima do limite'
                        : `${formatCount(s.over, 'mês', 'meses')} acima do limite`}
                      {' · '}
                      <Link to={`/reembolsos?deputy=${d.id}&subquota=${s.subquota}`}>reembolsos</Link>
                    </span>
                  </figcaption>
                  <MonthBars
                    bars={s.bars}
                    label={`${s.description}, gasto mensal contra o limite`}
                    width={380}
                    height={170}
                  />
                </figure>
              ))}
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="by-detector-title" data-testid="deputy-by-detector">
        <h2 id="by-detector-title" className="section-title">
          Sinalizações por regra
        </h2>
        <DataTable<DeputyDetectorSummary>
          caption="Sinalizações por regra"
          testId="by-detector-table"
          rows={d.byDetector}
          rowKey={(r) => r.detector}
          empty="Nenhuma sinalização"
          columns={[
            {
              key: 'detector',
              header: 'Regra',
              render: (r) => (
                <Link to={`/reembolsos?deputy=${d.id}&detector=${encodeURIComponent(r.detector)}`}>
                  {r.title}
                </Link>
              ),
            },
            { key: 'flags', header: 'Sinalizações', align: 'right', render: (r) => formatInteger(r.flags) },
            {
              key: 'net',
              header: 'Valor sinalizado',
              align: 'right',
              render: (r) => <span className="money">{formatBrl(r.netCents)}</span>,
            },
            {
              key: 'severity',
              header: 'Severidade máxima',
              render: (r) => <SeverityBadge severity={r.maxSeverity} />,
            },
          ]}
        />
      </section>

      <section aria-labelledby="flags-title" data-testid="deputy-flags">
        <h2 id="flags-title" className="section-title">
          Sinalizações ({formatInteger(totalFlags)})
        </h2>
        {d.flags.length > 0 && (
          <p className="muted small" data-testid="deputy-flags-note">
            {d.flags.length < totalFlags
              ? `As ${formatInteger(d.flags.length)} mais severas de ${formatInteger(totalFlags)}, `
              : `${formatCount(d.flags.length, 'sinalização', 'sinalizações')} `}
            em {formatCount(flaggedReimbursements, 'reembolso', 'reembolsos')}. Clique para ver o reembolso e
            a explicação completa
            {d.flags.length < totalFlags && (
              <>
                {'; '}
                <Link to={`/reembolsos?deputy=${d.id}&flagged=true`}>todos os reembolsos sinalizados</Link>
              </>
            )}
            .
          </p>
        )}
        <DataTable<DeputyFlag>
          caption="Sinalizações"
          testId="deputy-flags-table"
          rows={d.flags}
          rowKey={(f) => `${f.reimbursementId}:${f.detector}`}
          onRowClick={(f) => navigate(`/reembolsos/${encodeURIComponent(f.reimbursementId)}`)}
          empty="Nenhuma sinalização"
          columns={[
            { key: 'date', header: 'Emissão', render: (f) => formatDate(f.issueDate) },
            {
              key: 'rule',
              header: 'Regra',
              render: (f) => (
                <Link to={`/reembolsos/${encodeURIComponent(f.reimbursementId)}`} data-testid="flag-link">
                  {f.title}
                </Link>
              ),
            },
            { key: 'severity', header: 'Severidade', render: (f) => <SeverityBadge severity={f.severity} /> },
            {
              key: 'net',
              header: 'Valor',
              align: 'right',
              render: (f) => <span className="money">{formatBrl(f.netCents)}</span>,
            },
            {
              key: 'text',
              header: 'Explicação',
              render: (f) => <span className="flag-row-text">{f.text ?? '—'}</span>,
            },
          ]}
        />
      </section>
    </>
  );
}

interface YearMonth {
  year: number;
  month: number;
}

const monthIndex = (m: YearMonth) => m.year * 12 + (m.month - 1);

/** Every accounting month from the first to the last in the data, so gaps show as empty months. */
export function monthSpan(rows: DeputyMonth[]): YearMonth[] {
  if (rows.length === 0) return [];
  const indices = rows.map(monthIndex);
  const first = Math.min(...indices);
  const last = Math.max(...indices);
  const span: YearMonth[] = [];
  // At most 25 years of months: a guard against a malformed year turning into a huge loop.
  for (let i = first; i <= last && span.length < 300; i++)
    span.push({ year: Math.floor(i / 12), month: (i % 12) + 1 });
  return span;
}

function monthlyTotals(rows: DeputyMonth[], months: YearMonth[]): MonthBar[] {
  const byMonth = new Map<number, { cents: number; reimbursements: number }>();
  for (const r of rows) {
    const t = byMonth.get(monthIndex(r)) ?? { cents: 0, reimbursements: 0 };
    t.cents += r.netCents;
    t.reimbursements += r.reimbursements;
    byMonth.set(monthIndex(r), t);
  }
  return months.map((m) => ({ ...m, ...(byMonth.get(monthIndex(m)) ?? { cents: 0, reimbursements: 0 }) }));
}

interface LimitedSubquota {
  subquota: number;
  description: string;
  bars: MonthBar[];
  over: number;
  total: number;
}

/** One series per subquota with a limit somewhere in the data, over the deputy's whole span of months. */
function limitedSubquotas(rows: DeputyMonth[], months: YearMonth[]): LimitedSubquota[] {
  const groups = new Map<number, DeputyMonth[]>();
  for (const r of rows) groups.set(r.subquota, [...(groups.get(r.subquota) ?? []), r]);
  const result: LimitedSubquota[] = [];
  for (const [subquota, list] of groups) {
    if (!list.some((r) => typeof r.limitCents === 'number')) continue;
    const byMonth = new Map(list.map((r) => [monthIndex(r), r]));
    const bars: MonthBar[] = months.map((m) => {
      const r = byMonth.get(monthIndex(m));
      return {
        ...m,
        cents: r?.netCents ?? 0,
        limitCents: r?.limitCents ?? null,
        reimbursements: r?.reimbursements ?? 0,
      };
    });
    fillLimits(bars);
    const description = list.find((r) => r.subquotaDescription)?.subquotaDescription ?? `Subcota ${subquota}`;
    result.push({
      subquota,
      description,
      bars,
      over: bars.filter((b) => typeof b.limitCents === 'number' && b.cents > b.limitCents).length,
      total: bars.reduce((sum, b) => sum + b.cents, 0),
    });
  }
  return result.sort((a, b) => b.over - a.over || b.total - a.total || a.subquota - b.subquota);
}

/**
 * Carries a limit forward into following months without receipts (limits change rarely, and a month without
 * receipts has no row to say which one was in force); months before the first receipt get no limit line.
 */
function fillLimits(bars: MonthBar[]): void {
  let last: number | null = null;
  for (const b of bars) {
    if (typeof b.limitCents === 'number') last = b.limitCents;
    else b.limitCents = last;
  }
}
