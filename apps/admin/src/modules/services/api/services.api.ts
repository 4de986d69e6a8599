import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, type ApiBody } from '../../../lib/api-client';

export function useServices() {
  return useQuery({
    queryKey: ['services'],
    queryFn: async () => (await callApi('listServices')).data.items,
  });
}

export function useService(service: string) {
  return useQuery({
    queryKey: ['services', service],
    queryFn: async () => (await callApi('getService', { params: { service } })).data,
  });
}

export function useCreateService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiBody<'createService'>) => (await callApi('createService', { body })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: ['services'] }),
  });
}
