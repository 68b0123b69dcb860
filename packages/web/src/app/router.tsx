import type { Permission } from '@openenforce/domain/organization';
import { Alert, Button, Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { useAuth } from './auth.tsx';
import { homePath } from './home.ts';
import { useI18n } from './i18n.tsx';

// Every page is loaded on demand: the first load of any page carries only React, the router, the theme and the
// session, plus that page's own chunks (a phone opening /report downloads no login form, no console).
const LoginPage = lazy(() => import('./LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const AppLayout = lazy(() => import('./AppLayout.tsx'));
const ForcePasswordChangePage = lazy(() => import('./ForcePasswordChangePage.tsx'));
const MapPage = lazy(() => import('../features/map/MapPage.tsx'));
const RegionsPage = lazy(() => import('../features/organization/RegionsPage.tsx'));
const AgenciesPage = lazy(() => import('../features/organization/AgenciesPage.tsx'));
const TeamsPage = lazy(() => import('../features/organization/TeamsPage.tsx'));
const PeoplePage = lazy(() => import('../features/organization/PeoplePage.tsx'));
const CertificatesPage = lazy(() => import('../features/organization/CertificatesPage.tsx'));
const ImportPage = lazy(() => import('../features/organization/ImportPage.tsx'));
const CatalogListPage = lazy(() => import('../features/catalog/CatalogListPage.tsx'));
const MatterPage = lazy(() => import('../features/catalog/MatterPage.tsx'));
const ListsPage = lazy(() => import('../features/catalog/ListsPage.tsx'));
const CoveragePage = lazy(() => import('../features/catalog/CoveragePage.tsx'));
const WithdrawalPage = lazy(() => import('../features/catalog/WithdrawalPage.tsx'));
const CatalogImportPage = lazy(() => import('../features/catalog/ImportPage.tsx'));
const CommandPage = lazy(() => import('../features/command/CommandPage.tsx'));
const UsersPage = lazy(() => import('../features/accounts/UsersPage.tsx'));
const TemplatesPage = lazy(() => import('../features/documents/TemplatesPage.tsx'));
// The public verification page of a paper document (its QR code): no login, no console.
const VerifyPage = lazy(() => import('../features/documents/VerifyPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/AuditPage.tsx'));
const EventSearchPage = lazy(() => import('../features/command/EventSearchPage.tsx'));
const TeamBoardPage = lazy(() => import('../features/command/TeamBoardPage.tsx'));
const WorkPage = lazy(() => import('../features/command/WorkPage.tsx'));
const CaseListPage = lazy(() => import('../features/cases/CaseListPage.tsx'));
const CaseDetailPage = lazy(() => import('../features/cases/CaseDetailPage.tsx'));
const FieldCasesPage = lazy(() => import('../features/cases/FieldCasesPage.tsx'));
// The big screen and the phone pages have no console chrome (no side menu, no header).
const BigScreenPage = lazy(() => import('../features/command/BigScreenPage.tsx'));
const FieldPage = lazy(() => import('../features/events/FieldPage.tsx'));
const ReportPage = lazy(() => import('../features/events/ReportPage.tsx'));
// The public portal needs no login and shares nothing with the console's first load.
const PortalLayout = lazy(() => import('../features/portal/PortalLayout.tsx'));
const PortalCatalogPage = lazy(() => import('../features/portal/PortalCatalogPage.tsx'));
const PortalMatterPage = lazy(() => import('../features/portal/PortalMatterPage.tsx'));
const PortalListsPage = lazy(() => import('../features/portal/PortalListsPage.tsx'));
const PortalTrackPage = lazy(() => import('../features/portal/PortalTrackPage.tsx'));
const TrackPage = lazy(() => import('../features/portal/TrackPage.tsx'));
const Forbidden = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.Forbidden })));
const NotFound = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.NotFound })));
const NothingToOpen = lazy(() => import('./StatusPages.tsx').then((m) => ({ default: m.NothingToOpen })));

