import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, type ApiBody } from '../../../lib/api-client';

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: async () => (await callApi('listApiKeys')).data.items });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiBody<'createApiKey'>) => (await callApi('createApiKey', { body })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('revokeApiKey', { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}
