// The risk ranking's definition in one sentence, as the API words it (GET /v1/ceap/ranking-method). Shown
// next to every ranking and score; omitted when the API does not publish one, rather than guessed here.
import { getRankingMethod } from '../api';
import { useResource } from '../use-resource';

export function RankingMethod() {
  const method = useResource((signal) => getRankingMethod(signal), 'ranking-method');
  if (method.status !== 'ok' || !method.data) return null;
  return (
    <p className="ranking-method" data-testid="ranking-method">
      {method.data}
    </p>
  );
}
