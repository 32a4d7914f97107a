// Seeded synthetic SALIC (Lei Rouanet) database written in the formats of docs/formats/salic.md — projetos.csv,
// planilha_aprovada.csv, comprovantes.csv, captacoes.csv — plus salic-ground-truth.csv (the planted
// anomalies) and a small HAL JSON copy of the public API for the first 250 projects (api-pages.ts).
// Scale 1 ≈ 20,000 projects, ≈ 0.5M budget lines, ≈ 0.4M receipt rows and ≈ 40,000 fundraising receipts
// (scale 5 passes 2M budget lines, like the real database). Generation order: projects and proponents
// (projects.ts), the plan of planted anomalies (plan.ts), then per project in PRONAC order its budget
// (budget.ts), receipts (receipts.ts) and fundraising (fundraising.ts), each project from its own random
// stream; finally pooled providers used by one project only are repaired (providers.ts), the projects awaiting
// review get their analysts (analysts.ts) and the ground truth is computed from the final tables
// (ground-truth.ts). Same seed and scale ⇒ byte-identical files.
import path from 'node:path';
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Rng, UsageError } from '../../../core/index.js';
import { mixSeed } from '../deputies.js';
import { assignAnalysts } from './analysts.js';
import { writeApiPages } from './api-pages.js';
import { BudgetGenerator } from './budget.js';
import { Catalogue } from './catalogue.js';
import { writeBudgetLines, writeFundraising, writeProjects, writeReceipts } from './csv-writers.js';
import { DocFactory } from './doc-factory.js';
import { FundraisingGenerator } from './fundraising.js';
import { collectSalicGroundTruth, formatSalicGroundTruth } from './ground-truth.js';
import {
  LineTable,
  ReceiptTable,
  SALIC_METRICS,
  type FundRow,
  type PlantNotes,
  type Project,
  type SalicDatabase,
  type SalicMetric,
} from './model.js';
import { Places } from './places.js';
import { planAnomalies } from './plan.js';
import { generateProjects } from './projects.js';
import { ProviderBook, repairSingletons } from './providers.js';
import { ReceiptGenerator } from './receipts.js';

const DEFAULT_SEED = 42;
const MAX_SCALE = 6;

export interface GenerateSalicOptions {
  /** Output folder, created if missing. */
  outDir: string;
  /** Default 42. */
  seed?: number;
  /** Multiplier of the real volume: 1 ≈ 20,000 projects (default 1), at most 6 (4-digit PRONAC sequences). */
  scale?: number;
  /** Also write the HAL JSON API pages under outDir/api (default true). */
  api?: boolean;
}

export interface GenerateSalicResult {
  /** The four CSV extracts, with the lake dataset each one feeds. */
  files: { dataset: string; path: string; rows: number }[];
  /** outDir/salic-ground-truth.csv */
  groundTruth: string;
  /** outDir/api (empty when `api` is false). */
  apiDir: string;
  projects: number;
  executedProjects: number;
  budgetLines: number;
  receipts: number;
  fundraising: number;
  /** Ground-truth rows per metric. */
  anomalies: Record<SalicMetric, number>;
  /** Plants not visible as designed (empty unless the generator is broken). */
  issues: string[];
  durationMs: number;
}

/**
 * Writes a synthetic SALIC database into `outDir`.
 * @example await generateSalic({ outDir: '/tmp/salic', seed: 7, scale: 0.05 })
 */
