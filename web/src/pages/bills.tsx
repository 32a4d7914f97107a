// "Proposições": the Câmara's bills with the model's probability of each becoming law. A header with the counts,
// the base rate (how often a bill whose fate is known became law) and which model predicts; a search box (a
// label such as "PL 1234/2021" or words of the ementa), filters (type, status, years, author kind, party, UF,
// theme, probability range, predicted positive), a server-sorted table (Proposição, Tipo, Apresentação,
// Situação, Probabilidade de virar lei, Autor) with a colour band for the probability, and pagination. Filters
// live in the URL; by default the list shows the bills still moving, most likely to become law first. A filter
// the API refuses shows its problem (the parameter and why) instead of the list.
import {
  BILLS_PATH,
  TYPE_LABELS,
  authorLine,
  billAlgorithmLabel,
  billPath,
  billStatusLabel,
  formatProbability,
  getBillSummary,
  listBills,
  percentToProbability,
  type Bill,
  type BillPage,
  type BillSort,
  type BillSummary,
} from '../bills-api';
import {
  BillFilters,
  FILTER_KEYS,
  billStatusFromUrl,
  type BillFilterValues,
} from '../components/bill-filters';
import { ProbabilityBadge, ProbabilityLegend } from '../components/bill-probability';
import { DataTable } from '../components/data-table';
import { Pagination } from '../components/pagination';
import { StatCard } from '../components/stat-card';
import { Async } from '../components/status';
import { formatDate, formatInteger } from '../format';
import { usePageTitle } from '../page-title';
import { Link, navigate, queryInt, setQuery, useLocation } from '../router';
import { useResource } from '../use-resource';
import '../components/bills.css';

const DEFAULT_PAGE_SIZE = 25;
const SORTS: BillSort[] = [
  '-probability',
  'probability',
  '-presentedAt',
  'presentedAt',
  '-lastEventAt',
  'lastEventAt',
  'number',
  '-number',
];

