// "Lei Rouanet": the financial-review backlog — SALIC projects ranked by their 0–10 complexity (position 1 = the
// hardest review), each row edged with its band's colour, with band chips that filter, search by name /
// proponent / PRONAC, complexity range, area, segment, UF and analyst filters (the analysts listed with their
// number of projects in the queue shown, "Sem analista" for the unassigned), server-side sorting (complexity,
// name, PRONAC, analyst) and pagination. Filters live in the URL, so a filtered backlog can be shared as a link; a
// filter the API refuses shows its problem (the parameter and why) instead of the list.
import { useEffect, useState } from 'react';
import { DataTable } from '../components/data-table';
import { DecimalField, Field, FiltersBar } from '../components/filters-bar';
import { Pagination } from '../components/pagination';
import { BandBadge, BandChips } from '../components/salic-band';
import { Async } from '../components/status';
import { formatBrl, formatInteger } from '../format';
import { usePageTitle } from '../page-title';
import { Link, navigate, queryInt, setQuery, useLocation } from '../router';
import {
  SALIC_PATH,
  NO_ANALYST,
  formatComplexity,
  listSalicAnalysts,
  listSalicMetrics,
  listSalicProjects,
  listSalicSegments,
  salicProjectPath,
  type SalicAnalysts,
  type SalicProject,
  type SalicProjectPage,
  type SalicSegment,
  type SalicSort,
} from '../salic-api';
import { useResource } from '../use-resource';
import '../components/salic.css';

const DEFAULT_PAGE_SIZE = 25;
const DEFAULT_SORT: SalicSort = '-complexity';
const SORTS: SalicSort[] = [
  '-complexity',
  'complexity',
  'name',
  '-name',
  'pronac',
  '-pronac',
  'analyst',
  '-analyst',
  '-approvedCents',
];
const UFS = 'AC AL AM AP BA CE DF ES GO MA MG MS MT PA PB PE PI PR RJ RN RO RR RS SC SE SP TO'.split(' ');
const FILTER_KEYS = [
  'q',
  'minComplexity',
  'maxComplexity',
  'band',
  'area',
  'segment',
  'uf',
  'outlier',
  'analyst',
  'fila',
] as const;
/** `fila=todos` lists every project; by default only the review queue (executed or rendering accounts). */
const ALL_PROJECTS = 'todos';

type Filters = Record<(typeof FILTER_KEYS)[number], string>;

