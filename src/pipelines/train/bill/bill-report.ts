// The CRISP-DM report of a bill-outcome training run: the words (pt-BR, the dashboard's language) and the figures
// of each phase, assembled from what the run measured — the three candidates side by side on the same split (the
// "evolution" from a linear model to trees to a recurrent network). Pure: the pipeline hands in everything.
import type { BinaryEvaluation } from '../../../ml/index.js';
import type { DataSnapshot } from '../../../registry/index.js';
import {
  formatPercent,
  reportedModel,
  slimEvaluation,
  type CrispDmReport,
  type FeatureDescription,
  type LabelByGroup,
  type VersionHistoryEntry,
} from '../../report/index.js';
import { round } from '../training-figures.js';
import { BILL_FEATURES } from './bill-features.js';
import { BILL_TASK } from './bill-model.js';
import { HORIZON_DAYS, SNAPSHOT_AGES } from './bill-snapshots.js';
import { SEQUENCE_CATEGORICAL, SEQUENCE_NUMERIC } from './bill-sequences.js';
import type { BillSplitResult } from './bill-split.js';
import type { BillFitResult } from './fit-bill-candidates.js';

export interface BillReportInput {
  generatedAt: string;
  dataKind: 'synthetic' | 'real';
  bills: number;
  withoutEvents: number;
  looks: number;
  positives: number;
  skippedFinal: number;
  skippedCensored: number;
  asOf: number;
  labels: Uint8Array;
  split: BillSplitResult;
  byType: LabelByGroup[];
  features: FeatureDescription[];
  fitted: BillFitResult;
  baseline: BinaryEvaluation;
  snapshot: DataSnapshot;
  championVersion: number;
  championSha256: string;
  history: VersionHistoryEntry[];
  pendingPredicted: number;
}

const day = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '');

