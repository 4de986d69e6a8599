import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { ApiKeysPage } from '../modules/api-keys/routes/ApiKeysPage';
import { AuditPage } from '../modules/audit/routes/AuditPage';
import { ChangePasswordPage } from '../modules/auth/routes/ChangePasswordPage';
import { LoginPage } from '../modules/auth/routes/LoginPage';
import { BreakerPage } from '../modules/breakers/routes/BreakerPage';
import { BreakersPage } from '../modules/breakers/routes/BreakersPage';
import { useCurrentEnvironment, useEnvironments } from '../modules/environments/api/environments.api';
import { FleetPage } from '../modules/fleet/routes/FleetPage';
import { ServicesPage } from '../modules/services/routes/ServicesPage';
import { StatusPage } from '../modules/status/routes/StatusPage';
import { UsersPage } from '../modules/users/routes/UsersPage';
import { RequireAuth } from './RequireAuth';
import { Shell } from './Shell';

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
      { path: 'env/:env/services', element: <ServicesPage /> },
      { path: 'env/:env/services/:service', element: <BreakersPage /> },
      { path: 'env/:env/services/:service/breakers/new', element: <BreakerPage isNew /> },
      { path: 'env/:env/services/:service/breakers/:name', element: <BreakerPage /> },
      { path: 'env/:env/fleet', element: <FleetPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'status', element: <StatusPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