export function SalicProjectsPage() {
  usePageTitle('Lei Rouanet');
  const { query, search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Filters;
  const page = queryInt(query, 'page') ?? 1;
  const pageSize = queryInt(query, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  const sort = SORTS.find((s) => s === query.get('sort')) ?? DEFAULT_SORT;
  const { fila, ...apiFilters } = filters;
  const list = useResource(
    (signal) =>
      listSalicProjects(
        { ...apiFilters, backlog: fila === ALL_PROJECTS ? undefined : 'true', sort, page, pageSize },
        signal,
      ),
    `salic-projects${search}`,
  );
  const segments = useResource((signal) => listSalicSegments(signal), 'salic-segments');
  // The analysts of the projects shown (the queue, or every project with fila=todos), for the filter's counts.
  const queueOnly = fila !== ALL_PROJECTS;
  const analysts = useResource(
    (signal) => listSalicAnalysts({ backlog: queueOnly ? 'true' : undefined }, signal),
    `salic-analysts-${queueOnly ? 'fila' : 'todos'}`,
  );
  const metrics = useResource((signal) => listSalicMetrics(signal), 'salic-metrics');
  const metricTitle = (id: string) =>
    (metrics.status === 'ok' ? metrics.data.items.find((m) => m.metric === id)?.title : undefined) ?? id;

  function go(changes: Partial<Record<keyof Filters | 'page' | 'pageSize' | 'sort', string | undefined>>) {
    const next: Record<string, string | undefined> = {
      ...filters,
      sort: sort === DEFAULT_SORT ? undefined : sort,
      pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
      page: String(page),
      ...changes,
    };
    if (next.page === '1') next.page = undefined;
    if (next.sort === DEFAULT_SORT) next.sort = undefined;
    setQuery(SALIC_PATH, next);
  }

  return (
    <section aria-labelledby="page-title" data-testid="page-salic-projects">
      <h1 id="page-title">Lei Rouanet: fila de análise financeira</h1>
      <p className="lead">
        Projetos culturais do SALIC ordenados pela complexidade esperada da análise da prestação de contas, de
        0 a 10: quanto maior, mais métricas fora do esperado para o segmento do projeto.{' '}
        <Link to={`${SALIC_PATH}/segmentos`}>Explorar os segmentos →</Link>
      </p>
      <SalicFilters
        current={filters}
        segments={segments.status === 'ok' ? segments.data.items : []}
        analysts={analysts.status === 'ok' ? analysts.data : undefined}
        onApply={(f) => go({ ...f, page: undefined })}
      />
      {filters.outlier && (
        <p className="salic-filter-note" data-testid="outlier-filter">
          Somente projetos com a métrica <strong>{metricTitle(filters.outlier)}</strong> fora do esperado.{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => go({ outlier: undefined, page: undefined })}
          >
            Remover este filtro
          </button>
        </p>
      )}
      <Async resource={list}>
        {(data) => (
          <>
            <BandChips
              counts={data.bands}
              active={filters.band}
              onSelect={(band) => go({ band, page: undefined })}
            />
            <Backlog
              data={data}
              sort={sort}
              onSort={(s) => go({ sort: s, page: undefined })}
              onPage={(p) => go({ page: String(p) })}
              onPageSize={(s) => go({ pageSize: String(s), page: undefined })}
            />
          </>
        )}
      </Async>
    </section>
  );
}

function Backlog({
  data,
  sort,
  onSort,
  onPage,
  onPageSize,
}: {
  data: SalicProjectPage;
  sort: SalicSort;
  onSort: (sort: string) => void;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  return (
    <>
      <p className="result-count" data-testid="result-count">
        {data.total === 1 ? '1 projeto encontrado' : `${formatInteger(data.total)} projetos encontrados`}
      </p>
      <div className="salic-backlog">
        <DataTable<SalicProject>
          caption="Projetos da Lei Rouanet por complexidade"
          testId="salic-projects-table"
          rows={data.items}
          rowKey={(p) => p.pronac}
          sort={sort}
          onSort={onSort}
          onRowClick={(p) => navigate(salicProjectPath(p.pronac))}
          empty="Nenhum projeto com esses filtros."
          columns={[
            {
              key: 'rank',
              header: 'Posição',
              align: 'right',
              // The band's colour edges the row (with the word in the complexity column).
              render: (p) => (
                <span className={`salic-edge salic-edge-${p.band}`} data-testid="rank" data-band={p.band}>
                  {`${formatInteger(p.rank)}º`}
                </span>
              ),
            },
            {
              key: 'pronac',
              header: 'PRONAC',
              sort: { first: 'pronac', second: '-pronac' },
              render: (p) => (
                <Link to={salicProjectPath(p.pronac)} data-testid="pronac-link">
                  {p.pronac}
                </Link>
              ),
            },
            {
              key: 'name',
              header: 'Projeto',
              sort: { first: 'name', second: '-name' },
              render: (p) => (
                <>
                  <span data-testid="project-name">{p.name}</span>
                  <span className="muted small block">
                    {[p.segment, p.uf].filter(Boolean).join(' · ') || '—'}
                  </span>
                  {p.proponentName && (
                    <span className="muted small block" data-testid="proponent">
                      Proponente: {p.proponentName}
                      {p.proponentDocument && ` (${p.proponentDocument})`}
                    </span>
                  )}
                </>
              ),
            },
            {
              key: 'analyst',
              header: 'Analista',
              sort: { first: 'analyst', second: '-analyst' },
              render: (p) =>
                p.analyst ? (
                  <span data-testid="analyst">{p.analyst}</span>
                ) : (
                  <span className="muted" data-testid="analyst" data-unassigned="true">
                    não atribuído
                  </span>
                ),
            },
            {
              key: 'complexity',
              header: 'Complexidade',
              align: 'right',
              sort: { first: '-complexity', second: 'complexity' },
              render: (p) => (
                <span data-testid="complexity" data-value={p.complexity}>
                  <BandBadge band={p.band} complexity={p.complexity} />
                  <span className="salic-complexity-bar" aria-hidden="true">
                    <span
                      className={`salic-fill-${p.band}`}
                      style={{ width: `${Math.min(100, Math.max(0, p.complexity * 10))}%` }}
                    />
                  </span>
                </span>
              ),
            },
            {
              key: 'outliers',
              header: 'Métricas fora',
              align: 'right',
              render: (p) => <span data-testid="outlier-count">{formatInteger(p.outlierCount)}</span>,
            },
            {
              key: 'approved',
              header: 'Aprovado',
              align: 'right',
              sort: { first: '-approvedCents' },
              render: (p) => <span className="money">{formatBrl(p.approvedCents)}</span>,
            },
            {
              key: 'proven',
              header: 'Comprovado',
              align: 'right',
              render: (p) => (
                <>
                  <span className="money">{formatBrl(p.provenCents)}</span>
                  <span className="muted small block money">de {formatBrl(p.raisedCents)} captados</span>
                </>
              ),
            },
          ]}
        />
      </div>
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.total}
        onPage={onPage}
        onPageSize={onPageSize}
        noun="projetos"
      />
      <p className="muted small">
        Complexidade {formatComplexity(3)} ou menos: normal; acima de {formatComplexity(3)}: complexo; acima
        de {formatComplexity(6)}: muito complexo. Uma complexidade alta indica onde a análise exigirá mais
        atenção, não uma irregularidade.
      </p>
    </>
  );
}

function SalicFilters({
  current,
  segments,
  analysts,
  onApply,
}: {
  current: Filters;
  segments: SalicSegment[];
  analysts: SalicAnalysts | undefined;
  onApply: (filters: Filters) => void;
}) {
  const [draft, setDraft] = useState<Filters>(current);
  const currentKey = JSON.stringify(current);
  useEffect(() => setDraft(JSON.parse(currentKey) as Filters), [currentKey]);
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const areas = [...new Set(segments.map((s) => s.area).filter((a): a is string => !!a))].sort((a, b) =>
    a.localeCompare(b, 'pt-BR'),
  );
  const shownSegments = segments
    .filter((s) => !draft.area || s.area === draft.area)
    .sort((a, b) => a.segment.localeCompare(b.segment, 'pt-BR'));

  return (
    <FiltersBar
      label="Filtros de projetos"
      onSubmit={() =>
        onApply({
          ...draft,
          q: draft.q.trim(),
          minComplexity: draft.minComplexity.trim().replace(',', '.'),
          maxComplexity: draft.maxComplexity.trim().replace(',', '.'),
        })
      }
      onReset={() => navigate(SALIC_PATH)}
    >
      <Field id="salic-search" label="Busca">
        <input
          id="salic-search"
          type="search"
          value={draft.q}
          placeholder="Nome, proponente ou PRONAC"
          onChange={(e) => set('q')(e.target.value)}
        />
      </Field>
      <DecimalField
        id="salic-min"
        label="Complexidade mínima"
        hint="de 0 a 10"
        value={draft.minComplexity}
        onChange={set('minComplexity')}
      />
      <DecimalField
        id="salic-max"
        label="Complexidade máxima"
        hint="de 0 a 10"
        value={draft.maxComplexity}
        onChange={set('maxComplexity')}
      />
      <Field id="salic-area" label="Área">
        <select
          id="salic-area"
          value={draft.area}
          onChange={(e) => setDraft((d) => ({ ...d, area: e.target.value, segment: '' }))}
        >
          <option value="">Todas</option>
          {areas.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </Field>
      <Field id="salic-segment" label="Segmento">
        <select id="salic-segment" value={draft.segment} onChange={(e) => set('segment')(e.target.value)}>
          <option value="">Todos</option>
          {/* A segment named in the URL but absent from the list stays selectable. */}
          {draft.segment && !segments.some((s) => (s.segmentCode ?? s.segment) === draft.segment) && (
            <option value={draft.segment}>{draft.segment}</option>
          )}
          {shownSegments.map((s) => (
            <option key={s.segment} value={s.segmentCode ?? s.segment}>
              {s.segment}
            </option>
          ))}
        </select>
      </Field>
      <Field id="salic-queue" label="Projetos">
        <select id="salic-queue" value={draft.fila} onChange={(e) => set('fila')(e.target.value)}>
          <option value="">Na fila de análise</option>
          <option value={ALL_PROJECTS}>Todos</option>
        </select>
      </Field>
      <Field id="salic-analyst" label="Analista">
        <select id="salic-analyst" value={draft.analyst} onChange={(e) => set('analyst')(e.target.value)}>
          <option value="">Todos</option>
          <option value={NO_ANALYST}>
            {analysts ? `Sem analista (${formatInteger(analysts.unassigned.projects)})` : 'Sem analista'}
          </option>
          {/* An analyst named in the URL but absent from the list (another case, or no project) stays selectable. */}
          {draft.analyst &&
            draft.analyst !== NO_ANALYST &&
            !analysts?.items.some((a) => a.analyst === draft.analyst) && (
              <option value={draft.analyst}>{draft.analyst}</option>
            )}
          {analysts?.items.map((a) => (
            <option key={a.analyst} value={a.analyst}>
              {`${a.analyst} (${formatInteger(a.projects)})`}
            </option>
          ))}
        </select>
      </Field>
      <Field id="salic-uf" label="UF">
        <select id="salic-uf" value={draft.uf} onChange={(e) => set('uf')(e.target.value)}>
          <option value="">Todas</option>
          {UFS.map((uf) => (
            <option key={uf} value={uf}>
              {uf}
            </option>
          ))}
        </select>
      </Field>
    </FiltersBar>
  );
}
