import { useInfiniteQuery } from '@tanstack/react-query';
import { API_ROUTES } from '@breakwater/contracts';
import { apiUrl, callApi, type ApiQuery } from '../../../lib/api-client';

export type AuditFilters = Omit<ApiQuery<'listAudit'>, 'cursor' | 'limit'>;

/** Audit events, newest first, one page after another by cursor. */
export function useAudit(filters: AuditFilters, limit = 25) {
  return useInfiniteQuery({
    queryKey: ['audit', filters, limit],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await callApi('listAudit', { query: { ...filters, limit, cursor: pageParam } })).data,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Download address of every matching event as JSON or CSV (a GET: the session cookie is enough). */
export function auditExportUrl(filters: AuditFilters, format: 'json' | 'csv'): string {
  return apiUrl(API_ROUTES.exportAudit.path, {}, { ...filters, format });
}
