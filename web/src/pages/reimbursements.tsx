// "Reembolsos": the CEAP reimbursements, filtered, sorted and paginated by the server. The URL query is the
// single source of truth (same parameter names as the API: deputy, year, month, subquota, flagged, detector,
// q, sort, page, pageSize), so any view can be linked to; the form edits a draft and "Aplicar filtros" writes it to
// the URL. Invalid values typed into the URL reach the API, whose problem+json is shown as is.
import { useEffect, useState } from 'react';
import {
  getOverview,
  listDeputies,
  listDetectors,
  listReimbursements,
  listSubquotas,
  type Deputy,
  type Page,
  type Reimbursement,
  type ReimbursementQuery,
  type ReimbursementSort,
} from '../api';
import { DataTable } from '../components/data-table';
import { Field, FiltersBar } from '../components/filters-bar';
import { Pagination } from '../components/pagination';
import { FlagCountBadge } from '../components/severity-badge';
import { Async } from '../components/status';
import {
  formatBrl,
  formatDate,
  formatDocument,
  formatInteger,
  formatMonth,
  formatPartyUf,
  monthName,
} from '../format';
import { usePageTitle } from '../page-title';
import { Link, navigate, queryInt, setQuery, useLocation } from '../router';
import { useResource } from '../use-resource';

const PATH = '/reembolsos';
const DEFAULT_PAGE_SIZE = 25;
const FILTER_KEYS = ['deputy', 'year', 'month', 'subquota', 'flagged', 'detector', 'q'] as const;
const SORTS: readonly ReimbursementSort[] = [
  '-netCents',
  'netCents',
  'issueDate',
  '-issueDate',
  'deputyName',
];
const SUGGESTION_DELAY_MS = 250;

type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

