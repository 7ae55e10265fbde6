import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { AppLayout } from './layout/app-layout';
import { type SessionState, useSession } from './session/session';

const LoginPage = lazy(() => import('./pages/login-page').then((m) => ({ default: m.LoginPage })));
const RequestsPage = lazy(() =>
  import('./pages/requests/requests-page').then((m) => ({ default: m.RequestsPage })),
);
const DossiersPage = lazy(() =>
  import('./pages/dossiers/dossiers-page').then((m) => ({ default: m.DossiersPage })),
);
const DossierPage = lazy(() =>
  import('./pages/dossier/dossier-page').then((m) => ({ default: m.DossierPage })),
);
const StaffSettingsPage = lazy(() =>
  import('./pages/settings/staff-settings-page').then((m) => ({ default: m.StaffSettingsPage })),
);
const CategoriesSettingsPage = lazy(() =>
  import('./pages/settings/categories-settings-page').then((m) => ({ default: m.CategoriesSettingsPage })),
);
const FormsSettingsPage = lazy(() =>
  import('./pages/settings/forms-settings-page').then((m) => ({ default: m.FormsSettingsPage })),
);
const CatalogueSettingsPage = lazy(() =>
  import('./pages/settings/catalogue-settings-page').then((m) => ({ default: m.CatalogueSettingsPage })),
);
const InstructorsSettingsPage = lazy(() =>
  import('./pages/settings/instructors-settings-page').then((m) => ({ default: m.InstructorsSettingsPage })),
);
const SalesSettingsPage = lazy(() =>
  import('./pages/settings/sales-settings-page').then((m) => ({ default: m.SalesSettingsPage })),
);
const PosSettingsPage = lazy(() =>
  import('./pages/settings/pos-settings-page').then((m) => ({ default: m.PosSettingsPage })),
);
const SeasonArchivePage = lazy(() =>
  import('./pages/archive/season-archive-page').then((m) => ({ default: m.SeasonArchivePage })),
);
const OutboxSettingsPage = lazy(() =>
  import('./pages/settings/outbox-settings-page').then((m) => ({ default: m.OutboxSettingsPage })),
);
const MyAccountPage = lazy(() =>
  import('./pages/settings/my-account-page').then((m) => ({ default: m.MyAccountPage })),
);
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

export const HOME_PATH = '/demandes';
export const LOGIN_PATH = '/connexion';

/** Only paths inside the app, so a crafted link cannot send someone elsewhere after login. */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('suite');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith(LOGIN_PATH) ? next : HOME_PATH;
}

function loginPath(location: string, state: Extract<SessionState, { status: 'anonymous' }>): string {
  const params = new URLSearchParams();
  if (state.reason === 'expired') params.set('expiree', '1');
  if (state.reason === 'signed-out') params.set('deconnecte', '1');
  else if (location !== '/' && location !== HOME_PATH) params.set('suite', location);
  const query = params.toString();
  return query ? `${LOGIN_PATH}?${query}` : LOGIN_PATH;
}

function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="60vh">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

function SignedInRoutes() {
  return (
    <AppLayout>
      <Suspense fallback={<PageLoader />}>
        <Switch>
          <Route path="/">
            <Redirect to={HOME_PATH} replace />
          </Route>
          <Route path="/demandes" component={RequestsPage} />
          <Route path="/dossiers" component={DossiersPage} />
          <Route path="/dossiers/:id" component={DossierPage} />
          <Route path="/parametres">
            <Redirect to="/parametres/personnel" replace />
          </Route>
          <Route path="/parametres/personnel" component={StaffSettingsPage} />
          <Route path="/parametres/categories" component={CategoriesSettingsPage} />
          <Route path="/parametres/formulaires" component={FormsSettingsPage} />
          <Route path="/parametres/catalogue" component={CatalogueSettingsPage} />
          <Route path="/parametres/moniteurs" component={InstructorsSettingsPage} />
          <Route path="/parametres/devis" component={SalesSettingsPage} />
          <Route path="/parametres/logiciel-de-caisse" component={PosSettingsPage} />
          <Route path="/parametres/archivage" component={SeasonArchivePage} />
          <Route path="/parametres/boite-d-envoi" component={OutboxSettingsPage} />
          <Route path="/parametres/mon-compte" component={MyAccountPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </AppLayout>
  );
}

export function AppRoutes() {
  const { state } = useSession();
  const [location] = useLocation();
  const search = useSearch();

  if (state.status === 'loading') return <PageLoader />;
  return (
    <Switch>
      <Route path={LOGIN_PATH}>
        {state.status === 'signed-in' ? (
          <Redirect to={safeNext(search)} replace />
        ) : (
          <Suspense fallback={<PageLoader />}>
            <LoginPage />
          </Suspense>
        )}
      </Route>
      <Route>
        {state.status === 'signed-in' ? (
          <SignedInRoutes />
        ) : (
          <Redirect to={loginPath(location, state)} replace />
        )}
      </Route>
    </Switch>
  );
}