export async function generateSalic(options: GenerateSalicOptions): Promise<GenerateSalicResult> {
  const started = performance.now();
  const { outDir, seed, scale, api } = resolveOptions(options);
  await fs.mkdir(outDir, { recursive: true });
  const db = buildDatabase(seed, scale);
  const truth = collectSalicGroundTruth(db);

  const files: GenerateSalicResult['files'] = [];
  const write = async (
    dataset: string,
    name: string,
    writer: (db: SalicDatabase, target: string) => Promise<number>,
  ) => {
    const target = path.join(outDir, name);
    files.push({ dataset, path: target, rows: await writer(db, target) });
  };
  await write('salic/projects', 'projetos.csv', writeProjects);
  await write('salic/budget_lines', 'planilha_aprovada.csv', writeBudgetLines);
  await write('salic/receipts', 'comprovantes.csv', writeReceipts);
  await write('salic/fundraising', 'captacoes.csv', writeFundraising);
  const groundTruth = path.join(outDir, 'salic-ground-truth.csv');
  await fs.writeFile(`${groundTruth}.partial`, formatSalicGroundTruth(truth.rows));
  await fs.rename(`${groundTruth}.partial`, groundTruth);
  const apiDir = api ? path.dirname((await writeApiPages(db, outDir)).dir) : '';

  const anomalies = Object.fromEntries(SALIC_METRICS.map((m) => [m, 0])) as Record<SalicMetric, number>;
  for (const row of truth.rows) anomalies[row.metric]++;
  return {
    files,
    groundTruth,
    apiDir,
    projects: db.projects.length,
    executedProjects: db.projects.filter((p) => p.executed).length,
    budgetLines: db.lines.length,
    receipts: db.receipts.length,
    fundraising: db.funds.length,
    anomalies,
    issues: truth.issues,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Generates the whole database in memory (no I/O). */
export function buildDatabase(seed: number, scale: number): SalicDatabase {
  const catalogue = Catalogue.shared();
  const places = new Places();
  const docs = new DocFactory();
  const { projects, proponents } = generateProjects(seed, scale, places, docs);
  const notes: PlantNotes = {
    over150: new Map(),
    sharedProofs: new Map(),
    overpriced: new Map(),
    proponentTargets: new Map(),
  };
  planAnomalies(seed, projects, proponents, notes);
  const executedByUf = places.ufs.map(() => 0);
  for (const p of projects) {
    const uf = places.ufOf(p.place);
    if (p.executed) executedByUf[uf] = (executedByUf[uf] ?? 0) + 1;
  }
  const providerBook = new ProviderBook(seed, places, docs, executedByUf);
  const lines = new LineTable(projects.length * 28);
  const receipts = new ReceiptTable(projects.length * 22);
  const funds: FundRow[] = [];
  const budget = new BudgetGenerator(seed, catalogue, places, lines);
  const receiptGen = new ReceiptGenerator(seed, catalogue, providerBook, places, lines, receipts);
  const fundGen = new FundraisingGenerator(seed, scale, docs);
  for (const p of projects) {
    const rng = new Rng(mixSeed(seed, 0xda7a, p.index));
    budget.generate(rng, p, notes);
    if (p.executed) receiptGen.generate(rng, p, notes);
    else p.firstReceipt = receipts.length;
    fundGen.generate(rng, p, funds);
    p.status = status(rng, p);
  }
  repairSingletons(providerBook, receipts, projects);
  const analysts = assignAnalysts(seed, projects);
  return {
    catalogue,
    places,
    projects,
    proponents,
    providers: providerBook.all,
    sponsors: fundGen.sponsors,
    analysts,
    lines,
    receipts,
    funds,
    notes,
  };
}

function status(rng: Rng, p: Project): string {
  if (p.executed) {
    const r = rng.next();
    return r < 0.6
      ? 'E12 - Prestação de contas em análise'
      : r < 0.9
        ? 'E24 - Prestação de contas apresentada, aguardando análise'
        : 'E68 - Prestação de contas em diligência';
  }
  if (p.raisedCents > 0)
    return rng.chance(0.5) ? 'E11 - Captação parcial, execução autorizada' : 'E61 - Projeto em execução';
  return rng.chance(0.6)
    ? 'E10 - Aguardando captação de recursos'
    : 'A09 - Arquivado por prazo de captação expirado';
}

interface ResolvedOptions {
  outDir: string;
  seed: number;
  scale: number;
  api: boolean;
}

function resolveOptions(options: GenerateSalicOptions): ResolvedOptions {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!options.outDir) throw new UsageError('generate salic: outDir is required');
  if (!Number.isInteger(seed)) throw new UsageError(`generate salic: seed must be an integer, got ${seed}`);
  if (!(scale > 0 && scale <= MAX_SCALE)) {
    throw new UsageError(`generate salic: scale must be in (0, ${MAX_SCALE}], got ${scale}`);
  }
  return { outDir: options.outDir, seed, scale, api: options.api ?? true };
}
