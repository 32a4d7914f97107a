// "Deputados": the risk ranking by default (position, score, flags, share of spending flagged, with the
// ranking's definition from the API when it publishes one), with search by name, state and party filters and
// server-side sorting and pagination. Each name links to the deputy's page; the reimbursement count to their
// reimbursements and the flag count to the flagged ones.
import { useEffect, useState } from 'react';
import { listDeputies, type Deputy, type DeputySort, type Page } from '../api';
import { DataTable } from '../components/data-table';
import { Field, FiltersBar } from '../components/filters-bar';
import { Pagination } from '../components/pagination';
import { RankingMethod } from '../components/ranking-method';
import { Async } from '../components/status';
import { formatBrl, formatInteger, formatPartyUf, formatScore, formatShare } from '../format';
import { usePageTitle } from '../page-title';
import { Link, navigate, queryInt, setQuery, useLocation } from '../router';
import { useResource } from '../use-resource';

const PATH = '/deputados';
const DEFAULT_PAGE_SIZE = 25;
const UFS = 'AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO'.split(' ');
const DEFAULT_SORT: DeputySort = '-riskScore';
const SORTS: { value: DeputySort; label: string }[] = [
  { value: '-riskScore', label: 'Pontuação de risco' },
  { value: '-flagCount', label: 'Mais sinalizações' },
  { value: '-netCents', label: 'Maior valor líquido' },
  { value: 'name', label: 'Nome (A–Z)' },
];

interface Filters {
  q: string;
  uf: string;
  party: string;
  sort: string;
}

