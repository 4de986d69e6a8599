import { API_ROUTES, fieldErrorSchema, type ApiRouteId, type FieldError } from '@breakwater/contracts';
import { z } from 'zod';
import { ApiError } from './http';

type Route<K extends ApiRouteId> = (typeof API_ROUTES)[K];

/** The parsed response body of a route, or undefined for routes without one (204). */
export type ApiResponse<K extends ApiRouteId> =
  Route<K> extends { response: infer S extends z.ZodType } ? z.infer<S> : undefined;
export type ApiBody<K extends ApiRouteId> = Route<K> extends { body: infer S extends z.ZodType } ? z.input<S> : never;
export type ApiQuery<K extends ApiRouteId> =
  Route<K> extends { query: infer S extends z.ZodType }
    ? Partial<Record<keyof z.input<S>, string | number | undefined>>
    : never;

export interface CallOptions<K extends ApiRouteId> {
  params?: Record<string, string | number>;
  query?: ApiQuery<K>;
  body?: ApiBody<K>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export const API_PREFIX = '/api/v1';
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it (CSRF defence). */
export const CSRF_HEADERS = { 'X-Requested-With': 'breakwater' } as const;

/** `/environments/{env}` with `{env: 'prod'}` -> `/api/v1/environments/prod`, plus the query string. */
export function apiUrl(path: string, params: Record<string, string | number> = {}, query: object = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter ${key} of ${path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') search.set(key, String(value as string | number));
  const qs = search.toString();
  return `${API_PREFIX}${filled}${qs ? `?${qs}` : ''}`;
}

/**
 * Calls a REST route of the control plane by its id in the contracts' route table: the path, method and the
 * response schema come from there, so a response the UI does not know fails loudly instead of rendering wrong.
 */
export async function callApi<K extends ApiRouteId>(
  id: K,
  options: CallOptions<K> = {},
): Promise<{ data: ApiResponse<K>; headers: Headers }> {
  const route: { method: string; path: string; response?: z.ZodType } = API_ROUTES[id];
  const method = route.method.toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method !== 'GET') Object.assign(headers, CSRF_HEADERS);
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(apiUrl(route.path, options.params, options.query ?? {}), {
    method,
    credentials: 'same-origin',
    headers,
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    signal: options.signal,
  });
  const text = await response.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw ApiError.from(response, body);
  const data = (route.response ? route.response.parse(body) : undefined) as ApiResponse<K>;
  return { data, headers: response.headers };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const fieldDetailsSchema = z.object({ fields: z.array(fieldErrorSchema) });

/** The `{path, rule, message}` list of a 400 VALIDATION_FAILED answer, or []. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const details = fieldDetailsSchema.safeParse(error.envelope.details);
  if (details.success) return details.data.fields;
  const list = z.array(fieldErrorSchema).safeParse(error.envelope.details);
  return list.success ? list.data : [];
}

/** A one-line description of any error for an alert. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const id = error.envelope.errorId ? ` (error id ${error.envelope.errorId})` : '';
    return `${error.envelope.message}${id}`;
  }
  return error instanceof Error ? error.message : String(error);
}
