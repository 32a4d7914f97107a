// generateSalic end to end at scale 0.05 (1,000 projects): file formats against docs/formats/salic.md,
// proportions, referential integrity, determinism and the scale parameter.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, isValidCnpj, isValidCpf } from '../../../core/index.js';
import { generateSalic, type GenerateSalicResult } from './index.js';
import { cents, groupBy, median, readCsv, type Csv } from './testing.js';

// The column lists of docs/formats/salic.md, written out here so the test checks the spec, not our constants.
const SPEC = {
  'projetos.csv':
    'PRONAC,id_pronac,ano_projeto,nome,cgccpf,proponente,area,segmento,cod_segmento,UF,municipio,data_inicio,data_termino,situacao,mecanismo,enquadramento,valor_solicitado,valor_aprovado,valor_captado,valor_proposta,outras_fontes,analista',
  'planilha_aprovada.csv':
    'idPlanilhaAprovacao,PRONAC,idPlanilhaItens,Item,Etapa,UfItem,MunicipioItem,QtdeAprovada,OcorrenciaAprovada,VlUnitarioAprovado,VlAprovado,DataProjeto,FonteRecurso',
  'comprovantes.csv':
    'idComprovantePagamento,idPlanilhaAprovacao,PRONAC,CgcCpfFornecedor,NomeFornecedor,tpFormaDePagamento,nrComprovante,DtPagamento,VlComprovado',
  'captacoes.csv': 'PRONAC,CgcCpfMecena,NomeMecena,DtRecibo,CaptacaoReal',
} as const;
const MONEY = /^\d+\.\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