export function buildBillReport(input: BillReportInput): CrispDmReport {
  const { split, fitted } = input;
  const real = input.dataKind === 'real';
  const part = (name: 'train' | 'valid' | 'test') => ({
    name,
    rows: split[name].length,
    positives: split[name].reduce((a, i) => a + (input.labels[i] as number), 0),
    from: day(split.ranges[name].from),
    to: day(split.ranges[name].to),
  });
  return {
    task: `camara-${BILL_TASK}`,
    title: `Destino das proposições da Câmara — ${real ? 'dados reais' : 'dados sintéticos'}`,
    generatedAt: input.generatedAt,
    dataKind: input.dataKind,
    business: {
      question: `Esta proposição em tramitação vai virar lei nos próximos ${HORIZON_DAYS / 365} anos?`,
      whyItMatters:
        'Milhares de proposições são apresentadas por ano e só uma pequena parte vira norma jurídica. Eleitores, ' +
        'jornalistas e assessorias precisam saber quais andam: o modelo ordena as proposições pendentes pela ' +
        'probabilidade de virar lei, a partir do que a tramitação já mostrou.',
      label: {
        name: 'becomes_law_within_horizon',
        definition:
          `um evento de transformação em norma jurídica (situação 1140 ou ação de sanção/promulgação) em até ` +
          `${HORIZON_DAYS} dias depois da data do corte`,
        positive: 'Vira lei',
        negative: 'Não vira lei (no horizonte)',
      },
      successCriteria: [
        'ROC AUC e precisão média (área sob a curva PR) no teste acima da linha de base (taxa histórica do tipo)',
        'precisão e revocação no limiar escolhido informadas junto da taxa base — não só a acurácia',
        'a rede recorrente comparada com árvores e regressão logística no mesmo corte e na mesma divisão',
        'mesmos dados, parâmetros e semente ⇒ artefatos idênticos byte a byte',
      ],
      costOfErrors:
        'Falso positivo: uma proposição que não anda recebe atenção (custo: tempo de leitura). Falso negativo: ' +
        'uma proposição que vira lei passa despercebida (custo: a sociedade descobre tarde). Com taxa base de ' +
        `${formatPercent(input.positives / input.looks)}, prever sempre "não vira lei" daria acurácia de ` +
        `${formatPercent(1 - input.positives / input.looks)} e nenhuma utilidade; por isso o limiar maximiza o F1.`,
    },
    data: {
      sources: input.snapshot.datasets.map((d) => ({
        dataset: d.dataset,
        rows: d.rows ?? 0,
        sha256: d.sha256,
      })),
      rows: input.looks,
      positives: input.positives,
      baseRate: input.positives / input.looks,
      period: { from: day(split.ranges.train.from), to: day(input.asOf) },
      features: input.features,
      groupName: 'tipo de proposição',
      labelByGroup: input.byType,
      notes: [
        real
          ? 'Dados reais da Câmara dos Deputados (arquivos de proposições e tramitações).'
          : 'Dados sintéticos do gerador do Hardin: cada passo da tramitação tem sucesso com probabilidade que ' +
            'depende da saliência latente da proposição e do que já aconteceu (urgência, parecer do relator, autor, ' +
            'apreciação conclusiva). Os números medem o método, não a Câmara real.',
        `${input.bills} proposições com tramitação (PL, PLP, PEC, MPV, PDL/PDC); ${input.withoutEvents} sem ` +
          'nenhum evento de tramitação ficaram de fora (não há histórico a ler).',
        `Cada proposição é olhada aos ${SNAPSHOT_AGES.join(', ')} dias de vida; cada olhar que a encontra ` +
          `pendente é um exemplo (${input.looks} exemplos). ${input.skippedFinal} olhares encontraram a ` +
          `proposição já encerrada (lei, arquivada, retirada…) e ${input.skippedCensored} tinham o horizonte ` +
          `de ${HORIZON_DAYS} dias além da data de observação (${day(input.asOf)}), com rótulo ainda ` +
          'desconhecido: nenhum dos dois entra.',
      ],
    },
    preparation: {
      steps: [
        'Leitura de marts.bills e marts.tramitacao_events (eventos ordenados, com órgão, situação, regime, ' +
          'despacho e sinais de urgência, relator, parecer, aprovação em plenário e lei).',
        'Para cada exemplo, somente os eventos até a data do corte.',
        `Árvores e regressão logística: ${BILL_FEATURES.length} agregados do histórico até o corte ` +
          '(idade, contagens por tipo de órgão, urgência, pareceres, situação e regime atuais, dias até o fim ' +
          'da legislatura…); categorias como códigos aprendidos no treino.',
        `Rede recorrente (GRU): a sequência de eventos até o corte e um passo final "corte"; por passo, ` +
          `${SEQUENCE_CATEGORICAL.length} campos categóricos com embeddings (${SEQUENCE_CATEGORICAL.join(', ')}) e ` +
          `${SEQUENCE_NUMERIC.length} números (${SEQUENCE_NUMERIC.join(', ')}); sequências mais longas guardam ` +
          'os eventos mais recentes.',
        'Vocabulários (níveis com ≥ 5 ocorrências) aprendidos só nas proposições de treino; níveis raros ou ' +
          'novos viram um código "outro".',
      ],
      split: {
        kind: 'time',
        description:
          'Divisão temporal por data de apresentação: as proposições mais antigas treinam, as seguintes validam ' +
          '(parada antecipada, limiar, escolha do campeão) e as mais recentes testam. Todos os olhares de uma ' +
          'proposição ficam na mesma parte. O teste nunca orienta escolhas.',
        parts: [part('train'), part('valid'), part('test')],
      },
      leakageGuards: [
        'Nenhum evento posterior ao corte entra nas features nem na sequência.',
        'Não são usados os campos de situação atual do arquivo de proposições (refletem o presente, não o corte).',
        `Um exemplo só entra quando o horizonte inteiro (${HORIZON_DAYS} dias) cabe antes da data de observação.`,
      ],
    },
    modelling: {
      candidates: fitted.candidates.map((c) => ({
        name: c.name,
        algorithm: c.algorithm,
        params: c.params,
        fitSeconds: round(c.fitSeconds, 3),
        iterations: c.iterations,
        ...(c.epochs.length
          ? {
              notes:
                `${c.epochs.length} épocas; AUC de validação por época: ` +
                c.epochs.map((e) => ptDecimal(e.validAuc ?? NaN, 3)).join(' · ') +
                `; pesos da melhor época restaurados (parada antecipada).`,
            }
          : {}),
      })),
    },
    evaluation: {
      thresholdRule: fitted.thresholdRule,
      models: fitted.candidates.map(reportedModel),
      champion: fitted.champion,
      baselines: [
        {
          name: 'taxa histórica do tipo',
          description: 'Pontua cada exemplo com a taxa de "vira lei" do seu tipo (PL, MPV…) no treino.',
          test: slimEvaluation(input.baseline),
        },
      ],
    },
    deployment: {
      registry: {
        name: BILL_TASK,
        version: String(input.championVersion),
        alias: 'champion',
        artifactSha256: input.championSha256,
      },
      serving:
        `O treino grava predictions.bill_outcome: a probabilidade do campeão para as ${input.pendingPredicted} ` +
        `proposições pendentes em ${day(input.asOf)}, mostrada em GET /api/v1/camara/bills/:id. POST ` +
        '/api/v1/models/bill-outcome/predict pontua até 1.000 proposições enviadas com sua tramitação (ou por ' +
        'id), pelo mesmo código de features do treino.',
      monitoring: [
        'Taxa de "vira lei" prevista contra a observada quando o horizonte de cada previsão se completa.',
        'AUC e precisão média nas coortes novas; re-treinar a cada nova legislatura ou se a AUC cair 0,05.',
        'Novos códigos de situação, órgão ou regime (viram "outro") contados a cada carga.',
      ],
      limitations: [
        'O rótulo exige o horizonte completo: as proposições mais recentes só entram no treino dois anos depois.',
        'Proposições sem tramitação nos dados (só o arquivo anual) não são pontuadas.',
        'Idades acima de 730 dias aparecem pouco no treino; a previsão para proposições muito antigas é menos firme.',
        real
          ? 'Dados reais: o arquivo de tramitações é grande; confira a data de observação antes de comparar.'
          : 'Dados sintéticos: os números medem o método, não a realidade.',
      ],
      ...(input.history.length
        ? { versionHistory: input.history.filter((h) => Number.isFinite(h.auc)) }
        : {}),
    },
  };
}

function ptDecimal(x: number, digits = 4): string {
  return Number.isFinite(x) ? x.toFixed(digits).replace('.', ',') : '—';
}
