import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { callApi } from '../../../lib/api-client';

export function useEnvironments() {
  return useQuery({
    queryKey: ['environments'],
    queryFn: async () => (await callApi('listEnvironments')).data.items,
    staleTime: 30_000,
  });
}

/** One environment with its defaults layer (for resolving a breaker's effective config in the editor). */
export function useEnvironment(env: string) {
  return useQuery({
    queryKey: ['environments', env],
    queryFn: async () => (await callApi('getEnvironment', { params: { env } })).data,
  });
}

const STORAGE_KEY = 'breakwater.environment';

export function rememberEnvironment(env: string): void {
  localStorage.setItem(STORAGE_KEY, env);
}

/** The environment pages work in: the URL's, else the last one used, else the first there is. */
export function useCurrentEnvironment(): string | undefined {
  const { env } = useParams();
  const environments = useEnvironments();
  if (env) return env;
  const names = environments.data?.map((e) => e.name) ?? [];
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored && names.includes(stored) ? stored : names[0];
}
