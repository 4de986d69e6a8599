import { ADMIN_AUTH_ERRORS, API_ROUTES, type ApiRouteDef, type ApiRouteId } from '@breakwater/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSocket } from '../../../test/admin-socket.js';
import { type ApiClient, apiKeyClient, userClient } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

/** Who calls: users of each role, an admin key with the editor role, SDK keys of production and of staging. */
const CALLERS = ['anonymous', 'viewer', 'editor', 'admin', 'editorKey', 'sdkProduction', 'sdkStaging'] as const;
type Caller = (typeof CALLERS)[number];

const USERS: Caller[] = ['viewer', 'editor', 'admin', 'editorKey'];
const EDITORS: Caller[] = ['editor', 'admin', 'editorKey'];
const ADMINS: Caller[] = ['admin'];
const READERS_AND_SDK: Caller[] = [...USERS, 'sdkProduction'];
const EVERYONE: Caller[] = [...CALLERS];

/**
 * Who may call what, written out by hand (not derived from the route list, so a wrong access rule in the code
 * fails here). Paths use environment `production`, where `sdkProduction` belongs.
 */
const EXPECTED: Record<ApiRouteId, Caller[]> = {
  login: EVERYONE,
  logout: EVERYONE,
  me: USERS,
  changePassword: USERS,
  listEnvironments: USERS,
  createEnvironment: ADMINS,
  getEnvironment: READERS_AND_SDK,
  updateEnvironment: ADMINS,
  listChanges: READERS_AND_SDK,
  exportEnvironment: USERS,
  importEnvironment: EDITORS,
  listServices: USERS,
  createService: EDITORS,
  getService: USERS,
  updateService: EDITORS,
  deleteService: EDITORS,
  listBreakers: READERS_AND_SDK,
  getBreaker: READERS_AND_SDK,
  putBreaker: EDITORS,
  deleteBreaker: EDITORS,
  listVersions: USERS,
  getVersion: USERS,
  diffVersions: USERS,
  rollback: EDITORS,
  listTemplates: USERS,
  listAudit: EDITORS,
  exportAudit: EDITORS,
  listApiKeys: ADMINS,
  createApiKey: ADMINS,
  revokeApiKey: ADMINS,
  listUsers: ADMINS,
  createUser: ADMINS,
  updateUser: ADMINS,
  listInstances: USERS,
  listOverrides: USERS,
  setOverride: EDITORS,
  clearOverride: EDITORS,
};

const PARAMS: Record<string, string> = { env: 'production', service: 'payments', name: 'stripe', version: '1' };

function urlOf(route: ApiRouteDef): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => PARAMS[name] ?? randomUUID());
  return route.query && route.path.endsWith('/diff')
    ? `${path}?from=1&to=1`
    : route.query && route.path.endsWith('/changes')
      ? `${path}?since=0`
      : path;
}

describe('who may call what: every route against every kind of caller (real PostgreSQL)', () => {
  let fx: ControlPlaneFixture;
  const clients = {} as Record<Caller, ApiClient>;

  beforeAll(async () => {
    fx = await startControlPlane();
    const { admin } = fx;
    expect((await admin.post('/services', { name: 'payments' })).status).toBe(201);
    expect(
      (await admin.put('/environments/production/services/payments/breakers/stripe', { template: 'external_api' }))
        .status,
    ).toBe(201);
    clients.anonymous = fx.anonymous;
    clients.admin = admin;
    clients.viewer = await userClient(admin, 'viewer');
    clients.editor = await userClient(admin, 'editor');
    clients.editorKey = (await apiKeyClient(admin, { name: 'ci', type: 'admin', role: 'editor' })).client;
    clients.sdkProduction = (
      await apiKeyClient(admin, { name: 'prod-sdk', type: 'sdk', environment: 'production' })
    ).client;
    clients.sdkStaging = (
      await apiKeyClient(admin, { name: 'staging-sdk', type: 'sdk', environment: 'staging' })
    ).client;
  });
  afterAll(async () => fx?.close());

  it('the table covers every route the server serves, and nothing else', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(API_ROUTES).sort());
    const router = (
      fx.testApp.app.getHttpAdapter().getInstance() as {
        router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
      }
    ).router;
    const served = router.stack
      .filter((layer) => layer.route?.path.startsWith('/api/v1/'))
      .flatMap((layer) =>
        Object.keys(layer.route?.methods ?? {}).map((method) => `${method} ${layer.route?.path ?? ''}`),
      )
      .sort();
    const declared = Object.values(API_ROUTES as Record<string, ApiRouteDef>)
      .map((route) => `${route.method} /api/v1${route.path.replace(/\{(\w+)\}/g, ':$1')}`)
      .sort();
    expect(served).toEqual(declared);
  });

  // Logout is left out of the loop for signed-in callers: it would end the sessions the other rows use.
  const cases = (Object.entries(API_ROUTES) as Array<[ApiRouteId, ApiRouteDef]>).flatMap(([id, route]) =>
    CALLERS.filter((caller) => id !== 'logout' || caller === 'anonymous').map((caller) => ({
      id,
      route,
      caller,
      allowed: EXPECTED[id].includes(caller),
    })),
  );

  it.each(cases)('$caller -> $id: allowed=$allowed', async ({ id, route, caller, allowed }) => {
    const client = clients[caller];
    const response = await client.request(
      route.method.toUpperCase(),
      urlOf(route),
      route.bodyContentType
        ? { raw: 'x: 1' }
        : { body: route.method === 'get' || route.method === 'delete' ? undefined : {} },
    );
    if (allowed) {
      expect([401, 403], `${response.status} ${response.text}`).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    } else {
      expect(response.status, response.text).toBe(caller === 'anonymous' ? 401 : 403);
      // an SDK key of another environment is told why
      if (caller === 'sdkStaging' && EXPECTED[id].includes('sdkProduction'))
        expect(response.body.code).toBe('ENVIRONMENT_FORBIDDEN');
    }
  });

  it('the /admin socket.io namespace lets every signed-in user in and refuses keys and anonymous callers', async () => {
    const handshake = async (caller: Caller): Promise<[Caller, string]> => {
      const { credentials } = clients[caller];
      const headers: Record<string, string> =
        credentials && 'key' in credentials ? { authorization: `Bearer ${credentials.key}` } : {};
      const outcome = await AdminSocket.connect(fx.testApp.baseUrl, clients[caller], headers).then(
        (socket) => {
          socket.close();
          return 'connected';
        },
        (error: Error) => error.message,
      );
      return [caller, outcome];
    };
    const refused = ADMIN_AUTH_ERRORS.unauthenticated;
    expect(Object.fromEntries(await Promise.all(CALLERS.map(handshake)))).toEqual({
      anonymous: refused,
      viewer: 'connected',
      editor: 'connected',
      admin: 'connected',
      editorKey: refused,
      sdkProduction: refused,
      sdkStaging: refused,
    });
  });

  it('nothing the denied callers sent was written', async () => {
    expect((await fx.admin.get('/audit?action=environment.created')).body.items).toEqual([]);
    expect((await fx.admin.get('/audit?action=environment.updated')).body.items).toEqual([]);
    expect((await fx.admin.get('/users')).body.items).toHaveLength(3);
    expect((await fx.admin.get('/api-keys')).body.items).toHaveLength(3);
  });
});
