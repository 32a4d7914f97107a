// The dashboard shell: skip link, header with the main navigation, the routed page, and a footer with the
// API version and when the warehouse was built. Focus moves to the page heading after an in-app navigation
// so keyboard and screen-reader users land on the new content.
import { useEffect, useRef } from 'react';
import { getHealth } from './api';
import { formatDateTime, utcInstant } from './format';
import { BillPage } from './pages/bill';
import { BillsPage } from './pages/bills';
import { CatalogPage } from './pages/catalog';
import { DeputiesPage } from './pages/deputies';
import { DeputyDetailPage } from './pages/deputy-detail';
import { DetectorsPage } from './pages/detectors';
import { ModelDetailPage } from './pages/model-detail';
import { ModelsPage } from './pages/models';
import { NotFoundPage } from './pages/not-found';
import { OverviewPage } from './pages/overview';
import { ReimbursementDetailPage } from './pages/reimbursement-detail';
import { ReimbursementsPage } from './pages/reimbursements';
import { SalicProjectPage } from './pages/salic-project';
import { SalicProjectsPage } from './pages/salic-projects';
import { SalicSegmentPage, SalicSegmentsPage } from './pages/salic-segments';
import { Link, NavLink, Routes, useLocation, type RouteDefinition } from './router';
import { useResource } from './use-resource';

const ROUTES: RouteDefinition[] = [
  { path: '/', render: () => <OverviewPage /> },
  { path: '/catalogo', render: () => <CatalogPage /> },
  { path: '/reembolsos', render: () => <ReimbursementsPage /> },
  { path: '/reembolsos/:id', render: ({ id = '' }) => <ReimbursementDetailPage key={id} id={id} /> },
  { path: '/deputados', render: () => <DeputiesPage /> },
  { path: '/deputados/:id', render: ({ id = '' }) => <DeputyDetailPage key={id} id={id} /> },
  { path: '/detectores', render: () => <DetectorsPage /> },
  { path: '/modelos', render: () => <ModelsPage /> },
  { path: '/modelos/:name', render: ({ name = '' }) => <ModelDetailPage key={name} name={name} /> },
  { path: '/lei-rouanet', render: () => <SalicProjectsPage /> },
  {
    path: '/lei-rouanet/projetos/:pronac',
    render: ({ pronac = '' }) => <SalicProjectPage key={pronac} pronac={pronac} />,
  },
  { path: '/lei-rouanet/segmentos', render: () => <SalicSegmentsPage /> },
  {
    path: '/lei-rouanet/segmentos/:segment',
    render: ({ segment = '' }) => <SalicSegmentPage key={segment} segment={segment} />,
  },
  { path: '/proposicoes', render: () => <BillsPage /> },
  { path: '/proposicoes/:id', render: ({ id = '' }) => <BillPage key={id} id={id} /> },
];

export function App() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#conteudo">
        Pular para o conteúdo
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            Hardin
            <span className="brand-tagline">dados abertos, riscos explicados</span>
          </Link>
          <nav aria-label="Navegação principal" className="main-nav">
            <NavLink to="/" exact>
              Visão geral
            </NavLink>
            <NavLink to="/catalogo">Catálogo de dados</NavLink>
            <NavLink to="/reembolsos">Reembolsos</NavLink>
            <NavLink to="/deputados">Deputados</NavLink>
            <NavLink to="/detectores">Detectores</NavLink>
            <NavLink to="/modelos">Modelos</NavLink>
            <NavLink to="/lei-rouanet">Lei Rouanet</NavLink>
            <NavLink to="/proposicoes">Proposições</NavLink>
          </nav>
        </div>
      </header>
      <main id="conteudo" className="container" ref={main} tabIndex={-1}>
        <Routes routes={ROUTES} fallback={<NotFoundPage />} />
      </main>
      <Footer />
    </>
  );
}

function Footer() {
  const health = useResource((signal) => getHealth(signal), 'health');
  return (
    <footer className="site-footer">
      <div className="container">
        {health.status === 'ok' && (
          <p data-testid="footer-health">
            API {health.data.version} · armazém construído em{' '}
            {formatDateTime(utcInstant(health.data.warehouse.builtAt))} (horário de Brasília)
          </p>
        )}
        {health.status === 'error' && <p>API indisponível: {health.error.problem.detail}</p>}
        <p className="muted">
          Fontes: Câmara dos Deputados (dados abertos). Uma sinalização é um indício a verificar, não uma
          acusação.
        </p>
      </div>
    </footer>
  );
}
