import type { FleetOverride } from '@breakwater/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, type ApiBody } from '../../../lib/api-client';
import { useLiveRefetchInterval } from '../../live/api/live';

/** Fleet views are kept fresh by the live channel (pushed invalidations); they poll slowly only while it is away. */
export function useInstances(env: string, service?: string) {
  return useQuery({
    queryKey: ['fleet', env, 'instances', service ?? ''],
    queryFn: async () => (await callApi('listInstances', { params: { env }, query: { service } })).data,
    refetchInterval: useLiveRefetchInterval(),
  });
}

export function useOverrides(env: string, service?: string) {
  return useQuery({
    queryKey: ['fleet', env, 'overrides', service ?? ''],
    queryFn: async () => (await callApi('listOverrides', { params: { env }, query: { service } })).data.items,
    refetchInterval: useLiveRefetchInterval(),
  });
}

export function overrideOf(
  overrides: FleetOverride[] | undefined,
  service: string,
  breaker: string,
): FleetOverride | undefined {
  return overrides?.find((o) => o.service === service && o.breaker === breaker);
}

export interface OverrideTarget {
  env: string;
  service: string;
  name: string;
}

export function useSetOverride(target: OverrideTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiBody<'setOverride'>) =>
      (await callApi('setOverride', { params: { ...target }, body })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: ['fleet', target.env] }),
  });
}

export function useClearOverride(target: OverrideTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => (await callApi('clearOverride', { params: { ...target } })).data,
    onSuccess: () => client.invalidateQueries({ queryKey: ['fleet', target.env] }),
  });
}
