// Badges for how serious a flag is. Severity is 0..1 from the detectors; we show a word (baixa/média/alta)
// because a bare number invites false precision, with the number beside it for those who want it.
import { formatDecimal, formatInteger } from '../format';

export type SeverityLevel = 'low' | 'medium' | 'high';

const LABELS: Record<SeverityLevel, string> = { low: 'baixa', medium: 'média', high: 'alta' };

export function severityLevel(severity: number): SeverityLevel {
  if (severity >= 0.7) return 'high';
  if (severity >= 0.4) return 'medium';
  return 'low';
}

export function SeverityBadge({ severity }: { severity: number }) {
  const level = severityLevel(severity);
  return (
    <span
      className={`badge badge-${level}`}
      data-testid="severity-badge"
      title={`Severidade ${formatDecimal(severity, 2)} (de 0 a 1)`}
    >
      Severidade {LABELS[level]} · {formatDecimal(severity, 2)}
    </span>
  );
}

/** The number of flags on a reimbursement, coloured by its most severe flag; nothing when unflagged. */
export function FlagCountBadge({ count, maxSeverity }: { count: number; maxSeverity: number | null }) {
  if (count <= 0) return <span className="muted">—</span>;
  const level = severityLevel(maxSeverity ?? 0);
  const label = count === 1 ? '1 sinalização' : `${formatInteger(count)} sinalizações`;
  return (
    <span
      className={`badge badge-${level}`}
      data-testid="flag-badge"
      title={`Severidade máxima: ${LABELS[level]}`}
    >
      {label}
    </span>
  );
}
