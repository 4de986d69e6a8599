import { auditEventSchema, auditPageSchema } from '@breakwater/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

describe('audit log: filters, cursor pagination, JSON and CSV export (real PostgreSQL)', () => {
  let fx: ControlPlaneFixture;

  beforeAll(async () => {
    fx = await startControlPlane();
    for (let i = 0; i < 7; i++)
      expect(
        (
          await fx.admin.post('/services', {
            name: `svc-${i}`,
            owner: i === 3 ? '=cmd|"x",y' : 'team',
            message: `service ${i}`,
          })
        ).status,
      ).toBe(201);
    expect((await fx.admin.patch('/services/svc-1', { owner: 'other', message: 'handover' })).status).toBe(200);
  });
  afterAll(async () => fx?.close());

  it('records actor, action, resource, before, after, message and client address', async () => {
    const page = auditPageSchema.parse((await fx.admin.get('/audit?action=service.updated')).body);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      actor: { type: 'user', label: 'admin@breakwater.test' },
      resourceType: 'service',
      resourceId: 'svc-1',
      message: 'handover',
      before: { owner: 'team' },
      after: { owner: 'other' },
      ip: '127.0.0.1',
    });
  });

  it('pages through every event exactly once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await fx.admin.get(`/audit?resourceType=service&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page = auditPageSchema.parse(response.body);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    expect((await fx.admin.get('/audit?cursor=not-a-cursor')).status).toBe(400);
  });

  it('filters by actor, resource and time range', async () => {
    expect((await fx.admin.get('/audit?actor=admin@breakwater.test&resourceType=service')).body.items).toHaveLength(8);
    expect((await fx.admin.get('/audit?actor=someone-else')).body.items).toHaveLength(0);
    expect((await fx.admin.get('/audit?resource=svc-1')).body.items).toHaveLength(2);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await fx.admin.get(`/audit?from=${future}`)).body.items).toHaveLength(0);
    expect((await fx.admin.get(`/audit?to=${future}&resourceType=service`)).body.items).toHaveLength(8);
  });

  it("one breaker's config changes and overrides share a resource id, so one filter shows them together", async () => {
    const path = '/environments/production/services/svc-0/breakers/payments';
    expect((await fx.admin.put(path, { template: 'external_api', message: 'create' })).status).toBe(201);
    expect((await fx.admin.post(`${path}/override`, { action: 'force_open', message: 'incident' })).status).toBe(200);
    expect((await fx.admin.delete(`${path}/override`)).status).toBe(200);
    // Another environment's breaker of the same name stays out.
    expect((await fx.admin.post(`${path.replace('production', 'staging')}/override`, { action: 'reset' })).status).toBe(
      200,
    );
    const page = auditPageSchema.parse((await fx.admin.get('/audit?resource=production/svc-0/payments')).body);
    expect(page.items.map((item) => [item.resourceType, item.action])).toEqual([
      ['breaker_override', 'override.cleared'],
      ['breaker_override', 'override.set'],
      ['breaker_config', 'breaker_config.created'],
    ]);
  });

  it('exports the filtered events as JSON and as CSV (formula cells neutralised)', async () => {
    const json = await fx.admin.get('/audit/export?resourceType=service&format=json');
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain('.json');
    expect(z.array(auditEventSchema).parse(json.body)).toHaveLength(8);

    const csv = await fx.admin.get('/audit/export?resourceType=service&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,createdAt,actorType,actorId,actor,action,resourceType,resourceId,environment,message,ip,before,after',
    );
    expect(lines).toHaveLength(9);
    const svc3 = lines.find((line) => line.includes(',svc-3,')) ?? '';
    expect(svc3).toContain('service.created');
    expect(svc3).not.toMatch(/,=cmd/);
  });
});
