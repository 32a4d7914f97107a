// The confusion matrix at the version's operating threshold, as a table a person can read out loud: rows are
// what happened (glosa or not, law or not — the task's words from model-outcome.ts), columns what the model
// said; each cell has its count, its share of all examples and its name (VP, FP, VN, FN). Accuracy and error
// rate are stated under it, because the table alone invites mental arithmetic — and with rare positives a high
// accuracy says little, which the note explains.
import { formatInteger, formatShare } from '../format';
import type { BinaryEvaluation } from '../models-api';
import { formatRate } from './model-labels';
import type { OutcomeWords } from './model-outcome';

export function ConfusionMatrixTable({
  evaluation,
  label,
  partLabel,
  words,
}: {
  evaluation: BinaryEvaluation;
  /** The version, e.g. "v2 · Regressão logística". */
  label: string;
  partLabel: string;
  words: OutcomeWords;
}) {
  const c = words.confusion;
  const at = evaluation.atThreshold;
  const { tp, fp, tn, fn } = at.confusion;
  const n = tp + fp + tn + fn;
  const cell = (key: 'tp' | 'fp' | 'tn' | 'fn', value: number, code: string, words: string) => (
    <td className={`confusion-cell confusion-${key}`} data-testid={`confusion-${key}`} data-value={value}>
      <span className="confusion-code">
        <abbr title={words}>{code}</abbr>
      </span>
      <strong className="confusion-count">{formatInteger(value)}</strong>
      <span className="confusion-share">{formatShare(value, n)} do total</span>
    </td>
  );

  return (
    <div className="confusion" data-testid="confusion-matrix" data-n={n}>
      <div className="table-wrap">
        <table className="data-table confusion-table">
          <caption>
            Matriz de confusão de {label} na parte de {partLabel}, no limiar de {formatRate(at.threshold)} (
            {formatInteger(n)} {words.items})
          </caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{c.predictedPositive}</th>
              <th scope="col">{c.predictedNegative}</th>
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{c.actualPositive}</th>
              {cell('tp', tp, 'VP', 'verdadeiros positivos')}
              {cell('fn', fn, 'FN', 'falsos negativos')}
              <td className="num">{formatInteger(tp + fn)}</td>
            </tr>
            <tr>
              <th scope="row">{c.actualNegative}</th>
              {cell('fp', fp, 'FP', 'falsos positivos')}
              {cell('tn', tn, 'VN', 'verdadeiros negativos')}
              <td className="num">{formatInteger(fp + tn)}</td>
            </tr>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{formatInteger(tp + fp)}</td>
              <td className="num">{formatInteger(fn + tn)}</td>
              <td className="num" data-testid="confusion-total">
                {formatInteger(n)}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small">{c.legend}</p>
      <p data-testid="confusion-summary">
        Acurácia <strong data-testid="confusion-accuracy">{formatRate(at.accuracy)}</strong> · taxa de erro{' '}
        <strong data-testid="confusion-error-rate">{formatRate(at.errorRate)}</strong> · precisão{' '}
        {formatRate(at.precision)} · revocação {formatRate(at.recall)} · F1 {formatRate(at.f1)}
      </p>
      <p className="muted small">
        Com {formatRate(evaluation.baseRate)} de {words.positiveItems}, um modelo que nunca prevê{' '}
        {words.predicts} já acertaria {formatRate(1 - evaluation.baseRate)}: por isso precisão e revocação
        dizem mais que a acurácia.
      </p>
    </div>
  );
}
