// A detector's own explanation fields (anything beyond the standard text/observed/threshold/peer group), as a
// small definition list: keys humanised (pt-BR for the ones we know), values formatted by what they look like
// (cents → R$, dates, months, CNPJ/CPF, reimbursement ids → links), nested objects and lists of objects as
// nested lists. Never throws on an unexpected shape: whatever a new detector sends is shown, not hidden.
import type { ReactNode } from 'react';
import {
  EMPTY,
  formatBrl,
  formatDate,
  formatDateTime,
  formatDocument,
  formatInteger,
  formatMonth,
  formatNumber,
  formatRatio,
} from '../format';
import { explanationLabel, explanationValueLabel } from '../explanation-labels';
import { Link } from '../router';

const MAX_DEPTH = 4;
const REIMBURSEMENT_ID = /^[0-9a-f]{16}$/;

export function DetailList({ entries, testId }: { entries: [string, unknown][]; testId?: string }) {
  if (entries.length === 0) return null;
  return (
    <dl className="details-grid" data-testid={testId}>
      {entries.map(([key, value]) => (
        <div key={key} className="details-row">
          <dt title={key}>{explanationLabel(key)}</dt>
          <dd>{renderValue(key, value, 0)}</dd>
        </div>
      ))}
    </dl>
  );
}

function renderValue(key: string, value: unknown, depth: number): ReactNode {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'number') return formatNumberFor(key, value);
  if (typeof value === 'boolean') return value ? 'sim' : 'não';
  if (typeof value === 'string') return renderString(key, value);
  if (depth >= MAX_DEPTH) return <code>{safeJson(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return value.map((v, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {renderValue(key, v, depth + 1)}
        </span>
      ));
    }
    return (
      <ol className="detail-items">
        {value.map((v, i) => (
          <li key={i}>{renderValue(key, v, depth + 1)}</li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return EMPTY;
    return (
      <dl className="details-grid details-nested">
        {entries.map(([k, v]) => (
          <div key={k} className="details-row">
            <dt title={k}>{explanationLabel(k)}</dt>
            <dd>{renderValue(k, v, depth + 1)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return String(value);
}

function formatNumberFor(key: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (/cents$/i.test(key)) return formatBrl(Math.round(value));
  // Identifiers and years are read, not compared: no thousands separator.
  if (/(id|year)$/i.test(key)) return String(value);
  if (/^ratioTo/.test(key)) return `${formatNumber(value, 2)}×`;
  if (/(ratio|share|fraction|rate)$/i.test(key)) return formatRatio(value);
  return Number.isInteger(value) ? formatInteger(value) : formatNumber(value, 3);
}

function renderString(key: string, value: string): ReactNode {
  if (REIMBURSEMENT_ID.test(value) && /(^id$|reimbursement)/i.test(key)) {
    return (
      <Link to={`/reembolsos/${value}`} data-testid="detail-reimbursement-link">
        <code>{value}</code>
      </Link>
    );
  }
  if (/^https?:\/\//.test(value)) {
    return (
      <a href={value} target="_blank" rel="noopener noreferrer">
        {value}
        <span className="visually-hidden"> (abre em nova aba)</span>
      </a>
    );
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return formatDateTime(value);
  if (/^\d{4}-\d{2}$/.test(value)) return formatMonth(value);
  const word = explanationValueLabel(key, value);
  if (word) return word;
  if (/(supplierDocument|cnpj|cpf)$/i.test(key) && /^[\d./-]+$/.test(value)) {
    const digits = value.replace(/\D/g, '');
    if (digits.length === 11 || digits.length === 14) return formatDocument(value);
  }
  return value;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
