// "Detectores": the CEAP detectors as the API documents them (GET /v1/ceap/detectors): one card each with its
// pt-BR title, what it checks, how it decides, the fields its explanations carry, and how many flags the last
// run produced, linking to the reimbursements it flagged (`/reembolsos?detector=<id>`).
import { listDetectors, type DetectorInfo } from '../api';
import { Async, EmptyState } from '../components/status';
import { formatCount, formatDateTime, utcInstant } from '../format';
import { usePageTitle } from '../page-title';
import { Link } from '../router';
import { useResource } from '../use-resource';

export function DetectorsPage() {
  usePageTitle('Detectores');
  const detectors = useResource((signal) => listDetectors(signal), 'detectors');
  return (
    <section aria-labelledby="page-title" data-testid="page-detectors">
      <h1 id="page-title">Detectores</h1>
      <p className="lead">
        As regras que examinam cada reembolso. Cada sinalização traz a explicação da regra que a gerou: o
        valor observado, o limiar, o grupo de comparação e o método.
      </p>
      <Async resource={detectors}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>Nenhum detector executado ainda: rode o pipeline de detecção.</EmptyState>
          ) : (
            <div className="detector-grid">
              {data.items.map((d) => (
                <DetectorCard key={d.id} d={d} />
              ))}
            </div>
          )
        }
      </Async>
    </section>
  );
}

function DetectorCard({ d }: { d: DetectorInfo }) {
  const headingId = `detector-${d.id}`;
  const fields = Array.isArray(d.explanationFields) ? d.explanationFields : [];
  return (
    <article
      className="card detector-card"
      aria-labelledby={headingId}
      data-testid="detector-card"
      data-detector={d.id}
    >
      <header>
        <h2 id={headingId} data-testid="detector-title">
          {d.titlePt || d.title}
        </h2>
        <p className="muted small">
          <code>{d.id}</code>
          {d.title && d.title !== d.titlePt && (
            <>
              {' · '}
              <span lang="en">{d.title}</span>
            </>
          )}
        </p>
      </header>
      <p className="detector-flags" data-testid="detector-flags">
        <strong>{formatCount(d.flags, 'sinalização', 'sinalizações')}</strong>
        {d.ranAt && (
          <span className="muted small"> na execução de {formatDateTime(utcInstant(d.ranAt))}</span>
        )}
      </p>
      <h3>O que verifica</h3>
      <p lang={d.descriptionPt ? 'pt-BR' : 'en'} data-testid="detector-description">
        {d.descriptionPt ?? d.description}
      </p>
      <h3>Método</h3>
      <p lang={d.methodPt ? 'pt-BR' : 'en'} className="small" data-testid="detector-method">
        {d.methodPt ?? d.method}
      </p>
      {fields.length > 0 && (
        <details className="detector-fields">
          <summary>Campos da explicação ({fields.length})</summary>
          <ul className="chip-list">
            {fields.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="detector-link">
        {d.flags > 0 ? (
          <Link to={`/reembolsos?detector=${encodeURIComponent(d.id)}`} data-testid="detector-link">
            Ver os reembolsos sinalizados por esta regra →
          </Link>
        ) : (
          <span className="muted">Nenhum reembolso sinalizado por esta regra.</span>
        )}
      </p>
    </article>
  );
}
