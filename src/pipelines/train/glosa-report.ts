// The CRISP-DM report of a glosa training run: the words (pt-BR, the dashboard's language) and the figures of
// each phase, assembled from what the run measured. Pure: the pipeline hands in everything, nothing is read here.
import type { BinaryEvaluation } from '../../ml/index.js';
import type { DataSnapshot } from '../../registry/index.js';
import {
  formatPercent,
  reportedModel,
  slimEvaluation,
  type CrispDmReport,
  type FeatureDescription,
  type LabelByGroup,
  type VersionHistoryEntry,
} from '../report/index.js';
import { round } from './training-figures.js';
import type { FitCandidatesResult, TabularSplit } from './fit-candidates.js';
import { GLOSA_FEATURES, GLOSA_TASK, type GlosaData } from './glosa-task.js';

export interface GlosaReportInput {
  generatedAt: string;
  dataKind: 'synthetic' | 'real';
  data: GlosaData;
  positives: number;
  groups: LabelByGroup[];
  split: TabularSplit;
  splitAxis: 'period' | 'claim_date';
  fitted: FitCandidatesResult;
  baseline: BinaryEvaluation;
  crossValidation?: { name: string; folds: number; aucMean: number; aucStd: number }[] | undefined;
  snapshot: DataSnapshot;
  championVersion: number;
  championSha256: string;
  history: VersionHistoryEntry[];
}

export function buildGlosaReport(input: GlosaReportInput): CrispDmReport {
  const { data, split, fitted } = input;
  const axis = input.splitAxis === 'period' ? data.time : data.claimDay;
  const periodOf = (rows: ArrayLike<number>, at: 'first' | 'last') => {
    if (rows.length === 0) return '';
    let best = rows[0] as number;
    for (let k = 1; k < rows.length; k++) {
      const i = rows[k] as number;
      if (
        at === 'first'
          ? (axis[i] as number) < (axis[best] as number)
          : (axis[i] as number) > (axis[best] as number)
      )
        best = i;
    }
    return input.splitAxis === 'period'
      ? `${data.periods[best] ?? ''}-01`
      : new Date((data.claimDay[best] as number) * 86_400_000).toISOString().slice(0, 10);
  };
  const part = (name: 'train' | 'valid' | 'test', rows: ArrayLike<number>) => ({
    name,
    rows: rows.length,
    positives: countIn(data.label, rows),
    from: periodOf(rows, 'first'),
    to: periodOf(rows, 'last'),
  });
  const real = input.dataKind === 'real';
  return {
    task: `ceap-${GLOSA_TASK}`,
    title: `Glosa em reembolsos da CEAP — ${real ? 'dados reais' : 'dados sintéticos'}`,
    generatedAt: input.generatedAt,
    dataKind: input.dataKind,
    business: {
      question: 'A Câmara vai recusar (glosar) parte deste pedido de reembolso da cota parlamentar?',
      whyItMatters:
        'A glosa (vlrGlosa > 0) é o rótulo público de um pedido irregular. Um modelo que a antecipa ordena os ' +
        'pedidos para a revisão de jornalistas, auditores e da própria Câmara: os mais prováveis primeiro.',
      label: {
        name: 'label',
        definition: 'vlrGlosa > 0: a Câmara recusou parte do valor do documento',
        positive: 'Com glosa',
        negative: 'Sem glosa',
      },
      successCriteria: [
        'ROC AUC no teste claramente acima da linha de base (taxa histórica de glosa da subcota)',
        'precisão e revocação no limiar escolhido informadas junto da taxa base — não só a acurácia',
        'probabilidades calibradas (curva de confiabilidade próxima da diagonal, Brier baixo)',
        'mesmos dados, parâmetros e semente ⇒ artefato idêntico byte a byte',
      ],
      costOfErrors:
        'Falso positivo: um analista revisa um pedido regular (custo: minutos). Falso negativo: um pedido ' +
        'irregular passa sem revisão (custo: dinheiro público). Por isso o limiar privilegia o F1, não a acurácia, ' +
        `que seria ${formatPercent(1 - input.positives / data.n)} prevendo sempre "sem glosa".`,
    },
    data: {
      sources: input.snapshot.datasets.map((d) => ({
        dataset: d.dataset,
        rows: d.rows ?? 0,
        sha256: d.sha256,
      })),
      rows: data.n,
      positives: input.positives,
      baseRate: input.positives / data.n,
      period: { from: `${data.periods[0] ?? ''}-01`, to: `${data.periods[data.n - 1] ?? ''}-01` },
      features: GLOSA_FEATURES.map((f) =>
        describeFeature(f.name, f.descriptionPt ?? f.description, f.kind, data),
      ),
      groupName: 'subcota',
      labelByGroup: input.groups,
      notes: [
        real
          ? 'Dados reais da Câmara dos Deputados (arquivo CEAP público).'
          : 'Dados sintéticos do gerador do Hardin: a glosa é sorteada com probabilidade que cresce com sinais que ' +
            'um auditor observa (recibo em vez de nota, valor alto para a subcota, refeição no fim de semana, ' +
            'anomalias plantadas). Os números não descrevem a Câmara real.',
        'Cada linha do arquivo CEAP com valor do documento positivo é um exemplo; parcelas de um mesmo documento ' +
          'são linhas distintas.',
      ],
    },
    preparation: {
      steps: [
        'Leitura de features.glosa_features (modelo SQL do warehouse, models/features/glosa_features.sql).',
        'Histórico do solicitante, do fornecedor e da subcota somente de meses de competência anteriores.',
        'Taxas históricas suavizadas: (glosas + 1) / (pedidos + 20), para que um novato não vire 0% ou 100%.',
        'Regressão logística: categorias em one-hot (níveis com ≥ 30 linhas no treino), padronização, ' +
          'valores ausentes imputados pela média do treino.',
        'Árvores: categorias como códigos nativos, ausentes tratados pela própria árvore.',
      ],
      split: {
        kind: 'time',
        description:
          (input.splitAxis === 'period'
            ? 'Divisão temporal por mês de competência: os meses mais antigos treinam, os seguintes validam '
            : `Divisão temporal por data de emissão (os dados cobrem só ${new Set(data.periods).size} mês(es) de ` +
              'competência, poucos para dividir por mês): as datas mais antigas treinam, as seguintes validam ') +
          '(parada antecipada, limiar, escolha do campeão) e as mais recentes testam. O teste nunca orienta escolhas.',
        parts: [part('train', split.train), part('valid', split.valid), part('test', split.test)],
      },
      leakageGuards: [
        'Nunca usados: vlrLiquido, vlrGlosa e restituições (são o rótulo ou vêm depois dele).',
        'Nunca usados: alertas dos detectores (suas estatísticas de pares usam o ano inteiro).',
        'Um teste apaga todos os meses posteriores e confirma que as features dos meses anteriores não mudam.',
      ],
    },
    modelling: {
      candidates: fitted.candidates.map((c) => ({
        name: c.name,
        algorithm: c.algorithm,
        params: c.params,
        fitSeconds: round(c.fitSeconds, 3),
        iterations: c.iterations,
      })),
    },
    evaluation: {
      thresholdRule: fitted.thresholdRule,
      models: fitted.candidates.map(reportedModel),
      champion: fitted.champion,
      baselines: [
        {
          name: 'taxa histórica da subcota',
          description: 'Pontua cada pedido com a taxa de glosa da sua subcota nos meses anteriores.',
          test: slimEvaluation(input.baseline),
        },
      ],
      ...(input.crossValidation ? { crossValidation: input.crossValidation } : {}),
    },
    deployment: {
      registry: {
        name: GLOSA_TASK,
        version: String(input.championVersion),
        alias: 'champion',
        artifactSha256: input.championSha256,
      },
      serving:
        'GET /api/v1/ceap/reimbursements/:id mostra a probabilidade de glosa do campeão; POST ' +
        '/api/v1/models/glosa/predict pontua até 1.000 linhas com as mesmas features (nomes e tipos validados). ' +
        'O servidor carrega o campeão ao iniciar e confere o sha256 do artefato.',
      monitoring: [
        'Taxa de glosa prevista contra a observada a cada novo mês de competência.',
        'AUC e precisão no limiar nos meses novos; re-treinar quando a AUC cair mais de 0,05.',
        'Distribuição das features (valor, subcota, tipo de documento) contra a do treino.',
      ],
      limitations: [
        'A glosa só marca o que a Câmara recusou; pedidos irregulares aceitos ficam como negativos.',
        'O histórico do solicitante e do fornecedor começa no primeiro mês carregado: os primeiros meses têm pouco histórico.',
        real
          ? 'Extrato real pequeno: a estimativa do teste é ruidosa; veja a validação cruzada.'
          : 'Dados sintéticos: os números medem o método, não a realidade.',
      ],
      ...(input.history.length
        ? { versionHistory: input.history.filter((h) => Number.isFinite(h.auc)) }
        : {}),
    },
  };
}