export function DeputiesPage() {
  usePageTitle('Deputados');
  const { query, search } = useLocation();
  const filters: Filters = {
    q: query.get('q') ?? '',
    uf: query.get('uf') ?? '',
    party: query.get('party') ?? '',
    sort: query.get('sort') ?? '',
  };
  const page = queryInt(query, 'page') ?? 1;
  const pageSize = queryInt(query, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  const sort = SORTS.find((s) => s.value === filters.sort)?.value ?? DEFAULT_SORT;
  const list = useResource(
    (signal) =>
      listDeputies({ q: filters.q, uf: filters.uf, party: filters.party, sort, page, pageSize }, signal),
    `deputies${search}`,
  );

  function go(changes: Partial<Record<keyof Filters | 'page' | 'pageSize', string | undefined>>) {
    const next: Record<string, string | undefined> = {
      ...filters,
      pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
      page: String(page),
      ...changes,
    };
    if (next.page === '1') next.page = undefined;
    setQuery(PATH, next);
  }

  return (
    <section aria-labelledby="page-title" data-testid="page-deputies">
      <h1 id="page-title">Deputados</h1>
      <p className="lead">Quem pediu reembolsos, quanto e quantas sinalizações receberam.</p>
      <DeputyFilters
        current={filters}
        onApply={(f) => go({ ...f, sort: f.sort === DEFAULT_SORT ? undefined : f.sort, page: undefined })}
      />
      <h2 className="section-title" data-testid="deputies-heading">
        {sort === '-riskScore'
          ? 'Ranking de risco'
          : `Deputados por ${(SORTS.find((s) => s.value === sort)?.label ?? '').toLowerCase()}`}
      </h2>
      {sort === '-riskScore' && <RankingMethod />}
      <Async resource={list}>
        {(data) => (
          <DeputyTable
            data={data}
            onPage={(p) => go({ page: String(p) })}
            onPageSize={(s) => go({ pageSize: String(s), page: undefined })}
          />
        )}
      </Async>
    </section>
  );
}

function DeputyTable({
  data,
  onPage,
  onPageSize,
}: {
  data: Page<Deputy>;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  return (
    <>
      <p className="result-count" data-testid="result-count">
        {data.total === 1 ? '1 deputado encontrado' : `${formatInteger(data.total)} deputados encontrados`}
      </p>
      <DataTable
        caption="Deputados"
        testId="deputies-table"
        rows={data.items}
        rowKey={(d) => String(d.id)}
        onRowClick={(d) => navigate(deputyPath(d.id))}
        columns={[
          {
            key: 'rank',
            header: 'Posição',
            align: 'right',
            render: (d) => (
              <span data-testid="rank">{typeof d.rank === 'number' ? `${formatInteger(d.rank)}º` : '—'}</span>
            ),
          },
          {
            key: 'name',
            header: 'Nome',
            render: (d) => (
              <>
                <Link to={deputyPath(d.id)} data-testid="deputy-link" className="nowrap">
                  {d.name}
                </Link>
                {d.isLeadership && <span className="badge badge-kind"> liderança</span>}
                <span className="muted small block">{formatPartyUf(d.party, d.uf)}</span>
              </>
            ),
          },
          {
            key: 'riskScore',
            header: 'Pontuação',
            align: 'right',
            render: (d) => <span data-testid="risk-score">{formatScore(d.riskScore)}</span>,
          },
          {
            key: 'flags',
            // flagCount counts flagged reimbursements (one flagged by two detectors counts once).
            header: 'Sinalizados',
            align: 'right',
            render: (d) =>
              d.flagCount > 0 ? (
                <Link to={`/reembolsos?deputy=${d.id}&flagged=true`}>{formatInteger(d.flagCount)}</Link>
              ) : (
                '0'
              ),
          },
          {
            key: 'flaggedShare',
            header: '% sinalizado',
            align: 'right',
            render: (d) => (
              <span title={`${formatBrl(d.flaggedNetCents)} de ${formatBrl(d.netCents)}`}>
                {formatShare(d.flaggedNetCents, d.netCents)}
              </span>
            ),
          },
          {
            key: 'flaggedNet',
            header: 'Valor sinalizado',
            align: 'right',
            render: (d) => <span className="money">{formatBrl(d.flaggedNetCents)}</span>,
          },
          {
            key: 'net',
            header: 'Valor líquido',
            align: 'right',
            render: (d) => <span className="money">{formatBrl(d.netCents)}</span>,
          },
          {
            key: 'reimbursements',
            header: 'Reembolsos',
            align: 'right',
            render: (d) => (
              <Link
                to={`/reembolsos?deputy=${d.id}`}
                data-testid="deputy-reimbursements-link"
                aria-label={`${formatInteger(d.reimbursements)} reembolsos de ${d.name}`}
              >
                {formatInteger(d.reimbursements)}
              </Link>
            ),
          },
        ]}
      />
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        onPage={onPage}
        onPageSize={onPageSize}
        noun="deputados"
      />
    </>
  );
}

function deputyPath(id: number): string {
  return `${PATH}/${id}`;
}

function DeputyFilters({ current, onApply }: { current: Filters; onApply: (filters: Filters) => void }) {
  const [draft, setDraft] = useState<Filters>(current);
  const currentKey = JSON.stringify(current);
  useEffect(() => setDraft(JSON.parse(currentKey) as Filters), [currentKey]);
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <FiltersBar
      label="Filtros de deputados"
      onSubmit={() => onApply({ ...draft, q: draft.q.trim(), party: draft.party.trim().toUpperCase() })}
      onReset={() => navigate(PATH)}
    >
      <Field id="deputy-search" label="Nome">
        <input
          id="deputy-search"
          type="search"
          value={draft.q}
          placeholder="Buscar por nome"
          onChange={(e) => set('q')(e.target.value)}
        />
      </Field>
      <Field id="deputy-uf" label="UF">
        <select id="deputy-uf" value={draft.uf} onChange={(e) => set('uf')(e.target.value)}>
          <option value="">Todas</option>
          {UFS.map((uf) => (
            <option key={uf} value={uf}>
              {uf}
            </option>
          ))}
        </select>
      </Field>
      <Field id="deputy-party" label="Partido">
        <input
          id="deputy-party"
          type="text"
          value={draft.party}
          placeholder="Ex.: PT, PL"
          onChange={(e) => set('party')(e.target.value)}
        />
      </Field>
      <Field id="deputy-sort" label="Ordenar por">
        <select
          id="deputy-sort"
          value={draft.sort || DEFAULT_SORT}
          onChange={(e) => set('sort')(e.target.value)}
        >
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
    </FiltersBar>
  );
}
