// SALIC homes for the API and browser tests. Two kinds:
// - `prepareSalicHome`: the real pipeline at a small scale — generateSalic → ingestSalicExtracts → runBuild →
//   runDetect('salic') — so the tests read what `hardin detect salic` writes.
// - `writeSalicFixture`: a hand-built warehouse with only the four detect.salic_* tables of the table contract
//   and five known projects (known ranks, bands, outliers, analysts — one of them unassigned, one with an
//   accented name —, a raw CPF in a detail list that the API must mask, the PRONACs "058123" and "58123" that
//   must stay two projects), plus optional filler projects generated in SQL (to time list queries and the cold
//   start at 20k projects without the pipeline; every fifth unassigned, the others spread over 30 analysts).
import path from 'node:path';
import { Db, homePaths, newRunId } from '../../src/core/index.js';
import { ingestSalicExtracts, runBuild, runDetect } from '../../src/pipelines/index.js';
import { generateSalic } from '../../src/sources/synthetic/salic/index.js';
import { makeTempDir } from './tmp.js';

export interface SalicHome {
  home: string;
  projects: number;
}

/** Generates, ingests, builds and detects a small synthetic SALIC database (scale 0.01 ≈ 200 projects). */
export async function prepareSalicHome(options: { scale?: number; seed?: number } = {}): Promise<SalicHome> {
  const home = await makeTempDir('hardin-salic-');
  const generated = await generateSalic({
    outDir: path.join(home, 'salic-data'),
    seed: options.seed ?? 42,
    scale: options.scale ?? 0.01,
    api: false,
  });
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
  const runId = newRunId(at(1));
  await ingestSalicExtracts({ home, dir: path.join(home, 'salic-data'), now: at(0) });
  await runBuild({ home, runId, now: at(1) });
  await runDetect({ home, runId, suite: 'salic', now: at(2) });
  return { home, projects: generated.projects };
}

/** The metric definitions of the fixture (weights as in Salic-ML, DOMAIN.md §4.1; they sum to 22). */
export const FIXTURE_METRICS: [id: string, title: string, weight: number, inScore: boolean][] = [
  ['itens_orcamentarios', 'Itens orçamentários', 1, true],
  ['valor_a_ser_comprovado', 'Valor a ser comprovado', 5, true],
  ['comprovantes_acima_50', 'Comprovantes acima de 50%', 2, true],
  ['novos_fornecedores', 'Novos fornecedores', 1, true],
  ['comprovante_cheque', 'Comprovante em cheque para vários itens', 1, true],
  ['comprovante_transferencia', 'Comprovante de transferência para vários itens', 5, true],
  ['comprovante_saque', 'Comprovante de saque para vários itens', 5, true],
  ['projetos_mesmo_proponente', 'Projetos do mesmo proponente', 2, true],
  ['comprovante_pagamento', 'Número de comprovantes', 0, false],
  ['itens_comuns_e_incomuns', 'Itens comuns do segmento (admissibilidade)', 0, false],
  ['preco_itens', 'Preço dos itens', 0, false],
];

export interface FixtureProject {
  pronac: string;
  name: string;
  segment: 'Música Popular Cantada' | 'Teatro';
  uf: string;
  analyst: string | null;
  outliers: string[];
  complexity: number;
  band: 'normal' | 'complexo' | 'muito_complexo';
  rank: number;
}

const SEGMENTS = {
  'Música Popular Cantada': { code: '31', area: 'Música' },
  Teatro: { code: '11', area: 'Artes Cênicas' },
} as const;

/** The five hand-written projects, in rank order (complexity = round(10 × Σ outlier weights / 22, 1)). */
export const FIXTURE_PROJECTS: FixtureProject[] = [
  {
    pronac: '132955',
    name: 'Festival de Música do Cerrado',
    segment: 'Música Popular Cantada',
    uf: 'GO',
    analyst: 'Ana Souza',
    outliers: [
      'valor_a_ser_comprovado',
      'comprovante_transferencia',
      'comprovante_saque',
      'itens_orcamentarios',
    ],
    complexity: 7.3,
    band: 'muito_complexo',
    rank: 1,
  },
  {
    pronac: '058123',
    name: 'Circuito de Teatro Popular',
    segment: 'Teatro',
    uf: 'SP',
    analyst: null,
    outliers: ['itens_orcamentarios', 'valor_a_ser_comprovado', 'novos_fornecedores'],
    complexity: 3.2,
    band: 'complexo',
    rank: 2,
  },
  {
    pronac: '58123',
    name: 'Oficinas de Teatro na Escola',
    segment: 'Teatro',
    uf: 'BA',
    analyst: 'Bruno Lima',
    outliers: ['comprovantes_acima_50'],
    complexity: 0.9,
    band: 'normal',
    rank: 3,
  },
  {
    pronac: '150777',
    name: 'Mostra 100% Independente_Sul',
    segment: 'Música Popular Cantada',
    uf: 'RJ',
    analyst: 'Ana Souza',
    outliers: ['novos_fornecedores'],
    complexity: 0.5,
    band: 'normal',
    rank: 4,
  },
  {
    pronac: '141020',
    name: 'Orquestra Jovem do Recôncavo',
    segment: 'Música Popular Cantada',
    uf: 'BA',
    // Sorts before "Ana Souza" by the analyst sort (accents ignored), after "Bruno Lima" byte-wise.
    analyst: 'Álvaro Pereira',
    outliers: [],
    complexity: 0,
    band: 'normal',
    rank: 5,
  },
];

