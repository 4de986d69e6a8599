import { useQuery } from '@tanstack/react-query';
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
