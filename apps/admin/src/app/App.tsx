import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ChangePasswordPage } from '../modules/auth/routes/ChangePasswordPage';
import { LoginPage } from '../modules/auth/routes/LoginPage';
import { useCurrentEnvironment, useEnvironments } from '../modules/environments/api/environments.api';
import { RequireAuth } from './RequireAuth';
import { Shell } from './Shell';

/** Pages load on first visit, so the sign-in form does not wait for the editor and its YAML and diff code. */
const ApiKeysPage = lazy(() =>
  import('../modules/api-keys/routes/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })),
);
const AuditPage = lazy(() => import('../modules/audit/routes/AuditPage').then((m) => ({ default: m.AuditPage })));
const BreakerPage = lazy(() =>
  import('../modules/breakers/routes/BreakerPage').then((m) => ({ default: m.BreakerPage })),
);
const BreakersPage = lazy(() =>
  import('../modules/breakers/routes/BreakersPage').then((m) => ({ default: m.BreakersPage })),
);
const FleetPage = lazy(() => import('../modules/fleet/routes/FleetPage').then((m) => ({ default: m.FleetPage })));
const ServicesPage = lazy(() =>
  import('../modules/services/routes/ServicesPage').then((m) => ({ default: m.ServicesPage })),
);
const StatusPage = lazy(() => import('../modules/status/routes/StatusPage').then((m) => ({ default: m.StatusPage })));
const UsersPage = lazy(() => import('../modules/users/routes/UsersPage').then((m) => ({ default: m.UsersPage })));

/** `/` opens the services of the last used environment (or the first one). */
function HomeRedirect() {
  const environments = useEnvironments();
  const env = useCurrentEnvironment();
  if (environments.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading environments" />
      </Center>
    );
  if (!env)
    return (
      <Stack>
        <Title order={1}>No environments</Title>
        <Text c="dimmed">
          {environments.isError ? 'The environments could not be loaded.' : 'The control plane has no environments.'}
        </Text>
      </Stack>
    );
  return <Navigate to={`/env/${encodeURIComponent(env)}/services`} replace />;
}

function page(element: ReactNode) {
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label="Loading page" />
        </Center>
      }
    >
      {element}
    </Suspense>
  );
}

function NotFound() {
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text c="dimmed">Nothing lives at this address. Use the navigation to find your way.</Text>
    </Stack>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/password', element: <ChangePasswordPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'env', element: <HomeRedirect /> },
      { path: 'env/:env', element: <HomeRedirect /> },
      { path: 'env/:env/services', element: page(<ServicesPage />) },
      { path: 'env/:env/services/:service', element: page(<BreakersPage />) },
      { path: 'env/:env/services/:service/breakers/new', element: page(<BreakerPage isNew />) },
      { path: 'env/:env/services/:service/breakers/:name', element: page(<BreakerPage />) },
      { path: 'env/:env/fleet', element: page(<FleetPage />) },
      { path: 'audit', element: page(<AuditPage />) },
      { path: 'api-keys', element: page(<ApiKeysPage />) },
      { path: 'users', element: page(<UsersPage />) },
      { path: 'status', element: page(<StatusPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