let dir: string;
let result: GenerateSalicResult;
let projects: Csv;
let lines: Csv;
let receipts: Csv;
let funds: Csv;

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const treeHashes = (root: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(root, full)] = sha(full);
    }
  };
  walk(root);
  return out;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hardin-salic-'));
  result = await generateSalic({ outDir: path.join(dir, 'a'), seed: 7, scale: 0.05 });
  const file = (name: string): string => path.join(dir, 'a', name);
  projects = readCsv(file('projetos.csv'));
  lines = readCsv(file('planilha_aprovada.csv'));
  receipts = readCsv(file('comprovantes.csv'));
  funds = readCsv(file('captacoes.csv'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generateSalic', () => {
  it('writes the four extracts with exactly the spec header columns and reports their rows', () => {
    for (const [name, header] of Object.entries(SPEC)) {
      const first = readFileSync(path.join(dir, 'a', name), 'utf8').split('\n', 1)[0];
      expect(first, name).toBe(header);
    }
    expect(result.files.map((f) => [f.dataset, path.basename(f.path), f.rows])).toEqual([
      ['salic/projects', 'projetos.csv', projects.rows.length],
      ['salic/budget_lines', 'planilha_aprovada.csv', lines.rows.length],
      ['salic/receipts', 'comprovantes.csv', receipts.rows.length],
      ['salic/fundraising', 'captacoes.csv', funds.rows.length],
    ]);
    expect([result.projects, result.budgetLines, result.receipts, result.fundraising]).toEqual([
      projects.rows.length,
      lines.rows.length,
      receipts.rows.length,
      funds.rows.length,
    ]);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('quotes fields with commas or quotes per RFC 4180 and keeps every row at the header width', () => {
    for (const csv of [projects, lines, receipts, funds]) {
      expect(csv.rows.filter((row) => row.length !== csv.header.length)).toEqual([]);
    }
    const text = readFileSync(path.join(dir, 'a', 'projetos.csv'), 'utf8');
    const withQuote = projects.records.find((r) => r.nome?.includes('"'));
    const withComma = projects.records.find((r) => r.nome?.includes(',') || r.proponente?.includes(','));
    expect(withQuote).toBeDefined();
    expect(withComma).toBeDefined();
    expect(text).toContain(`"${withQuote?.nome?.replace(/"/g, '""')}"`);
    expect(
      lines.records.some((r) => r.Item === 'Fotografia Artística (Fotógrafo, Tratamento, Revelação, etc.)'),
    ).toBe(true);
    expect(text.includes('\r')).toBe(false);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes money with a decimal point and two decimals, dates as ISO, and valid payment types', () => {
    const money: [Csv, string[]][] = [
      [projects, ['valor_solicitado', 'valor_aprovado', 'valor_captado', 'valor_proposta', 'outras_fontes']],
      [lines, ['VlUnitarioAprovado', 'VlAprovado']],
      [receipts, ['VlComprovado']],
      [funds, ['CaptacaoReal']],
    ];
    const bad: string[] = [];
    const check = (ok: boolean, what: string): void => void (ok || bad.push(what));
    for (const [csv, columns] of money) {
      for (const r of csv.records) for (const c of columns) check(MONEY.test(r[c] ?? ''), `${c}=${r[c]}`);
    }
    for (const r of projects.records)
      check(DATE.test(r.data_inicio ?? '') && DATE.test(r.data_termino ?? ''), `${r.PRONAC}`);
    for (const r of lines.records)
      check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.DataProjeto ?? ''), `${r.DataProjeto}`);
    for (const r of receipts.records) {
      check(DATE.test(r.DtPagamento ?? ''), `${r.DtPagamento}`);
      check(['1', '2', '3'].includes(r.tpFormaDePagamento ?? ''), `type ${r.tpFormaDePagamento}`);
      const nr =
        r.tpFormaDePagamento === '1' ? /^\d{6}$/ : r.tpFormaDePagamento === '2' ? /^\d{10}$/ : /^\d{8}$/;
      check(nr.test(r.nrComprovante ?? ''), `nr ${r.nrComprovante} (type ${r.tpFormaDePagamento})`);
    }
    for (const r of funds.records) check(DATE.test(r.DtRecibo ?? ''), `${r.DtRecibo}`);
    expect(bad).toEqual([]);
  });

  it('numbers projects with unique 6-digit PRONAC strings, some with a leading-zero year', () => {
    const pronacs = projects.records.map((r) => r.PRONAC ?? '');
    expect(new Set(pronacs).size).toBe(pronacs.length);
    const bad = projects.records.filter(
      (r) =>
        !/^\d{6}$/.test(r.PRONAC ?? '') ||
        r.ano_projeto !== r.PRONAC?.slice(0, 2) ||
        Number(r.ano_projeto) < 6 ||
        Number(r.ano_projeto) > 23,
    );
    expect(bad).toEqual([]);
    expect(pronacs.filter((p) => p.startsWith('0')).length).toBeGreaterThan(20);
    expect([...pronacs].sort()).toEqual(pronacs);
    const ids = projects.records.map((r) => Number(r.id_pronac));
    expect(ids.filter((id, i) => i > 0 && id <= (ids[i - 1] as number))).toEqual([]);
  });

  it('gives proponents, providers and sponsors valid CPFs or CNPJs', () => {
    const valid = (d: string | undefined): boolean =>
      d?.length === 11 ? isValidCpf(d) : isValidCnpj(d ?? '');
    expect(projects.records.map((r) => r.cgccpf).filter((d) => !valid(d))).toEqual([]);
    expect([...new Set(receipts.records.map((r) => r.CgcCpfFornecedor))].filter((d) => !valid(d))).toEqual(
      [],
    );
    expect([...new Set(funds.records.map((r) => r.CgcCpfMecena))].filter((d) => !valid(d))).toEqual([]);
    const kinds = new Set(projects.records.map((r) => r.cgccpf?.length));
    expect(kinds).toEqual(new Set([11, 14]));
  });

  it('has realistic proportions: executed share, lines per project, areas, tiny segments, proponents', () => {
    expect(projects.rows.length).toBe(1000);
    const executed = new Set(receipts.records.map((r) => r.PRONAC));
    expect(executed.size / projects.rows.length).toBeGreaterThan(0.55);
    expect(executed.size / projects.rows.length).toBeLessThan(0.65);
    const perProject = [...groupBy(lines.records, (r) => r.PRONAC ?? '').values()].map((l) => l.length);
    expect(median(perProject)).toBeGreaterThanOrEqual(17);
    expect(median(perProject)).toBeLessThanOrEqual(25);
    // ≥ 21 lines per project on average: scale 5 (100,000 projects) passes 2M budget lines.
    expect(lines.rows.length / projects.rows.length).toBeGreaterThan(21);
    expect(Math.max(...perProject)).toBeGreaterThan(100);
    const areas = new Set(projects.records.map((r) => r.area));
    for (const a of [
      'Artes Cênicas',
      'Audiovisual',
      'Música',
      'Artes Visuais',
      'Patrimônio Cultural',
      'Humanidades',
      'Artes Integradas',
      'Museus e Memória',
    ]) {
      expect(areas.has(a), a).toBe(true);
    }
    const bySegment = groupBy(projects.records, (r) => r.segmento ?? '');
    expect(bySegment.get('Jogos Eletrônicos')?.length).toBe(1);
    expect(bySegment.get('Mímica')?.length).toBe(2);
    expect(bySegment.get('Arte Digital')?.length).toBe(3);
    expect(bySegment.get('Música Popular Cantada')?.length).toBeGreaterThan(100);
    for (const list of bySegment.values()) expect(new Set(list.map((r) => r.cod_segmento)).size).toBe(1);
    const perProponent = [...groupBy(projects.records, (r) => r.cgccpf ?? '').values()].map((l) => l.length);
    expect(perProponent.filter((n) => n === 1).length / perProponent.length).toBeGreaterThan(0.4);
    expect(Math.max(...perProponent)).toBeGreaterThanOrEqual(10);
    expect(new Set(lines.records.map((r) => r.idPlanilhaItens)).size).toBeGreaterThan(400);
  });

  it('gives projects awaiting financial review an analyst from a pool of a few dozen, with uneven loads', () => {
    const executed = new Set(receipts.records.map((r) => r.PRONAC));
    const code = (r: Record<string, string | undefined>) => (r.situacao ?? '').slice(0, 3);
    const assigned = projects.records.filter((r) => r.analista !== '');
    // Only the review queue (executed, accounts rendered) has analysts: every project under analysis (E12) or in
    // diligence (E68), some of those waiting for the analysis to start (E24).
    expect(assigned.filter((r) => !executed.has(r.PRONAC) || !/^E(12|24|68)$/.test(code(r)))).toEqual([]);
    for (const status of ['E12', 'E68']) {
      const queue = projects.records.filter((r) => code(r) === status);
      expect(queue.length, status).toBeGreaterThan(20);
      expect(
        queue.filter((r) => r.analista === ''),
        status,
      ).toEqual([]);
    }
    const waiting = projects.records.filter((r) => code(r) === 'E24');
    const waitingAssigned = waiting.filter((r) => r.analista !== '').length / waiting.length;
    expect(waitingAssigned).toBeGreaterThan(0.2);
    expect(waitingAssigned).toBeLessThan(0.5);

    const loads = [...groupBy(assigned, (r) => r.analista ?? '').values()].map((l) => l.length);
    expect(loads.length).toBeGreaterThanOrEqual(24);
    expect(loads.length).toBeLessThanOrEqual(48);
    expect(Math.max(...loads)).toBeGreaterThanOrEqual(2 * median(loads));
    expect(Math.min(...loads)).toBeLessThanOrEqual(median(loads) / 2);
    // Plausible Brazilian names: a first name and two surnames in Title Case, accents kept.
    const names = [...new Set(assigned.map((r) => r.analista ?? ''))];
    expect(names.filter((n) => !/^(\p{Lu}\p{Ll}+ ){2,3}\p{Lu}\p{Ll}+$/u.test(n))).toEqual([]);
    expect(names.some((n) => /[áâãéêíóôúç]/.test(n))).toBe(true);
  });

  it('pays mostly by transfer, some cheques, few cash withdrawals, and reuses providers across projects', () => {
    const byType = groupBy(receipts.records, (r) => r.tpFormaDePagamento ?? '');
    const share = (t: string): number => (byType.get(t)?.length ?? 0) / receipts.rows.length;
    expect(share('2')).toBeGreaterThan(0.75);
    expect(share('1')).toBeGreaterThan(0.05);
    expect(share('1')).toBeLessThan(0.2);
    expect(share('3')).toBeGreaterThan(0.01);
    expect(share('3')).toBeLessThan(0.06);
    const projectsOf = new Map<string, Set<string>>();
    for (const r of receipts.records) {
      const set = projectsOf.get(r.CgcCpfFornecedor ?? '') ?? new Set<string>();
      set.add(r.PRONAC ?? '');
      projectsOf.set(r.CgcCpfFornecedor ?? '', set);
    }
    const sizes = [...projectsOf.values()].map((s) => s.size);
    expect(sizes.filter((n) => n >= 2).length / sizes.length).toBeGreaterThan(0.5);
    expect(sizes.filter((n) => n === 1).length).toBeGreaterThan(100);
  });

  it('keeps referential integrity between projects, budget lines, receipts and fundraising', () => {
    const pronacs = new Set(projects.records.map((r) => r.PRONAC));
    const lineById = new Map(lines.records.map((r) => [r.idPlanilhaAprovacao, r]));
    expect(lineById.size).toBe(lines.rows.length);
    expect(lines.records.filter((r) => !pronacs.has(r.PRONAC))).toEqual([]);
    expect(funds.records.filter((r) => !pronacs.has(r.PRONAC))).toEqual([]);
    const project = new Map(projects.records.map((r) => [r.PRONAC, r]));
    const bad = receipts.records.filter((r) => {
      const line = lineById.get(r.idPlanilhaAprovacao);
      const p = project.get(r.PRONAC);
      const day = r.DtPagamento ?? '';
      return (
        line?.PRONAC !== r.PRONAC ||
        !['Incentivo Fiscal Federal', ''].includes(line?.FonteRecurso ?? '-') ||
        !p ||
        day < (p.data_inicio ?? '') ||
        day > (p.data_termino ?? '')
      );
    });
    expect(bad).toEqual([]);
    const pairs = new Set(
      receipts.records.map((r) => `${r.idComprovantePagamento}|${r.idPlanilhaAprovacao}`),
    );
    expect(pairs.size).toBe(receipts.rows.length);
  });

  it('makes totals add up: VlAprovado = qty × occurrences × unit, approved and raised per project', () => {
    const approved = new Map<string, number>();
    const other = new Map<string, number>();
    const wrong: string[] = [];
    for (const r of lines.records) {
      const total = cents(r.VlAprovado);
      if (total !== Number(r.QtdeAprovada) * Number(r.OcorrenciaAprovada) * cents(r.VlUnitarioAprovado)) {
        wrong.push(r.idPlanilhaAprovacao ?? '');
      }
      const target =
        r.FonteRecurso === 'Incentivo Fiscal Federal' || r.FonteRecurso === '' ? approved : other;
      target.set(r.PRONAC ?? '', (target.get(r.PRONAC ?? '') ?? 0) + total);
    }
    const raised = new Map<string, number>();
    for (const r of funds.records)
      raised.set(r.PRONAC ?? '', (raised.get(r.PRONAC ?? '') ?? 0) + cents(r.CaptacaoReal));
    for (const p of projects.records) {
      const k = p.PRONAC ?? '';
      if (cents(p.valor_aprovado) !== (approved.get(k) ?? 0)) wrong.push(`${k} valor_aprovado`);
      if (cents(p.outras_fontes) !== (other.get(k) ?? 0)) wrong.push(`${k} outras_fontes`);
      if (cents(p.valor_captado) !== (raised.get(k) ?? 0)) wrong.push(`${k} valor_captado`);
      if (cents(p.valor_solicitado) < cents(p.valor_aprovado)) wrong.push(`${k} valor_solicitado`);
    }
    expect(wrong).toEqual([]);
    expect(lines.records.some((r) => r.FonteRecurso === '')).toBe(true);
    expect(
      lines.records.some((r) => r.FonteRecurso === 'Recursos Próprios' || r.FonteRecurso === 'Outras Fontes'),
    ).toBe(true);
  });

  it('gives byte-identical files for the same seed and scale, and different files for another seed', async () => {
    const once = await generateSalic({ outDir: path.join(dir, 'b'), seed: 7, scale: 0.02 });
    const twice = await generateSalic({ outDir: path.join(dir, 'c'), seed: 7, scale: 0.02 });
    const other = await generateSalic({ outDir: path.join(dir, 'd'), seed: 8, scale: 0.02, api: false });
    const b = treeHashes(path.join(dir, 'b'));
    expect(treeHashes(path.join(dir, 'c'))).toEqual(b);
    expect(Object.keys(b)).toContain(path.join('api', 'projetos', 'offset-0.json'));
    expect(Object.keys(b)).toContain('salic-ground-truth.csv');
    expect(twice.anomalies).toEqual(once.anomalies);
    expect(sha(other.files[2]?.path ?? '')).not.toBe(b['comprovantes.csv']);
    expect(other.apiDir).toBe('');
  });

  it('scales the volume with the scale parameter', async () => {
    const small = await generateSalic({ outDir: path.join(dir, 'e'), seed: 7, scale: 0.02, api: false });
    expect(small.projects).toBe(400);
    const ratio = small.budgetLines / result.budgetLines;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.5);
  });

  it('rejects a missing outDir, a non-integer seed and a scale outside (0, 6]', async () => {
    await expect(generateSalic({ outDir: '' })).rejects.toBeInstanceOf(UsageError);
    await expect(generateSalic({ outDir: dir, seed: 1.5 })).rejects.toThrow(
      /seed must be an integer, got 1.5/,
    );
    await expect(generateSalic({ outDir: dir, scale: 0 })).rejects.toThrow(
      /scale must be in \(0, 6\], got 0/,
    );
    await expect(generateSalic({ outDir: dir, scale: 7 })).rejects.toBeInstanceOf(UsageError);
  });
});
