import { API_ROUTES, type ApiRouteDef, errorEnvelopeSchema, fieldErrorSchema } from '@breakwater/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldPaths } from '../../../test/api-client.js';
import { type ControlPlaneFixture, startControlPlane } from '../../../test/control-plane-app.js';

const PARAMS: Record<string, string> = {
  env: 'production',
  service: 'payments',
  name: 'stripe',
  version: '1',
  id: '00000000-0000-4000-8000-000000000000',
};
const PUT_BREAKER = '/environments/production/services/payments/breakers/stripe';

const validationEnvelope = errorEnvelopeSchema.extend({
  code: z.literal('VALIDATION_FAILED'),
  details: z.object({ fields: z.array(fieldErrorSchema).min(1) }),
});

/** Values of the wrong type or out of range for the breaker's numeric and enum fields. */
const badValue = fc.oneof(
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 0 }),
  fc.double({ min: 1e7, max: 1e12, noNaN: true }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const settingKeys = [
  'failureThreshold',
  'timeout',
  'failureRateThreshold',
  'minimumCalls',
  'slidingWindowSize',
  'halfOpenMaxCalls',
  'circuitType',
  'serviceCategory',
  'priority',
  'maxTimeout',
];

describe('bad input always gets 400 naming the field and rule, never 500 (fast-check, real server)', () => {
  let fx: ControlPlaneFixture;

  beforeAll(async () => {
    fx = await startControlPlane();
    expect((await fx.admin.post('/services', { name: 'payments' })).status).toBe(201);
  });
  afterAll(async () => fx?.close());

  function expectFieldErrors(status: number, body: unknown, text: string): void {
    expect(status, text).toBe(400);
    const envelope = validationEnvelope.parse(body);
    for (const field of envelope.details.fields)
      expect(field.message).toContain(field.path === '(root)' ? '' : field.path);
  }

  it('a breaker body with one field set to a bad value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...settingKeys), badValue, async (key, value) => {
        fc.pre(
          key !== 'circuitType' && key !== 'serviceCategory'
            ? typeof value !== 'number' || value <= 0 || value > 1e6
            : true,
        );
        const response = await fx.admin.put(PUT_BREAKER, { overrides: { [key]: value } });
        expectFieldErrors(response.status, response.body, response.text);
        expect(validationEnvelope.parse(response.body).details.fields.map((f) => f.path)).toContain(`overrides.${key}`);
      }),
      { numRuns: 60 },
    );
    expect((await fx.admin.get(PUT_BREAKER)).status).toBe(404);
  });

  it('any JSON the schema rejects, sent to every route with a body', async () => {
    const routes = Object.values(API_ROUTES as Record<string, ApiRouteDef>).filter((route) => route.body);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue({ maxDepth: 3 }), async (route, body) => {
        fc.pre(!route.body?.safeParse(body).success);
        const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => PARAMS[name] ?? name);
        const response = await fx.admin.request(route.method.toUpperCase(), path, { body });
        expectFieldErrors(
          response.status,
          response.body,
          `${route.method} ${path} ${JSON.stringify(body)} -> ${response.text}`,
        );
      }),
      { numRuns: 120 },
    );
  });

  it('malformed JSON and bad query parameters are 400 too', async () => {
    const malformed = await fx.admin.request('PUT', PUT_BREAKER, {
      raw: '{"overrides": ',
      contentType: 'application/json',
    });
    expect(malformed.status).toBe(400);
    const badQuery = await fx.admin.get('/audit?limit=0&from=yesterday');
    expectFieldErrors(badQuery.status, badQuery.body, badQuery.text);
    expect(fieldPaths(badQuery)).toEqual(['from', 'limit']);
    const badParam = await fx.admin.get('/environments/Not%20A%20Name/breakers');
    expectFieldErrors(badParam.status, badParam.body, badParam.text);
  });
});
