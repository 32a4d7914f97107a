// Fixtures for warehouse tests: throw-away project folders, and a lake table shaped exactly like the CEAP
// ingest's output (raw/camara/ceap/year=YYYY/part-<uuid>.parquet with the CEAP header's column names and types).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quoteIdent, quoteLiteral, withDb, type Db } from '../../src/core/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS_DIR = path.join(REPO_ROOT, 'models');
export const SEEDS_DIR = path.join(REPO_ROOT, 'seeds');

export async function makeTempDir(prefix = 'hardin-wh-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

export interface TempProject {
  root: string;
  modelsDir: string;
  seedsDir: string;
  lakeDir: string;
}

/** Writes `files` (paths relative to the project root, e.g. `models/staging/a.sql`) into a fresh temp folder. */
export async function writeProject(files: Record<string, string>, root?: string): Promise<TempProject> {
  const dir = root ?? (await makeTempDir());
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  }
  await fs.mkdir(path.join(dir, 'models'), { recursive: true });
  await fs.mkdir(path.join(dir, 'seeds'), { recursive: true });
  return {
    root: dir,
    modelsDir: path.join(dir, 'models'),
    seedsDir: path.join(dir, 'seeds'),
    lakeDir: path.join(dir, 'lake'),
  };
}

/** The ingest's output schema for CEAP (the contract the staging model reads), in file order. */
export const CEAP_LAKE_COLUMNS: readonly (readonly [string, string])[] = [
  ['txNomeParlamentar', 'VARCHAR'],
  ['cpf', 'VARCHAR'],
  ['ideCadastro', 'BIGINT'],
  ['nuCarteiraParlamentar', 'INTEGER'],
  ['nuLegislatura', 'INTEGER'],
  ['sgUF', 'VARCHAR'],
  ['sgPartido', 'VARCHAR'],
  ['codLegislatura', 'INTEGER'],
  ['numSubCota', 'INTEGER'],
  ['txtDescricao', 'VARCHAR'],
  ['numEspecificacaoSubCota', 'INTEGER'],
  ['txtDescricaoEspecificacao', 'VARCHAR'],
  ['txtFornecedor', 'VARCHAR'],
  ['txtCNPJCPF', 'VARCHAR'],
  ['txtNumero', 'VARCHAR'],
  ['indTipoDocumento', 'INTEGER'],
  ['datEmissao', 'TIMESTAMP'],
  ['vlrDocumento', 'DECIMAL(14,2)'],
  ['vlrGlosa', 'DECIMAL(14,2)'],
  ['vlrLiquido', 'DECIMAL(14,2)'],
  ['numMes', 'INTEGER'],
  ['numAno', 'INTEGER'],
  ['numParcela', 'INTEGER'],
  ['txtPassageiro', 'VARCHAR'],
  ['txtTrecho', 'VARCHAR'],
  ['numLote', 'BIGINT'],
  ['numRessarcimento', 'BIGINT'],
  ['datPagamentoRestituicao', 'TIMESTAMP'],
  ['vlrRestituicao', 'DECIMAL(14,2)'],
  ['nuDeputadoId', 'BIGINT'],
  ['ideDocumento', 'BIGINT'],
  ['urlDocumento', 'VARCHAR'],
  ['_line', 'BIGINT'],
  ['_vintage', 'VARCHAR'],
  ['_extra', 'VARCHAR'],
  ['_input_sha256', 'VARCHAR'],
  ['year', 'INTEGER'],
];

export type CeapLakeRow = Partial<Record<(typeof CEAP_LAKE_COLUMNS)[number][0], string | number | null>>;

/** The SQL type-cast expression list that builds one contract-shaped row from `$1…$n` string parameters. */
function castList(): string {
  return CEAP_LAKE_COLUMNS.map(([name, type], i) => `CAST($${i + 1} AS ${type}) AS ${quoteIdent(name)}`).join(
    ', ',
  );
}

/**
 * Writes rows to `<lakeDir>/raw/camara/ceap/year=YYYY/part-<uuid>.parquet` (replacing what was there), exactly
 * like the ingest does. Missing fields are NULL; `year` defaults to numAno.
 */
export async function writeCeapLake(lakeDir: string, rows: CeapLakeRow[]): Promise<void> {
  const dir = path.join(lakeDir, 'raw', 'camara', 'ceap');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  await withDb(async (db: Db) => {
    const columns = CEAP_LAKE_COLUMNS.map(([name, type]) => `${quoteIdent(name)} ${type}`).join(', ');
    await db.run(`CREATE TABLE lake_rows (${columns})`);
    for (const row of rows) {
      const values = CEAP_LAKE_COLUMNS.map(([name]) => {
        const v = name === 'year' ? (row.year ?? row.numAno) : row[name];
        return v === undefined || v === null ? null : String(v);
      });
      await db.run(`INSERT INTO lake_rows SELECT ${castList()}`, values);
    }
    await db.run(
      `COPY lake_rows TO ${quoteLiteral(dir)} (FORMAT parquet, PARTITION_BY (year), FILENAME_PATTERN 'part-{uuid}', OVERWRITE_OR_IGNORE)`,
    );
  });
}

