// "Catálogo de dados": every dataset in the lake (zone, size, freshness; expandable partitions with their
// versions and input hashes, and the schema), every warehouse table (grain, rows, columns, dependencies) and
// the lineage edges "origem → destino". Expandable parts use <details>, which is keyboard-accessible as is.
import { getCatalog, type Catalog, type CatalogDataset, type CatalogTable } from '../api';
import { DataTable } from '../components/data-table';
import { Async, EmptyState } from '../components/status';
import { formatBytes, formatCount, formatDateTime, formatInteger, formatRelative, orEmpty } from '../format';
import { usePageTitle } from '../page-title';
import { useResource } from '../use-resource';

const ZONES: Record<CatalogDataset['zone'], string> = {
  raw: 'bruto',
  quarantine: 'quarentena',
  gold: 'ouro',
};
const KINDS: Record<CatalogTable['kind'], string> = { view: 'visão', table: 'tabela', seed: 'semente' };

export function CatalogPage() {
  usePageTitle('Catálogo de dados');
  const catalog = useResource((signal) => getCatalog(signal), 'catalog');
  return (
    <section aria-labelledby="page-title" data-testid="page-catalog">
      <h1 id="page-title">Catálogo de dados</h1>
      <Async resource={catalog}>{(data) => <CatalogContent data={data} />}</Async>
    </section>
  );
}

function CatalogContent({ data }: { data: Catalog }) {
  return (
    <>
      <p className="lead">
        Conjuntos do data lake, tabelas do armazém e a linhagem entre eles. Catálogo gerado em{' '}
        {formatDateTime(data.generatedAt)}.
      </p>

      <h2 className="section-title">Conjuntos de dados ({formatInteger(data.datasets.length)})</h2>
      {data.datasets.length === 0 ? (
        <EmptyState>Nenhum conjunto de dados ingerido</EmptyState>
      ) : (
        <div className="stack" data-testid="datasets">
          {data.datasets.map((d) => (
            <DatasetItem key={`${d.zone}:${d.name}`} dataset={d} />
          ))}
        </div>
      )}

      <h2 className="section-title">Tabelas do armazém ({formatInteger(data.tables.length)})</h2>
      {data.tables.length === 0 ? (
        <EmptyState>Nenhuma tabela construída</EmptyState>
      ) : (
        <div className="stack" data-testid="tables">
          {data.tables.map((t) => (
            <TableItem key={t.name} table={t} />
          ))}
        </div>
      )}

      <h2 className="section-title">Linhagem</h2>
      {data.lineage.length === 0 ? (
        <EmptyState>Nenhuma dependência registrada</EmptyState>
      ) : (
        <ul className="lineage card" data-testid="lineage">
          {data.lineage.map((edge) => (
            <li key={`${edge.from}->${edge.to}`}>
              <code>{edge.from}</code> <span aria-label="alimenta">→</span> <code>{edge.to}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function DatasetItem({ dataset: d }: { dataset: CatalogDataset }) {
  return (
    <details className="card expandable" data-testid="dataset">
      <summary>
        <span className="expandable-title">
          <code>{d.name}</code>{' '}
          <span className={`badge badge-zone-${d.zone}`}>{ZONES[d.zone] ?? d.zone}</span>
        </span>
        <span className="expandable-meta">
          {formatCount(d.rows, 'linha', 'linhas')} · {formatCount(d.files, 'arquivo', 'arquivos')} ·{' '}
          {formatBytes(d.bytes)} ·{' '}
          {d.lastIngestedAt ? (
            <>
              ingerido em {formatDateTime(d.lastIngestedAt)} ({formatRelative(d.lastIngestedAt)})
            </>
          ) : (
            'nunca ingerido'
          )}
        </span>
      </summary>
      <div className="expandable-body">
        <p>{d.description}</p>
        <p className="muted">
          Caminho: <code>{d.path}</code>
        </p>
        <h3>Partições ({formatInteger(d.partitions.length)})</h3>
        <DataTable
          caption={`Partições de ${d.name}`}
          rows={d.partitions}
          rowKey={(p) => `${p.key}:${p.version}`}
          testId="partitions"
          columns={[
            { key: 'key', header: 'Partição', render: (p) => <code>{p.key}</code> },
            { key: 'version', header: 'Versão', align: 'right', render: (p) => formatInteger(p.version) },
            { key: 'rows', header: 'Linhas', align: 'right', render: (p) => formatInteger(p.rows) },
            { key: 'input', header: 'Arquivo de origem', render: (p) => p.inputName },
            { key: 'vintage', header: 'Safra', render: (p) => p.vintage },
            {
              key: 'sha',
              header: 'SHA-256',
              render: (p) => <code title={p.inputSha256}>{p.inputSha256.slice(0, 12)}…</code>,
            },
            { key: 'ingestedAt', header: 'Ingerido em', render: (p) => formatDateTime(p.ingestedAt) },
            { key: 'run', header: 'Execução', render: (p) => <code>{p.runId}</code> },
          ]}
        />
        <h3>Esquema ({formatCount(d.schema.length, 'coluna', 'colunas')})</h3>
        <DataTable
          caption={`Esquema de ${d.name}`}
          rows={d.schema}
          rowKey={(f) => f.name}
          testId="schema"
          columns={[
            { key: 'name', header: 'Coluna', render: (f) => <code>{f.name}</code> },
            { key: 'type', header: 'Tipo', render: (f) => <code>{f.type}</code> },
          ]}
        />
      </div>
    </details>
  );
}

function TableItem({ table: t }: { table: CatalogTable }) {
  return (
    <details className="card expandable" data-testid="table">
      <summary>
        <span className="expandable-title">
          <code>{t.name}</code> <span className="badge badge-kind">{KINDS[t.kind] ?? t.kind}</span>
        </span>
        <span className="expandable-meta">
          {formatCount(t.rows, 'linha', 'linhas')} · grão: {orEmpty(t.grain)} · construída em{' '}
          {formatDateTime(t.builtAt)}
        </span>
      </summary>
      <div className="expandable-body">
        <p>{t.description}</p>
        <p>
          Depende de:{' '}
          {t.dependsOn.length === 0
            ? 'nada (origem)'
            : t.dependsOn.map((dep, i) => (
                <span key={dep}>
                  {i > 0 && ', '}
                  <code>{dep}</code>
                </span>
              ))}
        </p>
        <DataTable
          caption={`Colunas de ${t.name}`}
          rows={t.columns}
          rowKey={(c) => c.name}
          testId="columns"
          columns={[
            { key: 'name', header: 'Coluna', render: (c) => <code>{c.name}</code> },
            { key: 'type', header: 'Tipo', render: (c) => <code>{c.type}</code> },
            { key: 'description', header: 'Descrição', render: (c) => orEmpty(c.description) },
          ]}
        />
      </div>
    </details>
  );
}
