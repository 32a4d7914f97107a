// One flag on a reimbursement: what rule fired, how severe, the sentence explaining it (written by the
// detector, in pt-BR) and the numbers behind it. Every detector writes the standard explanation
// (src/detect/explanation.ts), rendered here the same way for all of them: observed value against the
// threshold, the peer group and its statistics, the peer distribution with both marked, the method, and the
// detector's own fields as a definition list. The monthly-limit rule keeps its tailored view (limit bar). An
// explanation without the standard fields falls back to listing all its fields: never shown unexplained.
import {
  asMonthlyLimitExplanation,
  asStandardExplanation,
  STANDARD_EXPLANATION_KEYS,
  type ExplanationValue,
  type Flag,
  type MonthlyLimitExplanation,
  type PeerGroup,
  type StandardExplanation,
} from '../api';
import { formatBrl, formatByUnit, formatInteger, formatMonth, formatNumber } from '../format';
import { DetailList } from './detail-list';
import { Histogram } from './histogram';
import { LimitBar } from './limit-bar';
import { SeverityBadge } from './severity-badge';

const STANDARD_KEYS: readonly string[] = STANDARD_EXPLANATION_KEYS;
/** Fields of the monthly-limit explanation shown by its tailored view. */
const MONTHLY_KEYS = new Set([
  ...STANDARD_KEYS,
  'month',
  'subquota',
  'subquotaDescription',
  'limitCents',
  'runningTotalCents',
  'monthTotalCents',
  'excessCents',
  'window',
  'receiptsInMonth',
  'rank',
]);

export function FlagCard({ flag }: { flag: Flag }) {
  const monthly = asMonthlyLimitExplanation(flag);
  const standard = asStandardExplanation(flag);
  const method =
    flag.methodPt ?? (typeof flag.explanation.method === 'string' ? flag.explanation.method : undefined);
  return (
    <article className="card flag-card" data-testid="flag-card" data-detector={flag.detector}>
      <header className="flag-header">
        <h3>{flag.title}</h3>
        <SeverityBadge severity={flag.severity} />
      </header>
      <p className="flag-text" data-testid="flag-text">
        {flag.explanation.text}
      </p>
      {monthly ? (
        <>
          <MonthlyLimitDetails e={monthly} />
          <DetailList
            entries={Object.entries(flag.explanation).filter(([key]) => !MONTHLY_KEYS.has(key))}
            testId="flag-extra-details"
          />
        </>
      ) : standard ? (
        <StandardDetails e={standard} />
      ) : (
        <DetailList
          entries={Object.entries(flag.explanation).filter(([key]) => key !== 'text')}
          testId="flag-details"
        />
      )}
      <p className="muted flag-detector">
        {method && (
          <span data-testid="flag-method">
            Método: <span lang={flag.methodPt ? 'pt-BR' : 'en'}>{method}</span> ·{' '}
          </span>
        )}
        Regra: <code>{flag.detector}</code>
      </p>
    </article>
  );
}

function StandardDetails({ e }: { e: StandardExplanation }) {
  const details = Object.entries(e).filter(([key]) => !STANDARD_KEYS.includes(key));
  return (
    <>
      <ObservedVsThreshold observed={e.observed} threshold={e.threshold} />
      {e.peerGroup && <PeerGroupLine peer={e.peerGroup} unit={e.observed.unit} />}
      {e.distribution && (
        <Histogram
          distribution={e.distribution}
          observed={e.observed}
          threshold={e.threshold}
          peerDescription={e.peerGroup?.description}
        />
      )}
      <DetailList entries={details} testId="flag-details" />
    </>
  );
}