/**
 * Writes `rows` synthetic CEAP lines of the ingest's shape with DuckDB `range()` (for timings, not for values):
 * 600 requesters (10 leaderships), 17 subquotas, 50k suppliers (a tenth with masks), 3 years, 0.1% exact duplicates.
 */
export async function writeSyntheticCeapLake(lakeDir: string, rows: number, db?: Db): Promise<void> {
  const dir = path.join(lakeDir, 'raw', 'camara', 'ceap');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const sql = `COPY (
    WITH ids AS (SELECT i, CASE WHEN i % 1000 = 1 THEN i - 1 ELSE i END AS j FROM range(${Math.trunc(rows)}) AS t(i)),
    base AS (SELECT i, j, j % 600 AS dep, (j * 31) % 50000 AS sup, 2019 + (j % 3) AS ano, ((j * 7919) % 100000) / 100.0 AS doc,
                    CASE WHEN j % 50 = 0 THEN 1.00 ELSE 0 END AS glosa FROM ids)
    SELECT
      'DEPUTADO ' || dep AS txNomeParlamentar, CAST(NULL AS VARCHAR) AS cpf,
      CAST(CASE WHEN dep < 590 THEN 100000 + dep END AS BIGINT) AS ideCadastro,
      CAST(CASE WHEN dep < 590 THEN dep END AS INTEGER) AS nuCarteiraParlamentar, 2019 AS nuLegislatura,
      CASE WHEN dep < 590 THEN ['SP', 'RJ', 'MG', 'BA', 'RS'][1 + dep % 5] ELSE 'NA' END AS sgUF,
      CASE WHEN dep < 590 THEN ['PT', 'PL', 'PSOL', 'MDB'][1 + dep % 4] END AS sgPartido, 56 AS codLegislatura,
      CAST([1, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 119, 120, 122, 123, 137, 999][1 + (j * 7) % 17] AS INTEGER) AS numSubCota,
      'SUBCOTA' AS txtDescricao, 0 AS numEspecificacaoSubCota, CAST(NULL AS VARCHAR) AS txtDescricaoEspecificacao,
      'FORNECEDOR ' || sup AS txtFornecedor,
      CASE WHEN sup % 10 = 0 THEN '0' || lpad(CAST(sup * 1000003 AS VARCHAR), 13, '0') || '-'
           ELSE lpad(CAST(sup * 1000003 AS VARCHAR), 14, '0') END AS txtCNPJCPF,
      CAST(j % 100000 AS VARCHAR) AS txtNumero, CAST(j % 3 AS INTEGER) AS indTipoDocumento,
      CAST(TIMESTAMP '2019-01-01' + to_days(CAST(j % 1000 AS INTEGER)) AS TIMESTAMP) AS datEmissao,
      CAST(doc AS DECIMAL(14,2)) AS vlrDocumento, CAST(glosa AS DECIMAL(14,2)) AS vlrGlosa,
      CAST(doc - glosa AS DECIMAL(14,2)) AS vlrLiquido,
      CAST(1 + j % 12 AS INTEGER) AS numMes, CAST(ano AS INTEGER) AS numAno, 0 AS numParcela,
      CAST(NULL AS VARCHAR) AS txtPassageiro, CAST(NULL AS VARCHAR) AS txtTrecho, CAST(j // 10 AS BIGINT) AS numLote,
      CAST(j AS BIGINT) AS numRessarcimento, CAST(NULL AS TIMESTAMP) AS datPagamentoRestituicao,
      CAST(NULL AS DECIMAL(14,2)) AS vlrRestituicao, CAST(200 + dep AS BIGINT) AS nuDeputadoId,
      CAST(7000000 + j AS BIGINT) AS ideDocumento, CAST(NULL AS VARCHAR) AS urlDocumento, CAST(i + 2 AS BIGINT) AS _line,
      '2019-29' AS _vintage, CAST(NULL AS VARCHAR) AS _extra, 'synthetic' AS _input_sha256, CAST(ano AS INTEGER) AS year
    FROM base
  ) TO ${quoteLiteral(dir)} (FORMAT parquet, PARTITION_BY (year), FILENAME_PATTERN 'part-{uuid}', COMPRESSION zstd)`;
  if (db) await db.run(sql);
  else await withDb((own) => own.run(sql));
}
