import { z } from 'zod';
import { errorEnvelopeSchema } from '../errors/error-envelope.schema.js';
import { breakerOverridesSchema } from '../config/breaker-config.schema.js';
import { apiKeyListSchema, createApiKeyRequestSchema, createdApiKeySchema } from './api-keys.schema.js';
import { auditExportQuerySchema, auditPageSchema, auditQuerySchema } from './audit.schema.js';
import {
  changePasswordRequestSchema,
  createUserRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  principalSchema,
  updateUserRequestSchema,
  userListSchema,
  userSchema,
} from './auth.schema.js';
import {
  breakerDiffSchema,
  breakerListQuerySchema,
  breakerListSchema,
  breakerSchema,
  breakerVersionListSchema,
  breakerVersionSchema,
  changesQuerySchema,
  changesResponseSchema,
  diffQuerySchema,
  importQuerySchema,
  importResultSchema,
  putBreakerRequestSchema,
  rollbackRequestSchema,
} from './breakers.schema.js';
import { type Role } from './common.schema.js';
import { FLEET_ROUTES } from '../wire/fleet-routes.js';
import {
  createEnvironmentRequestSchema,
  environmentListSchema,
  environmentSchema,
  updateEnvironmentRequestSchema,
} from './environments.schema.js';
import {
  createServiceRequestSchema,
  serviceListSchema,
  serviceSchema,
  updateServiceRequestSchema,
} from './services.schema.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: `public` (no credentials), `session` (a signed-in user or admin key of any role, even one
 * that must still change its password), or a minimum role, optionally also open to SDK keys of the `:env` in the path.
 */
export type RouteAccess = { public: true } | { session: true } | { minRole: Role; sdk?: boolean };

export interface ApiRouteDef {
  method: HttpMethod;
  /** Under `/api/v1`, OpenAPI style: `/environments/{env}`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Content types of the request body besides JSON. */
  bodyContentType?: string;
  status: number;
  /** Another success status with the same body (PUT answers 201 when it created the resource). */
  createdStatus?: number;
  response?: z.ZodType;
  responseContentType?: string;
}

export const templateListSchema = z.object({
  items: z.array(z.object({ name: z.string(), description: z.string(), settings: breakerOverridesSchema })),
});
export type TemplateList = z.infer<typeof templateListSchema>;

const BREAKER = '/environments/{env}/services/{service}/breakers/{name}';
const viewer = { minRole: 'viewer' } as const;
const editor = { minRole: 'editor' } as const;
const admin = { minRole: 'admin' } as const;

/**
 * Every REST route of the control plane: the one list the controllers, the authorisation guard, the OpenAPI
 * document and the role tests are built from.
 */
