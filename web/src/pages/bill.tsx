// One bill (GET /v1/camara/bills/:id): a header with its label, type, ementa, status, authors, themes and the
// links to its pages at the Câmara; the prediction card (probability of becoming law with the model version,
// threshold, date and horizon — or the actual outcome of a final bill, or why there is no prediction); and the
// whole tramitação as a vertical timeline. An unknown or malformed id shows "Proposição não encontrada" with the
// API's detail.
import type { ApiError } from '../api';
import {
  BILLS_PATH,
  TYPE_LABELS,
  authorKindLabel,
  billStatusLabel,
  getBill,
  type BillDetail,
} from '../bills-api';
import { BillPredictionCard } from '../components/bill-prediction-card';
import { BillTimeline } from '../components/bill-timeline';
import { ErrorState, Loading } from '../components/status';
import { formatCount, formatDate, formatPartyUf, orEmpty } from '../format';
import { usePageTitle } from '../page-title';
import { Link } from '../router';
import { useResource } from '../use-resource';
import '../components/bills.css';

export function BillPage({ id }: { id: string }) {
  const detail = useResource((signal) => getBill(id, signal), `bill:${id}`);
  const notFound = detail.status === 'error' && isNotFound(detail.error);
  usePageTitle(
    detail.status === 'ok'
      ? (detail.data.label ?? `Proposição ${id}`)
      : notFound
        ? 'Proposição não encontrada'
        : `Proposição ${id}`,
  );

  return (
    <section aria-labelledby="page-title" data-testid="page-bill">
      <p className="breadcrumb">
        <Link to={BILLS_PATH}>← Proposições</Link>
      </p>
      {detail.status === 'loading' && (
        <>
          <h1 id="page-title">Proposição {id}</h1>
          <Loading />
        </>
      )}
      {detail.status === 'error' && !notFound && (
        <>
          <h1 id="page-title">Proposição {id}</h1>
          <ErrorState error={detail.error} onRetry={detail.reload} />
        </>
      )}
      {detail.status === 'error' && notFound && (
        <div data-testid="not-found">
          <h1 id="page-title">Proposição não encontrada</h1>
          <ErrorState error={detail.error} title={`Nenhuma proposição com o identificador "${id}".`} />
          <p>
            <Link to={BILLS_PATH}>Voltar para a lista de proposições</Link>
          </p>
        </div>
      )}
      {detail.status === 'ok' && <BillContent b={detail.data} />}
    </section>
  );
}

function isNotFound(error: ApiError): boolean {
  return error.status === 404 || error.status === 400;
}

function BillContent({ b }: { b: BillDetail }) {
  const others = b.authors.filter((a) => !a.isFirst);
  return (
    <>
      <header className="bill-header">
        <div>
          <h1 id="page-title">{b.label ?? `Proposição ${b.id}`}</h1>
          <p className="lead" data-testid="bill-subtitle">
            {b.typeDescription ?? TYPE_LABELS[b.type] ?? b.type} · apresentada em{' '}
            <span data-testid="bill-presented">{formatDate(b.presentedAt)}</span> ·{' '}
            <strong data-testid="bill-status">{billStatusLabel(b)}</strong>
          </p>
          {b.summary && (
            <p className="bill-summary" data-testid="bill-ementa">
              {b.summary}
            </p>
          )}
          <dl className="details-grid" data-testid="bill-facts">
            <div className="details-row">
              <dt>Situação atual</dt>
              <dd data-testid="bill-situation">
                {orEmpty(b.situation)}
                {b.organ && <span className="muted"> · {b.organ}</span>}
                {b.lastEventAt && <span className="muted"> · desde {formatDate(b.lastEventAt)}</span>}
              </dd>
            </div>
            <div className="details-row">
              <dt>Autor</dt>
              <dd data-testid="bill-author">
                {orEmpty(b.authorName ?? authorKindLabel(b.authorKind))}
                {(b.authorParty || b.authorUf) && ` (${formatPartyUf(b.authorParty, b.authorUf)})`}
                {b.authorName && b.authorName !== authorKindLabel(b.authorKind) && (
                  <span className="muted"> · {authorKindLabel(b.authorKind)}</span>
                )}
                {others.length > 0 && (
                  <details className="small">
                    <summary>{formatCount(others.length, 'coautor', 'coautores')}</summary>
                    <ul data-testid="bill-coauthors">
                      {others.map((a) => (
                        <li key={`${a.order}-${a.name}`}>
                          {orEmpty(a.name)}
                          {(a.party || a.uf) && ` (${formatPartyUf(a.party, a.uf)})`}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </dd>
            </div>
            <div className="details-row">
              <dt>Temas</dt>
              <dd>
                {b.themes.length === 0 ? (
                  '—'
                ) : (
                  <ul className="chip-list" data-testid="bill-themes">
                    {b.themes.map((t) => (
                      <li key={t.id} className="badge badge-kind">
                        {t.name ?? `Tema ${t.id}`}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            {b.keywords && (
              <div className="details-row">
                <dt>Palavras-chave</dt>
                <dd>{b.keywords}</dd>
              </div>
            )}
            {b.regime && (
              <div className="details-row">
                <dt>Regime</dt>
                <dd>{b.regime}</dd>
              </div>
            )}
            {b.mainPropositionId !== null && (
              <div className="details-row">
                <dt>Apensada a</dt>
                <dd>
                  <Link to={`${BILLS_PATH}/${b.mainPropositionId}`}>proposição {b.mainPropositionId}</Link>
                </dd>
              </div>
            )}
          </dl>
          <ul
            className="bill-links"
            data-testid="bill-links"
            aria-label="Esta proposição no portal da Câmara"
          >
            {b.links.map((l) => (
              <li key={l.rel}>
                <a href={l.url} target="_blank" rel="noopener noreferrer" data-rel={l.rel}>
                  {l.label}
                  <span className="visually-hidden"> (abre em nova aba)</span> ↗
                </a>
              </li>
            ))}
          </ul>
        </div>
        <BillPredictionCard bill={b} />
      </header>

      <h2 className="section-title" id="timeline-title">
        Tramitação{' '}
        <span className="muted small" data-testid="timeline-count">
          ({formatCount(b.timeline.length, 'evento', 'eventos')})
        </span>
      </h2>
      <BillTimeline events={b.timeline} />
    </>
  );
}
