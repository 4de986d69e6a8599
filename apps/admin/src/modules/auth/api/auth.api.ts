import { roleAtLeast, type PrincipalView, type Role } from '@breakwater/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, type ApiBody } from '../../../lib/api-client';
import { ApiError } from '../../../lib/http';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in principal, or null when there is no session (a 401). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<PrincipalView | null> => {
      try {
        return (await callApi('me')).data;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function roleOf(principal: PrincipalView | null | undefined): Role | undefined {
  if (!principal) return undefined;
  return principal.kind === 'user' ? principal.user.role : (principal.role ?? 'viewer');
}

/** What the signed-in user may do; the UI only offers these (the server enforces them anyway). */
export function usePermissions() {
  const role = roleOf(useMe().data);
  return {
    role,
    canEdit: role !== undefined && roleAtLeast(role, 'editor'),
    isAdmin: role !== undefined && roleAtLeast(role, 'admin'),
  };
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'login'>) => callApi('login', { body }),
    onSuccess: async () => {
      client.clear();
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi('logout'),
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'changePassword'>) => callApi('changePassword', { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ME_KEY }),
  });
}
