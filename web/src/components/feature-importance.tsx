// Feature importance of a version, the 15 largest by magnitude, as a table with bars. Logistic regression
// gives signed standardised coefficients (bars grow right when a feature raises the probability of the
// positive class — a glosa, a law — left when it lowers it); trees give each feature's share of the split gain
// (always positive, sums to 100%). One-hot columns (`subquota=3`) are shown as "subquota = 3" with the
// feature's description.
import { formatDecimal } from '../format';
import type { FeatureImportance, FeatureSpec } from '../models-api';
import { formatRate } from './model-labels';
import type { OutcomeWords } from './model-outcome';

const TOP = 15;

export function FeatureImportanceBars({
  entries,
  features,
  words,
}: {
  entries: readonly FeatureImportance[];
  features: readonly FeatureSpec[];
  words: OutcomeWords;
}) {
  const top = [...entries]
    .filter((e) => Number.isFinite(e.value))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.feature < b.feature ? -1 : 1))
    .slice(0, TOP);
  if (top.length === 0) {
    return <p className="status status-empty">Esta versão não registrou a importância das variáveis.</p>;
  }
  const signed = top.some((e) => e.kind === 'coefficient');
  const largest = Math.max(...top.map((e) => Math.abs(e.value))) || 1;
  const descriptions = new Map(features.map((f) => [f.name, f.descriptionPt ?? f.description]));
  const english = new Set(features.filter((f) => !f.descriptionPt).map((f) => f.name));

  return (
    <div data-testid="feature-importance" data-kind={signed ? 'coefficient' : 'gain'}>
      <p className="muted small">
        {signed
          ? 'Coeficientes padronizados da regressão logística (efeito de um desvio-padrão na chance de ' +
            `${words.chance}, em log-odds): à direita aumentam a probabilidade de ${words.chance}, à esquerda ` +
            'diminuem.'
          : 'Participação de cada variável no ganho das divisões das árvores (soma 100%). Não diz em que ' +
            'direção a variável pesa.'}
      </p>
      <div className="table-wrap">
        <table className="data-table importance-table">
          <caption className="visually-hidden">
            {signed ? 'Coeficientes' : 'Importância (ganho)'} das {top.length} variáveis mais influentes
          </caption>
          <thead>
            <tr>
              <th scope="col">Variável</th>
              <th scope="col">
                <span className="visually-hidden">Barra</span>
              </th>
              <th scope="col" className="num">
                {signed ? 'Coeficiente' : 'Ganho'}
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((e) => {
              const [name, level] = splitColumn(e.feature);
              const width = (Math.abs(e.value) / largest) * (signed ? 50 : 100);
              const negative = e.value < 0;
              return (
                <tr key={e.feature} data-testid="importance-row">
                  <th scope="row" className="importance-name">
                    <code>{level === undefined ? name : `${name} = ${level}`}</code>
                    {descriptions.get(name) && (
                      <span className="muted small block" lang={english.has(name) ? 'en' : 'pt-BR'}>
                        {descriptions.get(name)}
                      </span>
                    )}
                  </th>
                  <td className="importance-bar-cell" aria-hidden="true">
                    <div className={`importance-track${signed ? ' importance-signed' : ''}`}>
                      <div
                        className={`importance-fill${negative ? ' importance-negative' : ''}`}
                        style={
                          signed
                            ? negative
                              ? { right: '50%', width: `${width}%` }
                              : { left: '50%', width: `${width}%` }
                            : { left: 0, width: `${width}%` }
                        }
                      />
                    </div>
                  </td>
                  <td className="num">
                    {e.kind === 'coefficient'
                      ? `${e.value > 0 ? '+' : ''}${formatDecimal(e.value, 3)}`
                      : formatRate(e.value)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** "subquota=3" → ["subquota", "3"]; a plain feature name has no level. */
function splitColumn(column: string): [string, string | undefined] {
  const at = column.indexOf('=');
  return at < 0 ? [column, undefined] : [column.slice(0, at), column.slice(at + 1)];
}
