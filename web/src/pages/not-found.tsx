// Any path the dashboard does not know (the server sends index.html for every non-/api path).
import { usePageTitle } from '../page-title';
import { Link, useLocation } from '../router';

export function NotFoundPage() {
  usePageTitle('Página não encontrada');
  const { pathname } = useLocation();
  return (
    <section aria-labelledby="page-title" data-testid="not-found">
      <h1 id="page-title">Página não encontrada</h1>
      <p>
        Não há nada em <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/">Ir para a visão geral</Link>
      </p>
    </section>
  );
}
