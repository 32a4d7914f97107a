// "Visão geral": the state of the data (datasets, rows ingested and quarantined, last pipeline run), the
// CEAP reimbursements in the warehouse, the flags by detector, and the deputies with the most flags, each
// linking to the filtered list of their flagged reimbursements.
import { getOverview, type Overview } from '../api';
import { DataTable } from '../components/data-table';
import { StatCard } from '../components/stat-card';
import { Async, EmptyState } from '../components/status';
import {
  formatBrl,
  formatCount,
  formatDateTime,
  formatDuration,
  formatInteger,
  formatPartyUf,
} from '../format';
import { usePageTitle } from '../page-title';
import { Link } from '../router';
import { useResource } from '../use-resource';

export function OverviewPage() {
  usePageTitle('Visão geral');
  const overview = useResource((signal) => getOverview(signal), 'overview');
  return (
    <section aria-labelledby="page-title" data-testid="page-overview">
      <h1 id="page-title">Visão geral</h1>
      <p className="lead">
        Dados abertos da Câmara dos Deputados transformados em sinalizações de risco explicadas.
      </p>
      <Async resource={overview}>{(data) => <OverviewContent data={data} />}</Async>
    </section>
  );
}

function OverviewContent({ data }: { data: Overview }) {
  const { reimbursements, flags } = data;
  const first = Math.min(...reimbursements.years);
  const last = Math.max(...reimbursements.years);
  const years =
    reimbursements.years.length === 0 ? undefined : first === last ? `ano ${first}` : `anos ${first}–${last}`;
  return (
    <>
      <h2 className="section-title">Dados</h2>
      <dl className="stat-grid">
        <StatCard label="Conjuntos de dados" value={formatInteger(data.datasets)} testId="stat-datasets" />
        <StatCard label="Linhas ingeridas" value={formatInteger(data.rowsIngested)} testId="stat-rows" />
        <StatCard
          label="Linhas em quarentena"
          value={formatInteger(data.rowsQuarantined)}
          note="rejeitadas na validação, com o motivo"
          testId="stat-quarantined"
        />
        <StatCard
          label="Última execução"
          value={data.lastRun ? formatDateTime(data.lastRun.finishedAt) : 'Nenhuma'}
          note={
            data.lastRun ? (
              <>
                <code>{data.lastRun.command}</code> · {formatDuration(data.lastRun.durationMs)}
              </>
            ) : (
              'o pipeline ainda não foi executado'
            )
          }
          testId="stat-last-run"
        />
      </dl>

      <h2 className="section-title">Reembolsos da cota parlamentar (CEAP)</h2>
      <dl className="stat-grid">
        <StatCard
          label="Reembolsos"
          value={formatInteger(reimbursements.count)}
          note={years}
          testId="stat-reimbursements"
        />
        <StatCard label="Valor líquido total" value={formatBrl(reimbursements.netCents)} testId="stat-net" />
        <StatCard
          label="Glosas"
          value={formatBrl(reimbursements.glosaCents)}
          note="valores recusados pela Câmara"
          testId="stat-glosa"
        />
        <StatCard label="Deputados" value={formatInteger(data.deputies)} testId="stat-deputies" />
      </dl>

      <div className="two-columns overview-columns">
        <section className="card" aria-labelledby="flags-title" data-testid="flags-by-detector">
          <h2 id="flags-title">Sinalizações</h2>
          <p>
            <strong>{formatCount(flags.total, 'sinalização', 'sinalizações')}</strong> em{' '}
            <strong>{formatCount(flags.flaggedReimbursements, 'reembolso', 'reembolsos')}</strong>, somando{' '}
            <strong className="money">{formatBrl(flags.flaggedNetCents)}</strong>.
          </p>
          {flags.byDetector.length === 0 ? (
            <EmptyState>Nenhuma sinalização</EmptyState>
          ) : (
            <ul className="bar-list">
              {flags.byDetector.map((d) => (
                <li key={d.detector}>
                  <div className="bar-list-label">
                    <span>{d.title}</span>
                    <span className="num">{formatInteger(d.count)}</span>
                  </div>
                  <div className="bar-list-track" aria-hidden="true">
                    <div
                      className="bar-list-fill"
                      style={{
                        width: `${(d.count / Math.max(1, ...flags.byDetector.map((x) => x.count))) * 100}%`,
                      }}
                    />
                  </div>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/reembolsos?flagged=true">Ver reembolsos sinalizados →</Link>
          </p>
        </section>

        <section className="card" aria-labelledby="top-title" data-testid="top-deputies">
          <h2 id="top-title">Deputados com mais sinalizações</h2>
          <DataTable
            caption="Deputados com mais sinalizações"
            rows={data.topFlaggedDeputies}
            rowKey={(d) => String(d.id)}
            empty="Nenhum deputado sinalizado"
            columns={[
              {
                key: 'name',
                header: 'Deputado',
                render: (d) => (
                  <Link to={`/reembolsos?deputy=${d.id}&flagged=true`} data-testid="top-deputy-link">
                    {d.name}
                  </Link>
                ),
              },
              { key: 'partyUf', header: 'Partido-UF', render: (d) => formatPartyUf(d.party, d.uf) },
              {
                key: 'flags',
                header: 'Sinalizações',
                align: 'right',
                render: (d) => formatInteger(d.flagCount),
              },
              {
                key: 'flaggedNet',
                header: 'Valor sinalizado',
                align: 'right',
                render: (d) => <span className="money">{formatBrl(d.flaggedNetCents)}</span>,
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}
