import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../lib/http';
import { ME_KEY } from '../modules/auth/api/auth.api';
import { LiveProvider } from '../modules/live/api/live';

function createClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network errors and 5xx get one retry.
        retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
    // A session that ends (expired, signed out elsewhere) sends every page back to the sign-in form.
    queryCache: new QueryCache({ onError: (error) => onAuthError(client, error) }),
    mutationCache: new MutationCache({ onError: (error) => onAuthError(client, error) }),
  });
  return client;
}

function onAuthError(client: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  if (error.status === 401 && error.code === 'UNAUTHENTICATED') client.setQueryData(ME_KEY, null);
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') void client.invalidateQueries({ queryKey: ME_KEY });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createClient);
  return (
    <MantineProvider defaultColorScheme="auto">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <LiveProvider>{children}</LiveProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
