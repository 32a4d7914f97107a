// A bill's predicted probability of becoming law as a coloured badge ("12,3%", band Baixa / Média / Alta) with
// a small bar, and the legend of the bands. Colour is never the only signal: the number is always there, and
// the band's word is in the badge's accessible name.
import { PROBABILITY_BANDS, PROBABILITY_BAND_LABELS, formatProbability, probabilityBand } from '../bills-api';
import './bills.css';

export function ProbabilityBadge({
  probability,
  predictedPositive,
}: {
  probability: number | null;
  predictedPositive?: boolean | null;
}) {
  if (probability === null) {
    return (
      <span className="muted" data-testid="probability" data-band="none">
        sem previsão
      </span>
    );
  }
  const band = probabilityBand(probability);
  const text = formatProbability(probability);
  return (
    <span
      className="bill-probability"
      data-testid="probability"
      data-band={band}
      data-value={probability}
      title={`Probabilidade ${PROBABILITY_BAND_LABELS[band].toLowerCase()}${predictedPositive ? ', acima do limiar do modelo' : ''}`}
    >
      <span className={`badge bill-band bill-band-${band}`}>
        {text}
        {predictedPositive && (
          <>
            <span aria-hidden="true" className="bill-band-mark">
              {' ▲'}
            </span>
            <span className="visually-hidden"> (acima do limiar do modelo)</span>
          </>
        )}
      </span>
      <span className="bill-bar" aria-hidden="true">
        <span
          className={`bill-fill-${band}`}
          style={{ width: `${Math.min(100, Math.max(0, probability * 100))}%` }}
        />
      </span>
    </span>
  );
}

export function ProbabilityLegend() {
  const pct = (v: number) => formatProbability(v).replace(',0%', '%');
  return (
    <p className="muted small bill-legend" data-testid="probability-legend">
      Probabilidade de virar lei:{' '}
      <span className="badge bill-band bill-band-baixa">{PROBABILITY_BAND_LABELS.baixa}</span> abaixo de{' '}
      {pct(PROBABILITY_BANDS.media)},{' '}
      <span className="badge bill-band bill-band-media">{PROBABILITY_BAND_LABELS.media}</span> de{' '}
      {pct(PROBABILITY_BANDS.media)} a {pct(PROBABILITY_BANDS.alta)},{' '}
      <span className="badge bill-band bill-band-alta">{PROBABILITY_BAND_LABELS.alta}</span> a partir de{' '}
      {pct(PROBABILITY_BANDS.alta)}; ▲ acima do limiar de decisão do modelo. É uma estimativa estatística, não
      uma certeza.
    </p>
  );
}
