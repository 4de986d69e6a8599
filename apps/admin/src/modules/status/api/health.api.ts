import { healthReportSchema, livenessSchema } from '@breakwater/contracts';
import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../../lib/http';

export function useLiveness() {
  return useQuery({
    queryKey: ['health', 'live'],
    queryFn: () => requestJson('/health', { schema: livenessSchema }),
    refetchInterval: 10_000,
  });
}

export function useReadiness() {
  return useQuery({
    queryKey: ['health', 'ready'],
    queryFn: () => requestJson('/health/ready', { schema: healthReportSchema, acceptStatuses: [503] }),
    refetchInterval: 5_000,
  });
}
