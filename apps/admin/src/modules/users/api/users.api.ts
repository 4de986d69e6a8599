import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, type ApiBody } from '../../../lib/api-client';

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: async () => (await callApi('listUsers')).data.items });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiBody<'createUser'>) => (await callApi('createUser', { body })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: ApiBody<'updateUser'> }) =>
      (await callApi('updateUser', { params: { id }, body })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}
