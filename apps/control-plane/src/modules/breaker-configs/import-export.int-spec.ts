import { importResultSchema } from '@breakwater/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fieldPaths } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

/** The guide's own example, plus the service it belongs to. */
const CLAUDE = `# config/circuit_breakers/claude_production.yaml
service: assistant
name: claude_production
circuit_type: adaptive
failure_threshold: 2
timeout: 30.0
failure_rate_threshold: 0.3
minimum_calls: 10
service_category: ai
priority: 1

bulkhead_config:
  max_concurrent_calls: 20
  isolation_pool_name: ai_claude_prod
  queue_timeout: 10.0

health_check_config:
  health_check_interval: 30.0
  health_check_timeout: 5.0

metadata:
  version: "1.0.0"
  environment: production
  template: ai_provider
  description: "Production Claude configuration"
  tags: ["ai", "production", "critical"]
`;

const POSTGRES = `service: billing
name: orders_db
minimum_calls: 40
metadata:
  template: database
`;

describe('YAML import (dry run, apply, all or nothing) and export (real PostgreSQL)', () => {
  let fx: ControlPlaneFixture;
  const importYaml = (yaml: string, dryRun: boolean) =>
    fx.admin.request('POST', `/environments/production/import?dryRun=${dryRun}`, { raw: yaml });

  beforeAll(async () => {
    fx = await startControlPlane();
  });
  afterAll(async () => fx?.close());

  it('a dry run reports the per-breaker diff and writes nothing', async () => {
    const response = await importYaml(`${CLAUDE}---\n${POSTGRES}`, true);
    expect(response.status, response.text).toBe(200);
    const result = importResultSchema.parse(response.body);
    expect(result.dryRun).toBe(true);
    expect(result.createdServices).toEqual(['assistant', 'billing']);
    expect(result.items.map((item) => [item.service, item.name, item.action, item.newVersion])).toEqual([
      ['assistant', 'claude_production', 'create', 1],
      ['billing', 'orders_db', 'create', 1],
    ]);
    expect(result.items[0]?.changes).toContainEqual({ path: 'overrides.failureThreshold', kind: 'added', after: 2 });
    expect(result.items[1]?.changes).toEqual([
      { path: 'overrides.minimumCalls', kind: 'added', after: 40 },
      { path: 'template', kind: 'added', after: 'database' },
    ]);
    expect((await fx.admin.get('/environments/production/breakers')).body.items).toEqual([]);
    expect((await fx.admin.get('/services')).body.items).toEqual([]);
  });

  it('applies: versions, services and audit events, effective config from template + environment + file', async () => {
    const response = await importYaml(`${CLAUDE}---\n${POSTGRES}`, false);
    expect(response.status, response.text).toBe(200);
    const claude = await fx.admin.get('/environments/production/services/assistant/breakers/claude_production');
    expect(claude.body.version).toBe(1);
    expect(claude.body.effective).toMatchObject({
      circuitType: 'adaptive',
      failureThreshold: 2,
      timeout: 30,
      priority: 1,
    });
    expect(claude.body.effective.bulkheadConfig).toEqual({
      maxConcurrentCalls: 20,
      isolationPoolName: 'ai_claude_prod',
      queueTimeout: 10,
      maxQueue: 100,
    });
    expect(claude.body.sources['bulkheadConfig.maxQueue']).toBe('template');
    expect(claude.body.effective.metadata.tags).toEqual(['ai', 'production', 'critical']);
    const orders = await fx.admin.get('/environments/production/services/billing/breakers/orders_db');
    expect(orders.body.effective.minimumCalls).toBe(40);
    expect(orders.body.sources.failureThreshold).toBe('environment');
    const audit = await fx.admin.get('/audit?action=breaker_config.imported');
    expect(audit.body.items).toHaveLength(2);
    expect((await fx.admin.get('/audit?action=service.created')).body.items).toHaveLength(2);
  });

  it('is all or nothing: one bad document and nothing is written, each problem named in YAML spelling', async () => {
    const bad = `${POSTGRES.replace('minimum_calls: 40', 'minimum_calls: 41')}---\nservice: billing\nname: broken\nfailure_treshold: 3\nbulkhead_config:\n  max_concurrent_calls: -1\n`;
    const response = await importYaml(bad, false);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const paths = fieldPaths(response);
    expect(paths).toEqual(['documents[1].bulkhead_config.max_concurrent_calls', 'documents[1].failure_treshold']);
    expect(
      (await fx.admin.get('/environments/production/services/billing/breakers/orders_db')).body.effective.minimumCalls,
    ).toBe(40);
    const wrongEnv = await fx.admin.request('POST', '/environments/staging/import?dryRun=false', { raw: CLAUDE });
    expect(wrongEnv.status).toBe(400);
    expect(wrongEnv.body.details.fields[0].path).toBe('documents[0].metadata.environment');
    const notYaml = await importYaml('name: [unclosed', false);
    expect(notYaml.status).toBe(400);
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const bomb = await importYaml(`service: s\nname: n\n${laughs.join('\n')}\n`, false);
    expect(bomb.status).toBe(400);
    expect(fieldPaths(bomb)).toEqual(['documents[0]']);
    expect(bomb.body.message).toMatch(/alias/i);
  });

  it('exports one document per breaker that re-imports as unchanged, and updates by version', async () => {
    const exported = await fx.admin.get('/environments/production/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/yaml');
    const documents = parseAllDocuments(exported.text);
    expect(Array.isArray(documents) ? documents.length : 1).toBe(2);
    expect(exported.text).toContain('failure_threshold: 2');
    expect(exported.text).toContain('isolation_pool_name: ai_claude_prod');

    const again = importResultSchema.parse((await importYaml(exported.text, false)).body);
    expect(again.items.map((item) => item.action)).toEqual(['unchanged', 'unchanged']);

    const changed = importResultSchema.parse(
      (await importYaml(exported.text.replace('failure_threshold: 2', 'failure_threshold: 4'), false)).body,
    );
    expect(changed.items[0]).toMatchObject({ action: 'update', currentVersion: 1, newVersion: 2 });
    expect(changed.items[0]?.changes).toEqual([
      { path: 'overrides.failureThreshold', kind: 'changed', before: 2, after: 4 },
    ]);
    expect(
      (await fx.admin.get('/environments/production/services/assistant/breakers/claude_production')).body.version,
    ).toBe(2);
  });
});
