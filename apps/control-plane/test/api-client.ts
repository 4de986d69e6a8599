/* eslint-disable @typescript-eslint/no-explicit-any -- tests read loosely typed JSON bodies on purpose */
import type { CreateApiKeyRequest, CreatedApiKey, Role } from '@breakwater/contracts';
import { randomBytes } from 'node:crypto';
import { TEST_ADMIN } from './test-app.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export type Credentials = { cookie: string } | { key: string } | undefined;

/**
 * A small HTTP client for integration tests: talks to the real server over loopback with a session cookie
 * (sending the CSRF header as the admin UI does) or an API key.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly credentials: Credentials = undefined,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; raw?: string; contentType?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.credentials && 'cookie' in this.credentials) {
      headers['cookie'] = this.credentials.cookie;
      headers['x-requested-with'] ??= 'breakwater';
    }
    if (this.credentials && 'key' in this.credentials) headers['authorization'] = `Bearer ${this.credentials.key}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/yaml';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const url = path.startsWith('/api/') || path.startsWith('/health') ? path : `/api/v1${path}`;
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, { headers });
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { body, headers });
  }
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, { body, headers });
  }
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, { body, headers });
  }
  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, { headers });
  }
}

/** Signs in and returns a client carrying the session cookie; throws unless the login succeeds. */
export async function login(
  baseUrl: string,
  email: string = TEST_ADMIN.email,
  password: string = TEST_ADMIN.password,
): Promise<ApiClient> {
  const response = await new ApiClient(baseUrl).post('/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return new ApiClient(baseUrl, { cookie });
}

/** Creates a user with `role` (as admin), signs them in and sets their own password; returns their client. */
export async function userClient(admin: ApiClient, role: Role): Promise<ApiClient> {
  const email = `${role}-${randomBytes(4).toString('hex')}@breakwater.test`;
  const initial = `initial-${randomBytes(8).toString('hex')}`;
  const created = await admin.post('/users', { email, password: initial, role });
  if (created.status !== 201) throw new Error(`creating ${email} failed: ${created.status} ${created.text}`);
  const first = await login(admin.baseUrl, email, initial);
  const password = `chosen-${randomBytes(8).toString('hex')}`;
  const changed = await first.post('/auth/password', { currentPassword: initial, newPassword: password });
  if (changed.status !== 204) throw new Error(`password change failed: ${changed.status} ${changed.text}`);
  return first;
}

/** Creates an API key (as admin) and returns a client using it, with the created key. */
export async function apiKeyClient(
  admin: ApiClient,
  request: CreateApiKeyRequest,
): Promise<{ client: ApiClient; key: CreatedApiKey }> {
  const created = await admin.post<CreatedApiKey>('/api-keys', request);
  if (created.status !== 201) throw new Error(`creating key failed: ${created.status} ${created.text}`);
  return { client: new ApiClient(admin.baseUrl, { key: created.body.secret }), key: created.body };
}

/** The field paths of a 400 VALIDATION_FAILED response, sorted. */
export function fieldPaths(response: ApiResponse): string[] {
  const fields = (response.body as { details?: { fields?: Array<{ path: string }> } }).details?.fields ?? [];
  return fields.map((field) => field.path).sort();
}

/** The `items` of a list response. */
export function itemsOf<T = Record<string, unknown>>(response: ApiResponse): T[] {
  return (response.body as { items: T[] }).items;
}