export function BillsPage() {
  usePageTitle('Proposições');
  const { query, search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as BillFilterValues;
  const page = queryInt(query, 'page') ?? 1;
  const pageSize = queryInt(query, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  const sort = SORTS.find((s) => s === query.get('sort'));
  const { probMin, probMax, status, ...rest } = filters;
  const list = useResource(
    (signal) =>
      listBills(
        {
          ...rest,
          status: billStatusFromUrl(status),
          minProbability: percentToProbability(probMin),
          maxProbability: percentToProbability(probMax),
          sort,
          page,
          pageSize,
        },
        signal,
      ),
    `bills${search}`,
  );
  const summary = useResource((signal) => getBillSummary(signal), 'bills-summary');

  function go(
    changes: Partial<Record<keyof BillFilterValues | 'page' | 'pageSize' | 'sort', string | undefined>>,
  ) {
    const next: Record<string, string | undefined> = {
      ...filters,
      sort,
      pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
      page: String(page),
      ...changes,
    };
    if (next.page === '1') next.page = undefined;
    setQuery(BILLS_PATH, next);
  }

  return (
    <section aria-labelledby="page-title" data-testid="page-bills">
      <h1 id="page-title">Proposições na Câmara</h1>
      <p className="lead">
        Projetos de lei, de lei complementar, de decreto legislativo, propostas de emenda à Constituição e
        medidas provisórias, com a tramitação de cada um e a probabilidade, estimada por um modelo, de virar
        lei.
      </p>
      {summary.status === 'ok' && <SummaryCards s={summary.data} />}
      <BillFilters
        current={filters}
        summary={summary.status === 'ok' ? summary.data : undefined}
        onApply={(f) => go({ ...f, page: undefined })}
      />
      <Async resource={list}>
        {(data) => (
          <BillsTable
            data={data}
            onSort={(s) => go({ sort: s, page: undefined })}
            onPage={(p) => go({ page: String(p) })}
            onPageSize={(s) => go({ pageSize: String(s), page: undefined })}
          />
        )}
      </Async>
    </section>
  );
}

function SummaryCards({ s }: { s: BillSummary }) {
  const p = s.predictions;
  return (
    <dl className="stat-grid stat-grid-compact" data-testid="bills-summary">
      <StatCard
        label="Proposições"
        value={formatInteger(s.total)}
        note={
          s.years.min !== null && s.years.max !== null
            ? `apresentadas de ${s.years.min} a ${s.years.max}`
            : undefined
        }
        testId="bills-total"
      />
      <StatCard
        label="Em tramitação"
        value={formatInteger(s.byStatus.pending)}
        note={s.dataAsOf ? `última movimentação em ${formatDate(s.dataAsOf)}` : undefined}
        testId="bills-pending"
      />
      <StatCard
        label="Viraram lei"
        value={formatInteger(s.byStatus.law)}
        note={
          s.baseRate.rate === null
            ? 'nenhuma proposição encerrada ainda'
            : `${formatProbability(s.baseRate.rate)} das ${formatInteger(s.baseRate.finalBills)} encerradas (taxa de base)`
        }
        testId="bills-law"
      />
      <StatCard
        label="Previsões"
        value={p.available ? formatInteger(p.scored) : '—'}
        note={
          p.available && p.model ? (
            <>
              modelo{' '}
              <Link to={`/modelos/${encodeURIComponent(p.model.name)}`}>
                {p.model.name} v{p.model.version}
              </Link>{' '}
              ({billAlgorithmLabel(p.model.algorithm)}), {formatInteger(p.predictedPositive)} acima do limiar
              {p.asOf ? `, em ${formatDate(p.asOf)}` : ''}
            </>
          ) : (
            'nenhum modelo treinado ainda'
          )
        }
        testId="bills-predictions"
      />
    </dl>
  );
}

function BillsTable({
  data,
  onSort,
  onPage,
  onPageSize,
}: {
  data: BillPage;
  onSort: (sort: string) => void;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  return (
    <>
      <p className="result-count" data-testid="result-count">
        {data.total === 1
          ? '1 proposição encontrada'
          : `${formatInteger(data.total)} proposições encontradas`}
      </p>
      <DataTable<Bill>
        caption="Proposições da Câmara"
        testId="bills-table"
        rows={data.items}
        rowKey={(b) => String(b.id)}
        sort={data.sort}
        onSort={onSort}
        onRowClick={(b) => navigate(billPath(b.id))}
        empty="Nenhuma proposição com esses filtros."
        columns={[
          {
            key: 'label',
            header: 'Proposição',
            sort: { first: 'number', second: '-number' },
            render: (b) => (
              <>
                <Link to={billPath(b.id)} data-testid="bill-link">
                  {b.label ?? `Proposição ${b.id}`}
                </Link>
                {b.summary && (
                  <span className="muted small bill-summary-line" data-testid="bill-summary">
                    {clip(b.summary, 160)}
                  </span>
                )}
              </>
            ),
          },
          {
            key: 'type',
            header: 'Tipo',
            render: (b) => (
              <abbr title={TYPE_LABELS[b.type] ?? b.type} data-testid="bill-type">
                {b.type}
              </abbr>
            ),
          },
          {
            key: 'presentedAt',
            header: 'Apresentação',
            sort: { first: '-presentedAt', second: 'presentedAt' },
            render: (b) => (
              <span className="nowrap" data-testid="presented-at">
                {formatDate(b.presentedAt)}
              </span>
            ),
          },
          {
            key: 'lastEventAt',
            header: 'Situação',
            sort: { first: '-lastEventAt', second: 'lastEventAt' },
            render: (b) => (
              <>
                <span data-testid="bill-situation">{b.situation ?? billStatusLabel(b)}</span>
                <span className="muted small block">
                  {billStatusLabel(b)}
                  {b.lastEventAt && ` · ${formatDate(b.lastEventAt)}`}
                </span>
              </>
            ),
          },
          {
            key: 'probability',
            header: 'Probabilidade de virar lei',
            align: 'right',
            sort: { first: '-probability', second: 'probability' },
            render: (b) => (
              <ProbabilityBadge probability={b.probability} predictedPositive={b.predictedPositive} />
            ),
          },
          {
            key: 'author',
            header: 'Autor',
            render: (b) => <span data-testid="bill-author">{authorLine(b)}</span>,
          },
        ]}
      />
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        onPage={onPage}
        onPageSize={onPageSize}
        noun="proposições"
      />
      <ProbabilityLegend />
    </>
  );
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}