function describeFeature(
  name: string,
  description: string,
  kind: 'number' | 'category',
  data: GlosaData,
): FeatureDescription {
  const values = data.columns[name] as Float64Array;
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(values[i] as number);
  const missingShare = values.length ? 1 - present.length / values.length : 0;
  if (kind === 'category') {
    const counts = new Map<number, number>();
    for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 5)
      .map(([value, c]) => ({ value: String(value), share: c / values.length }));
    return {
      name,
      description,
      type: 'categorical',
      missingShare,
      summary: { kind: 'categorical', top, distinct: counts.size },
    };
  }
  const sorted = Float64Array.from(present).sort();
  const isBinary =
    sorted.length > 0 &&
    sorted[0] === 0 &&
    sorted[sorted.length - 1] === 1 &&
    sorted.every((v) => v === 0 || v === 1);
  return {
    name,
    description,
    type: isBinary ? 'boolean' : name.endsWith('_claims') || name.endsWith('_deputies') ? 'count' : 'numeric',
    missingShare,
    summary: {
      kind: 'numeric',
      min: sorted[0] ?? NaN,
      median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      max: sorted[sorted.length - 1] ?? NaN,
    },
  };
}

function countIn(labels: Uint8Array, rows: ArrayLike<number>): number {
  let c = 0;
  for (let k = 0; k < rows.length; k++) c += labels[rows[k] as number] as number;
  return c;
}
