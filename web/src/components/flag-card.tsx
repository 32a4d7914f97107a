// One flag on a reimbursement: what rule fired, how severe, the sentence explaining it (written by the
// detector, in pt-BR) and the numbers behind it. The monthly-limit rule gets a tailored view; any other
// detector falls back to listing its explanation fields, so a new detector is never shown unexplained.
import { asMonthlyLimitExplanation, type Flag, type MonthlyLimitExplanation } from '../api';
import { formatBrl, formatDecimal, formatInteger, formatMonth } from '../format';
import { LimitBar } from './limit-bar';
import { SeverityBadge } from './severity-badge';

export function FlagCard({ flag }: { flag: Flag }) {
  const monthly = asMonthlyLimitExplanation(flag);
  return (
    <article className="card flag-card" data-testid="flag-card" data-detector={flag.detector}>
      <header className="flag-header">
        <h3>{flag.title}</h3>
        <SeverityBadge severity={flag.severity} />
      </header>
      <p className="flag-text" data-testid="flag-text">
        {flag.explanation.text}
      </p>
      {monthly ? <MonthlyLimitDetails e={monthly} /> : <GenericDetails flag={flag} />}
      <p className="muted flag-detector">
        Regra: <code>{flag.detector}</code>
      </p>
    </article>
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

function GenericDetails({ flag }: { flag: Flag }) {
  const entries = Object.entries(flag.explanation).filter(([key]) => key !== 'text');
  if (entries.length === 0) return null;
  return (
    <dl className="details-grid" data-testid="flag-details">
      {entries.map(([key, value]) => (
        <div key={key} className="details-row">
          <dt>
            <code>{key}</code>
          </dt>
          <dd>{formatValue(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    if (/cents$/i.test(key)) return formatBrl(value);
    return Number.isInteger(value) ? formatInteger(value) : formatDecimal(value, 2);
  }
  if (typeof value === 'boolean') return value ? 'sim' : 'não';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