export function ReimbursementsPage() {
  usePageTitle('Reembolsos');
  const { query, search } = useLocation();
  const filters = readFilters(query);
  const page = queryInt(query, 'page') ?? 1;
  const pageSize = queryInt(query, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  const sortParam = query.get('sort') ?? '';
  const sort = (SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as ReimbursementSort)
    : undefined;

  const request: ReimbursementQuery = {
    ...filters,
    flagged: filters.flagged === 'true' || filters.flagged === 'false' ? filters.flagged : undefined,
    page,
    pageSize,
    sort,
  };
  const list = useResource((signal) => listReimbursements(request, signal), `reimbursements${search}`);

  function go(changes: Partial<Record<FilterKey | 'page' | 'pageSize' | 'sort', string | undefined>>) {
    const next: Record<string, string | undefined> = {
      ...filters,
      sort,
      pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
      page: String(page),
      ...changes,
    };
    if (next.page === '1') next.page = undefined;
    setQuery(PATH, next);
  }

  return (
    <section aria-labelledby="page-title" data-testid="page-reimbursements">
      <h1 id="page-title">Reembolsos</h1>
      <p className="lead">Despesas ressarcidas pela Cota para o Exercício da Atividade Parlamentar (CEAP).</p>
      <ReimbursementFilters current={filters} onApply={(f) => go({ ...f, page: undefined })} />
      <Async resource={list}>
        {(data) => (
          <ReimbursementTable
            data={data}
            sort={sort}
            onSort={(s) => go({ sort: s, page: undefined })}
            onPage={(p) => go({ page: String(p) })}
            onPageSize={(s) => go({ pageSize: String(s), page: undefined })}
          />
        )}
      </Async>
    </section>
  );
}

function ReimbursementTable({
  data,
  sort,
  onSort,
  onPage,
  onPageSize,
}: {
  data: Page<Reimbursement>;
  sort: string | undefined;
  onSort: (sort: string) => void;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  return (
    <>
      <p className="result-count" data-testid="result-count">
        {data.total === 1 ? '1 reembolso encontrado' : `${formatInteger(data.total)} reembolsos encontrados`}
      </p>
      <DataTable
        caption="Reembolsos"
        testId="reimbursements-table"
        rows={data.items}
        rowKey={(r) => r.id}
        sort={sort}
        onSort={onSort}
        onRowClick={(r) => navigate(detailPath(r.id))}
        columns={[
          {
            key: 'issueDate',
            header: 'Data de emissão',
            sort: { first: '-issueDate', second: 'issueDate' },
            render: (r) => formatDate(r.issueDate),
          },
          {
            key: 'deputy',
            header: 'Deputado',
            sort: { first: 'deputyName' },
            render: (r) => (
              <>
                {r.deputyName}
                <span className="muted small"> {formatPartyUf(r.party, r.uf)}</span>
              </>
            ),
          },
          { key: 'month', header: 'Competência', render: (r) => formatMonth(r.year, r.month) },
          {
            key: 'subquota',
            header: 'Subcota',
            render: (r) => r.subquotaDescription ?? `Subcota ${r.subquota}`,
          },
          {
            key: 'supplier',
            header: 'Fornecedor',
            render: (r) => (
              <>
                <Link to={detailPath(r.id)} data-testid="detail-link">
                  {r.supplierName ?? 'Fornecedor não informado'}
                </Link>
                {r.supplierDocument && (
                  <span className="muted small block">{formatDocument(r.supplierDocument)}</span>
                )}
              </>
            ),
          },
          {
            key: 'netCents',
            header: 'Valor líquido',
            align: 'right',
            sort: { first: '-netCents', second: 'netCents' },
            render: (r) => (
              <span className="money" data-testid="net">
                {formatBrl(r.netCents)}
              </span>
            ),
          },
          {
            key: 'flags',
            header: 'Sinalizações',
            render: (r) => <FlagCountBadge count={r.flagCount} maxSeverity={r.maxSeverity} />,
          },
        ]}
      />
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        onPage={onPage}
        onPageSize={onPageSize}
        noun="reembolsos"
      />
    </>
  );
}

function ReimbursementFilters({
  current,
  onApply,
}: {
  current: Filters;
  onApply: (filters: Filters) => void;
}) {
  const [draft, setDraft] = useState<Filters>(current);
  const [deputyError, setDeputyError] = useState<string>();
  const currentKey = JSON.stringify(current);
  useEffect(() => {
    setDraft(JSON.parse(currentKey) as Filters);
    setDeputyError(undefined);
  }, [currentKey]);

  const years = useResource((signal) => getOverview(signal).then((o) => o.reimbursements.years), 'years');
  const subquotas = useResource((signal) => listSubquotas(signal).then((s) => s.items), 'subquotas');
  const detectors = useResource((signal) => listDetectors(signal).then((d) => d.items), 'detectors');
  const suggestions = useDeputySuggestions(draft.deputy);

  const set = (key: FilterKey) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  async function apply() {
    const text = draft.deputy.trim();
    if (text === '' || /^\d+$/.test(text)) {
      onApply({ ...draft, deputy: text, q: draft.q.trim() });
      return;
    }
    // A name typed without picking a suggestion: accept it when it names exactly one deputy.
    const found = await listDeputies({ q: text, pageSize: 5 }).catch(() => undefined);
    const exact = found?.items.filter((d) => d.name.toLowerCase() === text.toLowerCase()) ?? [];
    const match = exact.length === 1 ? exact[0] : found?.items.length === 1 ? found.items[0] : undefined;
    if (match) onApply({ ...draft, deputy: String(match.id), q: draft.q.trim() });
    else setDeputyError(`Nenhum deputado único com o nome "${text}": escolha um da lista ou informe o ID.`);
  }

  const yearOptions = years.status === 'ok' ? [...years.data].sort((a, b) => b - a).map(String) : [];
  if (draft.year && !yearOptions.includes(draft.year)) yearOptions.unshift(draft.year);

  return (
    <FiltersBar label="Filtros de reembolsos" onSubmit={() => void apply()} onReset={() => navigate(PATH)}>
      <Field id="filter-deputy" label="Deputado" hint="Nome ou ID" error={deputyError}>
        <input
          id="filter-deputy"
          type="search"
          list="deputy-suggestions"
          autoComplete="off"
          value={draft.deputy}
          aria-invalid={deputyError ? true : undefined}
          aria-describedby={deputyError ? 'filter-deputy-error' : 'filter-deputy-hint'}
          onChange={(e) => {
            setDeputyError(undefined);
            set('deputy')(e.target.value);
          }}
        />
        <datalist id="deputy-suggestions">
          {suggestions.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {`${d.name} (${formatPartyUf(d.party, d.uf)})`}
            </option>
          ))}
        </datalist>
      </Field>
      <Field id="filter-year" label="Ano">
        <select id="filter-year" value={draft.year} onChange={(e) => set('year')(e.target.value)}>
          <option value="">Todos</option>
          {yearOptions.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-month" label="Mês">
        <select id="filter-month" value={draft.month} onChange={(e) => set('month')(e.target.value)}>
          <option value="">Todos</option>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={String(m)}>
              {monthName(m)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-subquota" label="Subcota">
        <select id="filter-subquota" value={draft.subquota} onChange={(e) => set('subquota')(e.target.value)}>
          <option value="">Todas</option>
          {subquotas.status === 'ok' &&
            subquotas.data.map((s) => (
              <option key={s.subquota} value={String(s.subquota)}>
                {`${s.subquota} — ${s.description} (${formatInteger(s.reimbursements)})`}
              </option>
            ))}
          {draft.subquota &&
            subquotas.status === 'ok' &&
            !subquotas.data.some((s) => String(s.subquota) === draft.subquota) && (
              <option value={draft.subquota}>{draft.subquota}</option>
            )}
        </select>
      </Field>
      <Field id="filter-flagged" label="Sinalizados">
        <select id="filter-flagged" value={draft.flagged} onChange={(e) => set('flagged')(e.target.value)}>
          <option value="">Todos</option>
          <option value="true">Sim</option>
          <option value="false">Não</option>
        </select>
      </Field>
      <Field id="filter-detector" label="Detector">
        <select id="filter-detector" value={draft.detector} onChange={(e) => set('detector')(e.target.value)}>
          <option value="">Todos</option>
          {detectors.status === 'ok' &&
            detectors.data.map((d) => (
              <option key={d.id} value={d.id}>
                {`${d.titlePt || d.title} (${formatInteger(d.flags)})`}
              </option>
            ))}
          {draft.detector &&
            (detectors.status !== 'ok' || !detectors.data.some((d) => d.id === draft.detector)) && (
              <option value={draft.detector}>{draft.detector}</option>
            )}
        </select>
      </Field>
      <Field id="filter-supplier" label="Fornecedor">
        <input
          id="filter-supplier"
          type="search"
          value={draft.q}
          placeholder="Nome ou CNPJ"
          onChange={(e) => set('q')(e.target.value)}
        />
      </Field>
    </FiltersBar>
  );
}

/** Deputies whose name matches what is being typed, for the datalist (debounced, ignores numeric ids). */
function useDeputySuggestions(text: string): Deputy[] {
  const [items, setItems] = useState<Deputy[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || /^\d+$/.test(q)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      listDeputies({ q, pageSize: 10, sort: 'name' }, controller.signal).then(
        (page) => setItems(page.items),
        () => setItems([]),
      );
    }, SUGGESTION_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);
  return items;
}

function readFilters(query: URLSearchParams): Filters {
  const filters = {} as Filters;
  for (const key of FILTER_KEYS) filters[key] = query.get(key) ?? '';
  return filters;
}

function detailPath(id: string): string {
  return `${PATH}/${encodeURIComponent(id)}`;
}
