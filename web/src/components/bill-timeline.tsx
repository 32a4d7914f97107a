// The tramitação of a bill as a vertical timeline, oldest first: each event with its date (DD/MM/AAAA), how many
// days after the previous one it came (long silences stand out), the organ and its kind, the action, the
// situation it left the bill in, the regime (where it changes) and the dispatch text (long ones folded), and
// marks with an icon, a colour and a word for urgência, relator designado, parecer favorável/contrário,
// aprovação em plenário, transformação em lei and arquivamento.
import {
  EVENT_MARK_ICONS,
  EVENT_MARK_LABELS,
  eventMarks,
  formatGap,
  organKindLabel,
  type BillEvent,
} from '../bills-api';
import { formatDate, formatDateTime } from '../format';
import './bills.css';

/** Silences at least this long (in days) are drawn as a longer, dashed stretch of the line. */
const LONG_GAP_DAYS = 180;
const FOLD_DISPATCH_CHARS = 280;

export function BillTimeline({ events }: { events: BillEvent[] }) {
  if (events.length === 0) {
    return (
      <p className="status status-empty" data-testid="timeline-empty">
        Nenhum evento de tramitação carregado para esta proposição (só os arquivos de proposições foram
        ingeridos).
      </p>
    );
  }
  return (
    <ol className="bill-timeline" data-testid="bill-timeline">
      {events.map((event, i) => {
        const previous = i > 0 ? events[i - 1] : undefined;
        const marks = eventMarks(event, previous);
        const gap = event.daysSincePrevious;
        const long = gap !== null && gap >= LONG_GAP_DAYS;
        return (
          <li
            key={event.sequence}
            className={`bill-event${marks.length ? ` bill-event-${marks[marks.length - 1]}` : ''}${long ? ' bill-event-after-long-gap' : ''}`}
            data-testid="timeline-event"
            data-index={event.index}
            data-marks={marks.join(' ')}
          >
            {previous && (
              <p className="bill-gap" data-testid="timeline-gap" data-days={gap ?? ''}>
                {formatGap(gap)}
              </p>
            )}
            <span className="bill-event-dot" aria-hidden="true">
              {marks.length ? EVENT_MARK_ICONS[marks[marks.length - 1]!] : ''}
            </span>
            <div className="bill-event-body">
              <p className="bill-event-head">
                <time
                  dateTime={event.occurredAt}
                  title={formatDateTime(event.occurredAt)}
                  data-testid="event-date"
                >
                  {formatDate(event.occurredAt)}
                </time>
                <span className="bill-event-organ" data-testid="event-organ">
                  {event.organ ?? '—'} <span className="muted">· {organKindLabel(event.organKind)}</span>
                </span>
              </p>
              {marks.length > 0 && (
                <ul className="bill-marks" aria-label="Marcos deste evento">
                  {marks.map((m) => (
                    <li
                      key={m}
                      className={`badge bill-mark bill-mark-${m}`}
                      data-testid="event-mark"
                      data-mark={m}
                    >
                      <span aria-hidden="true">{EVENT_MARK_ICONS[m]} </span>
                      {EVENT_MARK_LABELS[m]}
                    </li>
                  ))}
                </ul>
              )}
              {event.action && (
                <p className="bill-event-action" data-testid="event-action">
                  {event.action}
                </p>
              )}
              {event.situation && (
                <p className="small" data-testid="event-situation">
                  <span className="muted">Situação:</span> {event.situation}
                </p>
              )}
              {event.regime && event.regime !== previous?.regime && (
                <p className="small muted" data-testid="event-regime">
                  Regime: {event.regime}
                </p>
              )}
              {event.dispatch && <Dispatch text={event.dispatch} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Dispatch({ text }: { text: string }) {
  if (text.length <= FOLD_DISPATCH_CHARS) {
    return (
      <p className="bill-dispatch" data-testid="event-dispatch">
        <span className="muted">Despacho:</span> {text}
      </p>
    );
  }
  return (
    <details className="bill-dispatch" data-testid="event-dispatch">
      <summary>
        <span className="muted">Despacho:</span> {text.slice(0, FOLD_DISPATCH_CHARS).trimEnd()}…
      </summary>
      <p>{text}</p>
    </details>
  );
}
