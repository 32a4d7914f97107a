// "Modelos" (GET /v1/models): one card per registered model — what it predicts, its champion and challenger
// (version, algorithm and test AUC/AP), how many versions exist, what the server is predicting with (a warning
// box when an earlier champion stands in or nothing can serve) and any problem the registry found — linking
// to the model's page with its versions, curves and report.
import '../components/models.css';
import { AliasSummaryLine } from '../components/alias-summary';
import { MODEL_DESCRIPTIONS } from '../components/model-labels';
import { ServingStatusNote } from '../components/serving-status';
import { Async, EmptyState } from '../components/status';
import { formatCount } from '../format';
import { listModels, type ModelListItem } from '../models-api';
import { usePageTitle } from '../page-title';
import { Link } from '../router';
import { useResource } from '../use-resource';

export function ModelsPage() {
  usePageTitle('Modelos');
  const models = useResource((signal) => listModels(signal), 'models');
  return (
    <section aria-labelledby="page-title" data-testid="page-models">
      <h1 id="page-title">Modelos</h1>
      <p className="lead">
        Modelos treinados sobre os dados abertos, com cada versão registrada: métricas na parte de teste
        (dados que o treino nunca viu), curvas, calibração e o relatório CRISP-DM do treino. O{' '}
        <em>campeão</em> é a versão que responde às previsões; o <em>desafiante</em>, a candidata seguinte.
      </p>
      <Async resource={models}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState>
              Nenhum modelo registrado ainda: treine um com <code>hardin train glosa</code> ou{' '}
              <code>hardin train bill-outcome</code>.
            </EmptyState>
          ) : (
            <div className="detector-grid model-grid">
              {data.items.map((m) => (
                <ModelCard key={m.name} m={m} />
              ))}
            </div>
          )
        }
      </Async>
    </section>
  );
}

function ModelCard({ m }: { m: ModelListItem }) {
  const headingId = `model-${m.name}`;
  const href = `/modelos/${encodeURIComponent(m.name)}`;
  return (
    <article
      className="card detector-card"
      aria-labelledby={headingId}
      data-testid="model-card"
      data-model={m.name}
    >
      <header>
        <h2 id={headingId} data-testid="model-name">
          <Link to={href}>{m.name}</Link>
        </h2>
        <p className="muted small" data-testid="model-versions">
          {formatCount(m.versions, 'versão registrada', 'versões registradas')}
        </p>
      </header>
      {MODEL_DESCRIPTIONS[m.name] && <p className="model-description">{MODEL_DESCRIPTIONS[m.name]}</p>}
      <dl className="alias-summaries">
        <AliasSummaryLine label="Campeão" alias={m.champion} testId="model-champion" />
        <AliasSummaryLine label="Desafiante" alias={m.challenger} testId="model-challenger" />
      </dl>
      <ServingStatusNote serving={m.serving} name={m.name} />
      {m.problems.length > 0 && (
        <div className="status status-warning" role="status" data-testid="model-problems">
          <p>
            <strong>O registro encontrou problemas neste modelo:</strong>
          </p>
          <ul>
            {m.problems.map((p) => (
              <li key={p}>
                <code lang="en">{p}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="detector-link">
        <Link to={href} data-testid="model-link">
          Ver versões, curvas e relatório →
        </Link>
      </p>
    </article>
  );
}