export function FullPageSpin() {
  return (
    <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh, ensureChecked } = useAuth();
  useEffect(ensureChecked, [ensureChecked]);
  const { t, pick } = useI18n();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location }} />;
  if (state.status === 'error')
    return (
      <div style={{ maxWidth: 480, margin: '120px auto' }}>
        <Alert
          type="error"
          showIcon
          title={pick(state.error.body.message)}
          action={
            <Button type="primary" size="small" onClick={() => void refresh()}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  // A temporary or demo password: nothing else opens (the server refuses it too) until it is changed.
  if (state.me.mustChangePassword)
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ForcePasswordChangePage />
      </Suspense>
    );
  return <>{children}</>;
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(permission)) return <Forbidden />;
  return <>{children}</>;
}

function HomeRedirect() {
  const { can, me } = useAuth();
  const home = homePath(can, me?.role);
  if (!home) return <NothingToOpen />;
  return <Navigate to={home} replace />;
}

const guarded = (permission: Permission, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

/** A page outside the console layout (big screen, phone pages), behind the login and a permission. */
const standalone = (permission: Permission, page: ReactNode) => (
  <RequireAuth>
    <Suspense fallback={<FullPageSpin />}>
      <RequirePermission permission={permission}>{page}</RequirePermission>
    </Suspense>
  </RequireAuth>
);

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  { path: '/bigscreen', element: standalone('event.read', <BigScreenPage />) },
  { path: '/field', element: standalone('event.handle', <FieldPage />) },
  { path: '/field/:id', element: standalone('event.handle', <FieldPage />) },
  { path: '/report', element: standalone('event.report', <ReportPage />) },
  // The officer's simple procedure on the phone: its own chunk, so /field's first load carries none of it.
  { path: '/field/cases', element: standalone('case.handle', <FieldCasesPage />) },
  { path: '/field/cases/:id', element: standalone('case.handle', <FieldCasesPage />) },
  {
    path: '/verify/:code',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <VerifyPage />
      </Suspense>
    ),
  },
  {
    path: '/portal',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PortalLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <PortalCatalogPage /> },
      { path: 'matters/:id', element: <PortalMatterPage /> },
      { path: 'lists', element: <PortalListsPage /> },
      { path: 'track', element: <PortalTrackPage /> },
    ],
  },
  // The citizen's tracking page, the address handed out with a report (SMS, Open311): /t/<token>.
  {
    path: '/t/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PortalLayout />
      </Suspense>
    ),
    children: [{ index: true, element: <TrackPage /> }],
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<FullPageSpin />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'map', element: guarded('map.read', <MapPage />) },
      { path: 'org/regions', element: guarded('org.read', <RegionsPage />) },
      { path: 'org/agencies', element: guarded('org.read', <AgenciesPage />) },
      { path: 'org/teams', element: guarded('org.read', <TeamsPage />) },
      { path: 'org/people', element: guarded('org.read', <PeoplePage />) },
      { path: 'org/certificates', element: guarded('org.read', <CertificatesPage />) },
      { path: 'org/import/:kind', element: guarded('org.import', <ImportPage />) },
      { path: 'catalog', element: guarded('catalog.read', <CatalogListPage />) },
      { path: 'catalog/lists', element: guarded('catalog.read', <ListsPage />) },
      { path: 'catalog/coverage', element: guarded('catalog.read', <CoveragePage />) },
      { path: 'catalog/withdrawals', element: guarded('catalog.write', <WithdrawalPage />) },
      { path: 'catalog/import', element: guarded('catalog.write', <CatalogImportPage />) },
      { path: 'catalog/:id', element: guarded('catalog.read', <MatterPage />) },
      { path: 'command', element: guarded('event.command', <CommandPage />) },
      { path: 'admin/users', element: guarded('user.admin', <UsersPage />) },
      { path: 'admin/document-templates', element: guarded('document.template', <TemplatesPage />) },
      { path: 'audit', element: guarded('audit.read', <AuditPage />) },
      { path: 'events', element: guarded('event.read', <EventSearchPage />) },
      { path: 'team', element: guarded('event.handle', <TeamBoardPage />) },
      { path: 'work', element: guarded('event.read', <WorkPage />) },
      { path: 'cases', element: guarded('case.read', <CaseListPage />) },
      { path: 'cases/:id', element: guarded('case.read', <CaseDetailPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
