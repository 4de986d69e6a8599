import {
  breakerSchema,
  breakerVersionListSchema,
  changesResponseSchema,
  errorEnvelopeSchema,
} from '@breakwater/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DomainEvent, DomainEventBus } from '../../core/events/domain-event-bus.js';
import { type ApiClient, itemsOf } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

const PATH = '/environments/production/services/payments/breakers/stripe';

describe('breaker configs: versions, conflicts, rollback, diff, layering (real PostgreSQL)', () => {
  let fx: ControlPlaneFixture;
  let admin: ApiClient;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    fx = await startControlPlane();
    admin = fx.admin;
    const bus = fx.testApp.app.get(DomainEventBus);
    bus.on('config.changed', (event) => events.push(event));
    bus.on('environment.defaults_changed', (event) => events.push(event));
    expect((await admin.post('/services', { name: 'payments', owner: 'team-pay', tags: ['critical'] })).status).toBe(
      201,
    );
  });
  afterAll(async () => fx?.close());

  it('creates version 1 with the effective config and where each value came from', async () => {
    const created = await admin.put(PATH, {
      template: 'external_api',
      overrides: { failureThreshold: 7 },
      metadata: { description: 'Stripe API', tags: ['payments'] },
      message: 'first',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const breaker = breakerSchema.parse(created.body);
    expect(breaker.version).toBe(1);
    expect(breaker.effective.failureThreshold).toBe(7);
    expect(breaker.sources['failureThreshold']).toBe('override');
    // production's defaults (timeout 30) win over the template's 60
    expect(breaker.effective.timeout).toBe(30);
    expect(breaker.sources['timeout']).toBe('environment');
    expect(breaker.effective.circuitType).toBe('time_based');
    expect(breaker.sources['circuitType']).toBe('template');
    expect(breaker.sources['priority']).toBe('template');
    expect(breaker.effective.metadata.template).toBe('external_api');
    expect(events.at(-1)).toMatchObject({
      type: 'config.changed',
      environment: 'production',
      service: 'payments',
      name: 'stripe',
      deleted: false,
    });
  });

  it('refuses an update without If-Match (428) and a stale one (409 with the current version), writing nothing', async () => {
    const missing = await admin.put(PATH, { template: 'external_api', overrides: { failureThreshold: 8 } });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');

    const updated = await admin.put(
      PATH,
      { template: 'external_api', overrides: { failureThreshold: 8 }, message: 'tighter' },
      { 'if-match': '"1"' },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.headers.get('etag')).toBe('"2"');

    const stale = await admin.put(
      PATH,
      { template: 'external_api', overrides: { failureThreshold: 99 } },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    const envelope = errorEnvelopeSchema.parse(stale.body);
    expect(envelope.code).toBe('VERSION_CONFLICT');
    expect(envelope.details).toMatchObject({ currentVersion: 2, current: { version: 2 } });

    const current = await admin.get(PATH);
    expect(current.body.version).toBe(2);
    expect(current.body.effective.failureThreshold).toBe(8);
    const versions = breakerVersionListSchema.parse((await admin.get(`${PATH}/versions`)).body);
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.items[0]?.message).toBe('tighter');
    expect(versions.items[0]?.author).toBe('admin@breakwater.test');
  });

  it('writes no version when the content is unchanged', async () => {
    const same = await admin.put(
      PATH,
      { template: 'external_api', overrides: { failureThreshold: 8 } },
      { 'if-match': '2' },
    );
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
  });

  it('diffs two versions field by field', async () => {
    const diff = await admin.get(`${PATH}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        { path: 'overrides.failureThreshold', kind: 'changed', before: 7, after: 8 },
        { path: 'metadata.description', kind: 'removed', before: 'Stripe API' },
      ]),
    );
    expect(diff.body.effectiveChanges).toContainEqual({
      path: 'failureThreshold',
      kind: 'changed',
      before: 7,
      after: 8,
    });
  });

  it('rolls back by writing version N+1 with the old content', async () => {
    const rolled = await admin.post(`${PATH}/rollback`, { version: 1, message: 'undo' });
    expect(rolled.status).toBe(200);
    expect(rolled.body.version).toBe(3);
    expect(rolled.body.effective.failureThreshold).toBe(7);
    expect(rolled.body.metadata.description).toBe('Stripe API');
    const v3 = await admin.get(`${PATH}/versions/3`);
    expect(v3.body.contentHash).toBe((await admin.get(`${PATH}/versions/1`)).body.contentHash);
    expect((await admin.get(`${PATH}/versions/9`)).status).toBe(404);
  });

  it('re-resolves effective configs when environment defaults change, and refuses defaults that break a breaker', async () => {
    const bad = await admin.patch('/environments/production', { defaults: { timeout: 5000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.fields[0].message).toContain('payments/stripe');
    expect((await admin.get('/environments/production')).body.defaults.timeout).toBe(30);

    const { revision } = (await admin.get('/environments/production')).body;
    const good = await admin.patch('/environments/production', {
      defaults: { timeout: 45 },
      message: 'slower recovery',
    });
    expect(good.status).toBe(200);
    expect(good.body.revision).toBe(revision + 1);
    expect(events.at(-1)).toEqual({
      type: 'environment.defaults_changed',
      environment: 'production',
      revision: revision + 1,
    });
    const breaker = await admin.get(PATH);
    expect(breaker.body.effective.timeout).toBe(45);
    expect(breaker.body.sources.timeout).toBe('environment');
    // every live breaker's effective config changed, so all are reported as changed since the old revision
    const changes = changesResponseSchema.parse(
      (await admin.get(`/environments/production/changes?since=${revision}`)).body,
    );
    expect(changes.changes.map((c) => c.name)).toEqual(['stripe']);
    expect(changes.changes[0]?.breaker?.effective.timeout).toBe(45);
  });

  it('soft-deletes with its own audit event, keeps history, and reports the deletion in changesSince', async () => {
    const before = changesResponseSchema.parse((await admin.get('/environments/production/changes?since=0')).body);
    const revision = before.revision;
    const deleted = await admin.delete(PATH, { 'if-match': '"3"' });
    expect(deleted.status).toBe(204);
    expect((await admin.get(PATH)).status).toBe(404);
    expect((await admin.get(`${PATH}/versions`)).body.items).toHaveLength(3);
    const changes = changesResponseSchema.parse(
      (await admin.get(`/environments/production/changes?since=${revision}`)).body,
    );
    expect(changes.revision).toBe(revision + 1);
    expect(changes.changes).toEqual([{ service: 'payments', name: 'stripe', revision: revision + 1, deleted: true }]);
    const audit = await admin.get('/audit?resource=production/payments/stripe&action=breaker_config.deleted');
    expect(audit.body.items).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'config.changed', deleted: true, revision: revision + 1 });
  });

  it('revives a deleted breaker with a PUT as version N+1', async () => {
    const revived = await admin.put(PATH, { template: 'database' });
    expect(revived.status).toBe(201);
    expect(revived.body.version).toBe(4);
  });

  it('rolls back the version, the audit row and the revision together when the transaction fails after the write', async () => {
    const client = new pg.Client({ connectionString: fx.database.url });
    await client.connect();
    try {
      await client.query(`
        CREATE FUNCTION fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'forced failure after the write'; END $$;
        CREATE CONSTRAINT TRIGGER fail_at_commit AFTER INSERT ON audit_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_at_commit();`);
      const countBefore = (await client.query('SELECT count(*)::int AS n FROM breaker_config_versions')).rows[0].n;
      const auditBefore = (await client.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
      const revisionBefore = (await admin.get('/environments/production')).body.revision;
      const eventsBefore = events.length;

      const failed = await admin.put(PATH, { template: 'database', overrides: { priority: 5 } }, { 'if-match': '4' });
      expect(failed.status).toBe(500);
      expect(failed.body.errorId).toBeDefined();

      await client.query('DROP TRIGGER fail_at_commit ON audit_events; DROP FUNCTION fail_at_commit();');
      expect((await client.query('SELECT count(*)::int AS n FROM breaker_config_versions')).rows[0].n).toBe(
        countBefore,
      );
      expect((await client.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(auditBefore);
      expect((await admin.get('/environments/production')).body.revision).toBe(revisionBefore);
      expect((await admin.get(PATH)).body.version).toBe(4);
      expect(events.length).toBe(eventsBefore);
    } finally {
      await client.end();
    }
  });

  it('lets exactly one of two concurrent updates based on the same version win; the other gets 409', async () => {
    const base = (await admin.get(PATH)).body.version as number;
    const [a, b] = await Promise.all([
      admin.put(PATH, { template: 'database', overrides: { priority: 1 } }, { 'if-match': String(base) }),
      admin.put(PATH, { template: 'database', overrides: { priority: 2 } }, { 'if-match': String(base) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await admin.get(PATH)).body.version).toBe(base + 1);
    expect((await admin.get(`${PATH}/versions`)).body.items[0].version).toBe(base + 1);
  });

  it('filters the list by service, tag, category and circuit type', async () => {
    expect((await admin.post('/services', { name: 'search' })).status).toBe(201);
    const put = (service: string, name: string, body: object) =>
      admin.put(`/environments/production/services/${service}/breakers/${name}`, body);
    expect((await put('search', 'openai', { template: 'ai_provider', metadata: { tags: ['llm'] } })).status).toBe(201);
    expect((await put('search', 'elastic', { template: 'external_api' })).status).toBe(201);
    const names = async (query: string) =>
      ((await admin.get(`/environments/production/breakers${query}`)).body.items as Array<{ name: string }>).map(
        (b) => b.name,
      );
    expect(await names('?service=search')).toEqual(['elastic', 'openai']);
    expect(await names('?tag=llm')).toEqual(['openai']);
    expect(await names('?category=ai')).toEqual(['openai']);
    expect(await names('?circuitType=time_based&service=search')).toEqual(['elastic']);
    expect(await names('?category=database&service=payments')).toEqual(['stripe']);
    expect((await admin.get('/environments/staging/breakers')).body.items).toEqual([]);
    expect((await admin.get('/environments/nowhere/breakers')).status).toBe(404);
  });

  it('refuses a breaker of an unknown service, and deleting a service that still has breakers', async () => {
    const unknown = await admin.put('/environments/production/services/ghost/breakers/x', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SERVICE_NOT_FOUND');
    const inUse = await admin.delete('/services/search');
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'SERVICE_IN_USE', details: { environments: ['production'] } });
  });

  it('creates environments with their own defaults layer', async () => {
    const created = await admin.post('/environments', { name: 'canary', defaults: { failureThreshold: 2 } });
    expect(created.status).toBe(201);
    expect((await admin.post('/environments', { name: 'canary' })).status).toBe(409);
    const breaker = await admin.put('/environments/canary/services/search/breakers/elastic', {
      template: 'external_api',
    });
    expect(breaker.body.effective.failureThreshold).toBe(2);
    expect(breaker.body.sources.failureThreshold).toBe('environment');
    expect(breaker.body.effective.timeout).toBe(60); // no profile for a new environment: the template's value
    expect(itemsOf<{ name: string }>(await admin.get('/templates')).map((t) => t.name)).toEqual([
      'ai_provider',
      'mcp_server',
      'database',
      'external_api',
      'http_route',
    ]);
  });
});
