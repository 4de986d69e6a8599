import { describe, expect, it } from 'vitest';
import { breakerConfigSchema, TEMPLATE_NAMES } from './breaker-config.schema.js';
import { resolveBreakerConfig } from './resolve.js';
import { BUILT_IN_ENVIRONMENTS, BUILT_IN_TEMPLATES } from './templates.js';

describe('resolveBreakerConfig', () => {
  it("reproduces the guide's claude_production example: template ai_provider, production, two overrides", () => {
    const result = resolveBreakerConfig({
      name: 'claude_production',
      template: 'ai_provider',
      environment: 'production',
      overrides: { failureThreshold: 2, timeout: 30 },
    });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    expect(result.config).toMatchObject({
      name: 'claude_production',
      circuitType: 'adaptive',
      failureThreshold: 2,
      timeout: 30,
      failureRateThreshold: 0.3,
      minimumCalls: 10,
      serviceCategory: 'ai',
      priority: 1,
      bulkheadConfig: { maxConcurrentCalls: 20, queueTimeout: 10 },
      healthCheckConfig: { healthCheckInterval: 30, healthCheckTimeout: 5 },
      metadata: { environment: 'production', template: 'ai_provider' },
    });
    expect(result.sources).toMatchObject({
      failureThreshold: 'override',
      failureRateThreshold: 'environment',
      circuitType: 'template',
      'bulkheadConfig.maxConcurrentCalls': 'template',
      'adaptiveConfig.throttleK': 'default',
    });
  });

  it.each(TEMPLATE_NAMES.flatMap((t) => BUILT_IN_ENVIRONMENTS.map((e) => [t, e] as const)))(
    'template %s in %s resolves to a valid config',
    (template, environment) => {
      const result = resolveBreakerConfig({ name: 'svc', template, environment });
      expect(result.success).toBe(true);
      if (result.success) {
        expect(breakerConfigSchema.parse(result.config)).toEqual(result.config);
        expect(result.config.circuitType).toBe(BUILT_IN_TEMPLATES[template].settings.circuitType);
      }
    },
  );

  it('null switches an optional section off, and a partial section starts from its defaults', () => {
    const off = resolveBreakerConfig({ name: 'x', template: 'ai_provider', overrides: { bulkheadConfig: null } });
    expect(off.success && off.config.bulkheadConfig).toBeUndefined();
    const on = resolveBreakerConfig({ name: 'x', overrides: { bulkheadConfig: { maxConcurrentCalls: 4 } } });
    expect(on.success && on.config.bulkheadConfig).toEqual({ maxConcurrentCalls: 4, queueTimeout: 5, maxQueue: 100 });
    expect(on.success && on.sources['bulkheadConfig.queueTimeout']).toBe('default');
  });

  it('reports an invalid override by field and rule, and a cross-field rule on the result', () => {
    const bad = resolveBreakerConfig({ name: 'x', overrides: { failureRateThreshold: 1.5 } });
    expect(bad).toEqual({
      success: false,
      errors: [
        {
          path: 'failureRateThreshold',
          rule: 'max 1',
          message: 'failureRateThreshold: must be a rate greater than 0 and at most 1',
        },
      ],
    });
    const cross = resolveBreakerConfig({ name: 'x', template: 'database', overrides: { minimumCalls: 101 } });
    expect(cross.success).toBe(false);
    if (!cross.success) expect(cross.errors[0]?.path).toBe('minimumCalls');
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    const result = resolveBreakerConfig({ name: 'x', overrides: { failureTreshold: 3 } as never });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.errors[0]).toMatchObject({ path: 'failureTreshold', rule: 'unknown field' });
  });
});