/** A raw CPF the fixture stores in a detail list; the API must answer it masked. */
export const FIXTURE_RAW_CPF = '12345678901';

const lit = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);

/**
 * Writes `<home>/warehouse.duckdb` with the detect.salic_* tables: the five FIXTURE_PROJECTS and `filler`
 * more projects (PRONAC "9" + 6 digits, band normal, ranked after them) with their 11 metrics in both modes.
 */
export async function writeSalicFixture(home: string, options: { filler?: number } = {}): Promise<SalicHome> {
  const filler = options.filler ?? 0;
  const db = await Db.open({ path: homePaths(home).warehouse });
  try {
    await db.run('CREATE SCHEMA IF NOT EXISTS detect');
    await db.run(
      `CREATE TABLE detect.salic_metric_definitions AS SELECT * FROM (VALUES ${FIXTURE_METRICS.map(
        ([id, title, weight, inScore]) =>
          `(${lit(id)}, ${lit(title)}, ${lit(`Descrição de ${title.toLowerCase()}.`)}, ${lit(`Método de ${title.toLowerCase()}.`)}, ${weight}::DOUBLE, ${inScore})`,
      ).join(', ')}) t(metric, title_pt, description_pt, method_pt, weight, in_score)`,
    );

    const projectRows = FIXTURE_PROJECTS.map((p) => {
      const seg = SEGMENTS[p.segment];
      const contributions = JSON.stringify(
        FIXTURE_METRICS.filter(([id, , , inScore]) => inScore && p.outliers.includes(id)).map(
          ([id, , w]) => ({
            metric: id,
            weight: w,
            contribution: Math.round((w / 22) * 10 * 1000) / 1000,
          }),
        ),
      );
      return `(${lit(p.pronac)}, ${lit(p.name)}, ${lit(seg.area)}, ${lit(p.segment)}, ${lit(seg.code)}, ${lit(p.uf)},
        'Goiânia', ${lit(`Proponente de ${p.name}`)}, '12.***.***/0001-**', ${lit(p.analyst)}, 'E12 - Prestação de contas em análise',
        ${100_000_00 * p.rank}, ${90_000_00 * p.rank}, ${80_000_00 * p.rank}, ${p.complexity}, ${p.complexity},
        ${lit(p.band)}, ${p.outliers.length}, 0.8, false, ${lit(contributions)}, ${p.rank})`;
    });
    await db.run(`CREATE TABLE detect.salic_projects (
      pronac VARCHAR PRIMARY KEY, name VARCHAR, area VARCHAR, segment VARCHAR, segment_code VARCHAR, uf VARCHAR,
      city VARCHAR, proponent_name VARCHAR, proponent_document_masked VARCHAR, analyst VARCHAR, status VARCHAR,
      approved_cents BIGINT, raised_cents BIGINT, proven_cents BIGINT, complexity DOUBLE, complexity_parity DOUBLE,
      band VARCHAR, outlier_count INTEGER, admissibility DOUBLE, admissibility_is_outlier BOOLEAN,
      contributions JSON, rank INTEGER)`);
    await db.run(`INSERT INTO detect.salic_projects VALUES ${projectRows.join(',\n')}`);
    if (filler > 0) {
      await db.run(`INSERT INTO detect.salic_projects
        SELECT '9' || lpad(CAST(i AS VARCHAR), 6, '0'), 'Projeto de preenchimento ' || i,
               CASE WHEN i % 2 = 0 THEN 'Música' ELSE 'Artes Cênicas' END,
               CASE WHEN i % 2 = 0 THEN 'Música Popular Cantada' ELSE 'Teatro' END,
               CASE WHEN i % 2 = 0 THEN '31' ELSE '11' END, 'MG', 'Belo Horizonte', 'Proponente ' || i,
               '***.456.789-**', CASE WHEN i % 5 <> 0 THEN 'Analista de Preenchimento ' || (i % 30) END,
               'E12', 100000, 50000, 50000, 0.0, 0.0, 'normal', 0, 0.9, false, '[]',
               ${FIXTURE_PROJECTS.length} + i
        FROM range(1, ${filler + 1}) r(i)`);
    }

    await db.run(`CREATE TABLE detect.salic_metrics (pronac VARCHAR, metric VARCHAR, mode VARCHAR, value DOUBLE,
      is_outlier BOOLEAN, valid BOOLEAN, expected_min DOUBLE, expected_max DOUBLE, weight DOUBLE, details JSON,
      explanation JSON)`);
    const outliers = FIXTURE_PROJECTS.flatMap((p) => p.outliers.map((m) => `(${lit(p.pronac)}, ${lit(m)})`));
    await db.run(`INSERT INTO detect.salic_metrics
      SELECT p.pronac, d.metric, mode.m,
             CASE WHEN o.pronac IS NOT NULL THEN 12.0 ELSE 1.0 END,
             o.pronac IS NOT NULL, d.metric <> 'preco_itens', 0.0, 4.0, d.weight, NULL,
             json_object('text', CASE WHEN o.pronac IS NOT NULL
                                      THEN 'O valor 12 está acima do máximo esperado 4 para o segmento.'
                                      ELSE 'O valor 1 está dentro do esperado (0 a 4) para o segmento.' END,
                         'observed', json_object('label', 'valor da métrica', 'value', CASE WHEN o.pronac IS NOT NULL THEN 12 ELSE 1 END, 'unit', 'count'),
                         'threshold', json_object('label', 'máximo esperado', 'value', 4, 'unit', 'count'),
                         'peerGroup', json_object('description', 'projetos do segmento ' || p.segment, 'n', 40, 'median', 1, 'mad', 1, 'fallback', NULL, 'logScale', mode.m = 'robust'),
                         'method', 'robust median/MAD', 'receiptUrl', NULL)
      FROM detect.salic_projects p CROSS JOIN detect.salic_metric_definitions d
      CROSS JOIN (VALUES ('robust'), ('parity')) mode(m)
      LEFT JOIN (VALUES ${outliers.join(', ')}) o(pronac, metric) ON o.pronac = p.pronac AND o.metric = d.metric
      ORDER BY p.pronac, d.metric, mode.m`);
    // Detail lists of the most complex project, in the detector's snake_case (the API camelCases them).
    const saque = {
      receipts: [
        {
          receipt_id: 9001,
          proof_number: 'SQ-12',
          provider_document: FIXTURE_RAW_CPF,
          provider_name: 'Fulano de Tal',
          budget_lines: 3,
          proven_cents: 1_250_000,
          items: ['Cachê de músico', 'Técnico de som', 'Transporte'],
        },
      ],
    };
    const itens = {
      budget_lines: [
        { budget_line_id: 2001, item: 'Cachê de músico', approved_cents: 4_500_000 },
        { budget_line_id: 2002, item: 'Locação de palco', approved_cents: 2_100_000 },
      ],
    };
    await db.run(`UPDATE detect.salic_metrics SET details = ${lit(JSON.stringify(saque))}
      WHERE pronac = '132955' AND metric = 'comprovante_saque'`);
    await db.run(`UPDATE detect.salic_metrics SET details = ${lit(JSON.stringify(itens))}
      WHERE pronac = '132955' AND metric = 'itens_orcamentarios'`);

    await db.run(`CREATE TABLE detect.salic_segment_stats AS
      SELECT s.segment, d.metric, mode.m AS mode, CASE WHEN s.segment = 'Teatro' THEN 2 ELSE 3 END + ${Math.ceil(filler / 2)} AS n,
             1.5 AS mean, 1.0 AS std, 1.0 AS median, 1.0 AS mad, 0.0 AS lower, 4.0 AS upper,
             CASE WHEN s.segment = 'Teatro' AND ${filler} = 0
                  THEN 'área Artes Cênicas: o segmento tem menos de 5 projetos' END AS fallback,
             '[{"lower":0,"upper":2,"count":3},{"lower":2,"upper":4,"count":1},{"lower":4,"upper":12,"count":1}]'::JSON AS histogram
      FROM (VALUES ('Música Popular Cantada'), ('Teatro')) s(segment)
      CROSS JOIN detect.salic_metric_definitions d CROSS JOIN (VALUES ('robust'), ('parity')) mode(m)`);
  } finally {
    db.close();
  }
  return { home, projects: FIXTURE_PROJECTS.length + filler };
}

/** A fresh temporary home holding the fixture warehouse. */
export async function makeSalicFixtureHome(options: { filler?: number } = {}): Promise<SalicHome> {
  return writeSalicFixture(await makeTempDir('hardin-salic-fixture-'), options);
}

/**
 * A real server over a SALIC home, listening on 127.0.0.1 (port chosen by the OS), for the browser tests. Serves
 * the dashboard from dist/web (npm test builds it first), or from HARDIN_TEST_WEB_DIR when set (a private build,
 * so a test run never races another one rebuilding dist/web).
 */
export async function startSalicServer(
  source: 'fixture' | 'pipeline' = 'fixture',
): Promise<{ url: string; home: string; close(): Promise<void> }> {
  const { createServer } = await import('../../src/api/index.js');
  const { removeDir } = await import('./tmp.js');
  const salic = source === 'fixture' ? await makeSalicFixtureHome() : await prepareSalicHome();
  const webDir = process.env.HARDIN_TEST_WEB_DIR || undefined;
  const server = await createServer({ home: salic.home, logger: false, ...(webDir ? { webDir } : {}) });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    home: salic.home,
    async close() {
      await server.close();
      await removeDir(salic.home);
    },
  };
}
