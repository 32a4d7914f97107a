// The words a model's pages use for what it predicts. The charts, the confusion matrix and the headline figures
// are the same for every binary model, but "glosado" is wrong on the bill-outcome page: each registered task
// names its examples and its positive class here (pt-BR), and an unknown task gets neutral words ("positivos")
// rather than another task's. Pure, so the browser tests compute with it what a page should say.

export interface OutcomeWords {
  /** The examples the model scores, plural: "pedidos". */
  items: string;
  /** What an example is, when the plural alone does not say it; shown under the count. */
  itemsNote?: string;
  /** The positive class, plural noun: "glosas". */
  positives: string;
  /** The positive examples: "pedidos glosados". */
  positiveItems: string;
  /** After a count of positives: "12 glosados". */
  positiveCount: string;
  /** After "o modelo prevê": "glosa". */
  predicts: string;
  /** After "probabilidade de" / "chance de": "glosa". */
  chance: string;
  /** Calibration axis and table: the observed share of positives. */
  observed: string;
  confusion: {
    actualPositive: string;
    actualNegative: string;
    predictedPositive: string;
    predictedNegative: string;
    /** One line naming VP, FN, FP and VN in the task's words. */
    legend: string;
  };
}

const GLOSA: OutcomeWords = {
  items: 'pedidos',
  positives: 'glosas',
  positiveItems: 'pedidos glosados',
  positiveCount: 'glosados',
  predicts: 'glosa',
  chance: 'glosa',
  observed: 'Glosas observadas',
  confusion: {
    actualPositive: 'Glosado',
    actualNegative: 'Não glosado',
    predictedPositive: 'Previsto glosa',
    predictedNegative: 'Previsto sem glosa',
    legend:
      'VP: glosas previstas que aconteceram · FN: glosas que o modelo deixou passar · FP: alertas sem glosa · ' +
      'VN: pedidos sem glosa corretamente deixados de lado.',
  },
};

const BILL_OUTCOME: OutcomeWords = {
  items: 'exemplos',
  itemsNote: 'cada exemplo: uma proposição pendente numa data de corte',
  positives: 'leis',
  positiveItems: 'exemplos que viraram lei',
  positiveCount: 'viraram lei',
  predicts: 'que a proposição vira lei',
  chance: 'virar lei',
  observed: 'Viraram lei (observado)',
  confusion: {
    actualPositive: 'Virou lei',
    actualNegative: 'Não virou lei',
    predictedPositive: 'Previsto virar lei',
    predictedNegative: 'Previsto não virar lei',
    legend:
      'VP: leis previstas que aconteceram · FN: leis que o modelo deixou passar · FP: alertas de proposições ' +
      'que não viraram lei · VN: proposições que não viraram lei corretamente deixadas de lado.',
  },
};

const NEUTRAL: OutcomeWords = {
  items: 'exemplos',
  positives: 'positivos',
  positiveItems: 'exemplos positivos',
  positiveCount: 'positivos',
  predicts: 'a classe positiva',
  chance: 'um positivo',
  observed: 'Positivos observados',
  confusion: {
    actualPositive: 'Positivo',
    actualNegative: 'Negativo',
    predictedPositive: 'Previsto positivo',
    predictedNegative: 'Previsto negativo',
    legend:
      'VP: positivos previstos que aconteceram · FN: positivos que o modelo deixou passar · FP: alertas ' +
      'sem positivo · VN: negativos corretamente deixados de lado.',
  },
};

const WORDS: Record<string, OutcomeWords> = { glosa: GLOSA, 'bill-outcome': BILL_OUTCOME };

/**
 * The words of a registered task; neutral words for a task this dashboard does not know.
 * @example outcomeWords('bill-outcome').positiveCount // "viraram lei"
 */
export function outcomeWords(modelName: string): OutcomeWords {
  return WORDS[modelName] ?? NEUTRAL;
}