export const API_ROUTES = {
  login: {
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in; sets the session cookie',
    tag: 'auth',
    access: { public: true },
    body: loginRequestSchema,
    status: 200,
    response: loginResponseSchema,
  },
  logout: {
    method: 'post',
    path: '/auth/logout',
    summary: 'Sign out: ends the session',
    tag: 'auth',
    access: { public: true },
    status: 204,
  },
  me: {
    method: 'get',
    path: '/auth/me',
    summary: 'Who is calling',
    tag: 'auth',
    access: { session: true },
    status: 200,
    response: principalSchema,
  },
  changePassword: {
    method: 'post',
    path: '/auth/password',
    summary: "Change the signed-in user's password",
    tag: 'auth',
    access: { session: true },
    body: changePasswordRequestSchema,
    status: 204,
  },

  listEnvironments: {
    method: 'get',
    path: '/environments',
    summary: 'List environments',
    tag: 'environments',
    access: viewer,
    status: 200,
    response: environmentListSchema,
  },
  createEnvironment: {
    method: 'post',
    path: '/environments',
    summary: 'Create an environment',
    tag: 'environments',
    access: admin,
    body: createEnvironmentRequestSchema,
    status: 201,
    response: environmentSchema,
  },
  getEnvironment: {
    method: 'get',
    path: '/environments/{env}',
    summary: 'One environment with its defaults',
    tag: 'environments',
    access: { minRole: 'viewer', sdk: true },
    status: 200,
    response: environmentSchema,
  },
  updateEnvironment: {
    method: 'patch',
    path: '/environments/{env}',
    summary: "Change an environment's description or defaults",
    tag: 'environments',
    access: admin,
    body: updateEnvironmentRequestSchema,
    status: 200,
    response: environmentSchema,
  },
  listChanges: {
    method: 'get',
    path: '/environments/{env}/changes',
    summary: 'Breakers changed after a revision (SDK sync)',
    tag: 'breakers',
    access: { minRole: 'viewer', sdk: true },
    query: changesQuerySchema,
    status: 200,
    response: changesResponseSchema,
  },
  exportEnvironment: {
    method: 'get',
    path: '/environments/{env}/export',
    summary: "Export the environment's breakers as multi-document YAML",
    tag: 'import-export',
    access: viewer,
    status: 200,
    responseContentType: 'application/yaml',
  },
  importEnvironment: {
    method: 'post',
    path: '/environments/{env}/import',
    summary: 'Import multi-document YAML (dry run by default; all or nothing)',
    tag: 'import-export',
    access: editor,
    query: importQuerySchema,
    bodyContentType: 'application/yaml',
    status: 200,
    response: importResultSchema,
  },

  listServices: {
    method: 'get',
    path: '/services',
    summary: 'List services',
    tag: 'services',
    access: viewer,
    status: 200,
    response: serviceListSchema,
  },
  createService: {
    method: 'post',
    path: '/services',
    summary: 'Create a service',
    tag: 'services',
    access: editor,
    body: createServiceRequestSchema,
    status: 201,
    response: serviceSchema,
  },
  getService: {
    method: 'get',
    path: '/services/{service}',
    summary: 'One service',
    tag: 'services',
    access: viewer,
    status: 200,
    response: serviceSchema,
  },
  updateService: {
    method: 'patch',
    path: '/services/{service}',
    summary: 'Change a service',
    tag: 'services',
    access: editor,
    body: updateServiceRequestSchema,
    status: 200,
    response: serviceSchema,
  },
  deleteService: {
    method: 'delete',
    path: '/services/{service}',
    summary: 'Delete a service without live breakers',
    tag: 'services',
    access: editor,
    status: 204,
  },

  listBreakers: {
    method: 'get',
    path: '/environments/{env}/breakers',
    summary: "List an environment's breakers",
    tag: 'breakers',
    access: { minRole: 'viewer', sdk: true },
    query: breakerListQuerySchema,
    status: 200,
    response: breakerListSchema,
  },
  getBreaker: {
    method: 'get',
    path: BREAKER,
    summary: 'One breaker: overrides, effective config and sources (ETag = version)',
    tag: 'breakers',
    access: { minRole: 'viewer', sdk: true },
    status: 200,
    response: breakerSchema,
  },
  putBreaker: {
    method: 'put',
    path: BREAKER,
    summary: 'Create, or update with If-Match: <version>',
    tag: 'breakers',
    access: editor,
    body: putBreakerRequestSchema,
    status: 200,
    createdStatus: 201,
    response: breakerSchema,
  },
  deleteBreaker: {
    method: 'delete',
    path: BREAKER,
    summary: 'Soft-delete a breaker (If-Match optional)',
    tag: 'breakers',
    access: editor,
    status: 204,
  },
  listVersions: {
    method: 'get',
    path: `${BREAKER}/versions`,
    summary: 'Every version, newest first',
    tag: 'breakers',
    access: viewer,
    status: 200,
    response: breakerVersionListSchema,
  },
  getVersion: {
    method: 'get',
    path: `${BREAKER}/versions/{version}`,
    summary: 'One version',
    tag: 'breakers',
    access: viewer,
    status: 200,
    response: breakerVersionSchema,
  },
  diffVersions: {
    method: 'get',
    path: `${BREAKER}/diff`,
    summary: 'Field-level diff of two versions',
    tag: 'breakers',
    access: viewer,
    query: diffQuerySchema,
    status: 200,
    response: breakerDiffSchema,
  },
  rollback: {
    method: 'post',
    path: `${BREAKER}/rollback`,
    summary: "Write a new version with an old version's content",
    tag: 'breakers',
    access: editor,
    body: rollbackRequestSchema,
    status: 200,
    response: breakerSchema,
  },

  listTemplates: {
    method: 'get',
    path: '/templates',
    summary: 'The built-in templates',
    tag: 'templates',
    access: viewer,
    status: 200,
    response: templateListSchema,
  },

  listAudit: {
    method: 'get',
    path: '/audit',
    summary: 'Audit events, newest first, cursor-paginated',
    tag: 'audit',
    access: editor,
    query: auditQuerySchema,
    status: 200,
    response: auditPageSchema,
  },
  exportAudit: {
    method: 'get',
    path: '/audit/export',
    summary: 'Every matching audit event as JSON or CSV',
    tag: 'audit',
    access: editor,
    query: auditExportQuerySchema,
    status: 200,
    responseContentType: 'text/csv',
  },

  listApiKeys: {
    method: 'get',
    path: '/api-keys',
    summary: 'List API keys (never their secrets)',
    tag: 'api-keys',
    access: admin,
    status: 200,
    response: apiKeyListSchema,
  },
  createApiKey: {
    method: 'post',
    path: '/api-keys',
    summary: 'Create an API key; the response shows the secret once',
    tag: 'api-keys',
    access: admin,
    body: createApiKeyRequestSchema,
    status: 201,
    response: createdApiKeySchema,
  },
  revokeApiKey: {
    method: 'delete',
    path: '/api-keys/{id}',
    summary: 'Revoke an API key',
    tag: 'api-keys',
    access: admin,
    status: 204,
  },

  listUsers: {
    method: 'get',
    path: '/users',
    summary: 'List users',
    tag: 'users',
    access: admin,
    status: 200,
    response: userListSchema,
  },
  createUser: {
    method: 'post',
    path: '/users',
    summary: 'Create a user',
    tag: 'users',
    access: admin,
    body: createUserRequestSchema,
    status: 201,
    response: userSchema,
  },
  updateUser: {
    method: 'patch',
    path: '/users/{id}',
    summary: "Change a user's role, disable them or reset their password",
    tag: 'users',
    access: admin,
    body: updateUserRequestSchema,
    status: 200,
    response: userSchema,
  },
  ...FLEET_ROUTES,
} as const satisfies Record<string, ApiRouteDef>;

export type ApiRouteId = keyof typeof API_ROUTES;

/** Every error response carries this body. */
export const API_ERROR_SCHEMA = errorEnvelopeSchema;