function ObservedVsThreshold({
  observed,
  threshold,
}: {
  observed: ExplanationValue;
  threshold: ExplanationValue;
}) {
  // Codes (unit "none", e.g. check digits) differ or match; amounts and counts are above or below.
  const relation =
    observed.value === threshold.value
      ? 'igual ao'
      : observed.unit === 'none'
        ? 'diferente do'
        : observed.value > threshold.value
          ? 'acima do'
          : 'abaixo do';
  return (
    <div className="compare" data-testid="flag-compare">
      <dl className="compare-item compare-observed" data-testid="flag-observed">
        <dt>Valor observado</dt>
        <dd className="compare-value">{formatByUnit(observed.value, observed.unit)}</dd>
        {observed.label && <dd className="compare-label">{observed.label}</dd>}
      </dl>
      <p className="compare-relation">{relation}</p>
      <dl className="compare-item compare-threshold" data-testid="flag-threshold">
        <dt>Limiar</dt>
        <dd className="compare-value">{formatByUnit(threshold.value, threshold.unit)}</dd>
        {threshold.label && <dd className="compare-label">{threshold.label}</dd>}
      </dl>
    </div>
  );
}

/** "Comparado com: … (n = 1.234; mediana R$ 45,00; MAD R$ 3,00)", with the fallback and log-scale notes. */
function PeerGroupLine({ peer, unit }: { peer: PeerGroup; unit: string }) {
  // Statistics on log(value) are not in the value's unit: shown as plain numbers, and said so. Statistics of
  // counts keep their decimals (a mean of 1,4 receipts a day is not 1).
  const stat = (value: number) =>
    peer.logScale
      ? formatNumber(value, 3)
      : unit === 'count'
        ? formatNumber(value, 2)
        : formatByUnit(value, unit);
  const stats: [string, number | null | undefined][] = [
    ['mediana', peer.median],
    ['MAD', peer.mad],
    ['média', peer.mean],
    ['desvio-padrão', peer.std],
    ['1º quartil', peer.q1],
    ['3º quartil', peer.q3],
  ];
  const parts = [
    `n = ${formatInteger(peer.n)}`,
    ...stats
      .filter((s): s is [string, number] => typeof s[1] === 'number' && Number.isFinite(s[1]))
      .map(([name, value]) => `${name} ${stat(value)}`),
  ];
  return (
    <div className="peer-group" data-testid="flag-peer-group">
      <p>
        <strong>Comparado com:</strong> {peer.description} ({parts.join('; ')})
      </p>
      {peer.logScale && (
        <p className="muted small" data-testid="flag-peer-log">
          Estatísticas em escala logarítmica: calculadas sobre o logaritmo dos valores.
        </p>
      )}
      {peer.fallback && (
        <p className="peer-fallback small" data-testid="flag-peer-fallback">
          Grupo ampliado: {peer.fallback}
        </p>
      )}
    </div>
  );
}

function MonthlyLimitDetails({ e }: { e: MonthlyLimitExplanation }) {
  const validity = e.window
    ? `de ${formatMonth(e.window.from)} ${e.window.to ? `a ${formatMonth(e.window.to)}` : 'em diante'}`
    : '—';
  return (
    <>
      <dl className="details-grid" data-testid="flag-details">
        <dt>Mês de competência</dt>
        <dd>{formatMonth(e.month)}</dd>
        <dt>Subcota</dt>
        <dd>
          {e.subquota} — {e.subquotaDescription}
        </dd>
        <dt>Limite mensal</dt>
        <dd className="money">{formatBrl(e.limitCents)}</dd>
        <dt>Vigência do limite</dt>
        <dd>{validity}</dd>
        <dt>Acumulado até este recibo</dt>
        <dd className="money">{formatBrl(e.runningTotalCents)}</dd>
        <dt>Excesso sobre o limite</dt>
        <dd className="money excess">{formatBrl(e.excessCents)}</dd>
        <dt>Total do mês na subcota</dt>
        <dd className="money">{formatBrl(e.monthTotalCents)}</dd>
        <dt>Recibos no mês</dt>
        <dd>{typeof e.receiptsInMonth === 'number' ? formatInteger(e.receiptsInMonth) : '—'}</dd>
        <dt>Ordem deste recibo no mês</dt>
        <dd>{typeof e.rank === 'number' ? `${formatInteger(e.rank)}º` : '—'}</dd>
      </dl>
      <LimitBar
        limitCents={e.limitCents}
        runningTotalCents={e.runningTotalCents}
        monthTotalCents={e.monthTotalCents}
      />
    </>
  );
}
