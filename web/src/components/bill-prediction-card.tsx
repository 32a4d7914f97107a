// "Probabilidade de virar lei" on a bill's page: the model's estimate in pt-BR ("12,3%") with its colour band, a
// bar with the model's threshold marked, which model, version and algorithm said so, the observation date and
// horizon ("previsão em 18/11/2024 para os próximos 2 anos"). A final bill shows its actual outcome instead, and
// a bill without a prediction says why (no model trained yet, or not among the bills the model scored).
import type { BillDetail, BillPrediction, PredictionReason } from '../bills-api';
import {
  PROBABILITY_BAND_LABELS,
  billAlgorithmLabel,
  formatProbability,
  predictionWhen,
  probabilityBand,
} from '../bills-api';
import { formatDate, formatInteger } from '../format';
import { Link } from '../router';
import './bills.css';

export function BillPredictionCard({ bill }: { bill: BillDetail }) {
  return (
    <section
      className="card bill-prediction"
      aria-labelledby="prediction-title"
      data-testid="bill-prediction"
    >
      {bill.isFinal ? (
        <Outcome bill={bill} />
      ) : bill.prediction ? (
        <Prediction prediction={bill.prediction} />
      ) : (
        <Missing reason={bill.predictionReason} />
      )}
    </section>
  );
}

function Prediction({ prediction: p }: { prediction: BillPrediction }) {
  const band = probabilityBand(p.probability);
  const clamp = (v: number) => `${Math.min(100, Math.max(0, v * 100))}%`;
  const relation = `${p.predictedPositive ? 'acima' : 'abaixo'} do limiar de ${formatProbability(p.threshold)}`;
  return (
    <>
      <h2 id="prediction-title">Probabilidade de virar lei</h2>
      <p className="bill-prediction-figure">
        <strong data-testid="prediction-probability" className={`bill-figure-${band}`}>
          {formatProbability(p.probability)}
        </strong>{' '}
        <span className={`badge bill-band bill-band-${band}`} data-testid="prediction-band">
          {PROBABILITY_BAND_LABELS[band]}
        </span>{' '}
        <span className="badge badge-kind" data-testid="prediction-relation">
          {relation}
        </span>
      </p>
      <div
        className="bill-track"
        role="img"
        aria-label={`Probabilidade estimada de ${formatProbability(p.probability)}, ${relation}.`}
      >
        <div className={`bill-track-fill bill-fill-${band}`} style={{ width: clamp(p.probability) }} />
        <div className="bill-track-threshold" style={{ left: clamp(p.threshold) }} />
      </div>
      <p data-testid="prediction-when">{predictionWhen(p.asOf, p.horizonDays)}</p>
      <p className="small" data-testid="prediction-model">
        Modelo{' '}
        <Link to={`/modelos/${encodeURIComponent(p.model.name)}`} data-testid="prediction-model-link">
          {p.model.name} v{p.model.version}
        </Link>{' '}
        · {billAlgorithmLabel(p.model.algorithm)} · limiar de decisão {formatProbability(p.threshold)}
      </p>
      {(p.eventsUsed !== null || p.ageDays !== null) && (
        <p className="muted small" data-testid="prediction-inputs">
          {p.eventsUsed !== null && `Leu ${formatInteger(p.eventsUsed)} eventos de tramitação`}
          {p.eventsUsed !== null && p.ageDays !== null && ' · '}
          {p.ageDays !== null && `proposição com ${formatInteger(p.ageDays)} dias na data da previsão`}
        </p>
      )}
      <p className="muted small">
        Estimativa de um modelo estatístico treinado com o histórico de tramitação de proposições passadas: a
        chance de esta proposição ser transformada em norma jurídica nesse prazo. Pode errar nos dois
        sentidos.
      </p>
    </>
  );
}

function Outcome({ bill }: { bill: BillDetail }) {
  const { outcome } = bill;
  return (
    <>
      <h2 id="prediction-title">Resultado</h2>
      {outcome.becameLaw ? (
        <p className="bill-prediction-figure bill-outcome" data-testid="bill-outcome" data-outcome="law">
          <strong className="bill-figure-alta">Transformada em lei</strong>
          {outcome.becameLawAt && <> em {formatDate(outcome.becameLawAt)}</>}
        </p>
      ) : (
        <p className="bill-prediction-figure bill-outcome" data-testid="bill-outcome" data-outcome="final">
          <strong>Encerrada sem virar lei</strong>: {bill.situation ?? 'situação final'}
          {bill.lastEventAt && <> em {formatDate(bill.lastEventAt)}</>}
        </p>
      )}
      {outcome.approvedInPlenary !== null && (
        <p className="small" data-testid="bill-plenary">
          {outcome.approvedInPlenary
            ? `Aprovada em plenário${outcome.approvedInPlenaryAt ? ` em ${formatDate(outcome.approvedInPlenaryAt)}` : ''}.`
            : 'Não foi aprovada em plenário.'}
        </p>
      )}
      <p className="muted small">
        A tramitação desta proposição terminou, então o painel mostra o resultado real em vez de uma previsão.
      </p>
    </>
  );
}

function Missing({ reason }: { reason: PredictionReason | null }) {
  const notScored = reason?.code === 'not-scored';
  return (
    <>
      <h2 id="prediction-title">Probabilidade de virar lei</h2>
      <p data-testid="prediction-missing" data-reason={reason?.code ?? 'no-model'}>
        {notScored
          ? 'Sem previsão para esta proposição: ela não está entre as proposições em tramitação que o modelo avaliou.'
          : 'Nenhum modelo de previsão treinado ainda.'}
      </p>
      <p className="muted small">
        {notScored
          ? 'O modelo avalia as proposições em tramitação na data da última movimentação registrada no armazém.'
          : 'As previsões aparecem aqui depois que o modelo for treinado com o comando "hardin train bill-outcome".'}
      </p>
    </>
  );
}
