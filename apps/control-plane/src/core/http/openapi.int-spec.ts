import { API_ROUTES } from '@breakwater/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

interface Operation {
  operationId: string;
  description: string;
  parameters: Array<{ name: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
}

describe('OpenAPI document (real server)', () => {
  let fx: ControlPlaneFixture;

  beforeAll(async () => {
    fx = await startControlPlane();
  });
  afterAll(async () => fx?.close());

  it('serves the JSON document publicly, with every route, its schemas and who may call it', async () => {
    const response = await fx.anonymous.get('/api/docs-json');
    expect(response.status).toBe(200);
    const doc = response.body as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(API_ROUTES).sort());
    const put = doc.paths['/api/v1/environments/{env}/services/{service}/breakers/{name}']?.['put'];
    const schema = put?.requestBody?.content['application/json']?.schema as {
      properties: { overrides: { properties: Record<string, unknown> } };
    };
    expect(schema.properties.overrides.properties['failureThreshold']).toMatchObject({ type: 'integer', minimum: 1 });
    expect(put?.description).toContain('editor');
    expect(Object.keys(put?.responses ?? {}).sort()).toEqual(['200', '201', 'default']);
    expect(doc.paths['/api/v1/audit']?.['get']?.parameters.map((p) => p.name)).toContain('cursor');
  });

  it('serves Swagger UI at /api/docs', async () => {
    const response = await fx.anonymous.get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger');
  });
});
