import { describe, expect, it } from 'vitest';
import { breakerConfigSchema, TEMPLATE_NAMES } from './breaker-config.schema.js';
import { applyBreakerOverrides, resolveBreakerConfig, resolveBreakerConfigDocument } from './resolve.js';
import {
  BUILT_IN_ENVIRONMENTS,
  BUILT_IN_TEMPLATES,
  DEFAULT_SETTINGS,
  ENVIRONMENT_PROFILES,
  isBuiltInEnvironment,
} from './templates.js';

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
    'template %s in %s resolves to the template, then the profile, as a valid config',
    (template, environment) => {
      const result = resolveBreakerConfig({ name: 'svc', template, environment });
      if (!result.success) throw new Error(JSON.stringify(result.errors));
      const { config, sources } = result;
      expect(breakerConfigSchema.parse(config)).toEqual(config);
      const templateSettings = BUILT_IN_TEMPLATES[template].settings;
      const profile = ENVIRONMENT_PROFILES[environment];
      // Every field: the profile's value if it sets one, else the template's, else the default.
      for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof typeof DEFAULT_SETTINGS>) {
        if (key === 'adaptiveConfig') continue;
        const expected = profile[key] ?? templateSettings[key] ?? DEFAULT_SETTINGS[key];
        expect(config[key], key).toEqual(expected);
        expect(sources[key], key).toBe(
          profile[key] !== undefined ? 'environment' : templateSettings[key] !== undefined ? 'template' : 'default',
        );
      }
      expect(config.bulkheadConfig).toEqual(templateSettings.bulkheadConfig);
      expect(config.healthCheckConfig).toEqual(templateSettings.healthCheckConfig);
      expect(config.metadata).toEqual({ template, environment });
      // A template never puts breakers into a shared pool by accident.
      expect(config.bulkheadConfig?.isolationPoolName).toBeUndefined();
      // A window in calls can always hold the minimum number of calls.
      if (config.circuitType === 'percentage_based') {
        expect(config.minimumCalls).toBeLessThanOrEqual(config.slidingWindowSize);
      }
    },
  );

  it('production is stricter and faster to trip than development, for every template', () => {
    for (const template of TEMPLATE_NAMES) {
      const resolve = (environment: string) => {
        const result = resolveBreakerConfig({ name: 'svc', template, environment });
        if (!result.success) throw new Error(JSON.stringify(result.errors));
        return result.config;
      };
      const production = resolve('production');
      const development = resolve('development');
      expect(production.failureThreshold).toBeLessThan(development.failureThreshold);
      expect(production.failureRateThreshold).toBeLessThan(development.failureRateThreshold);
      expect(production.timeout).toBeLessThan(development.timeout);
    }
  });

  it('an environment without a built-in profile runs the template as is', () => {
    expect(isBuiltInEnvironment('production')).toBe(true);
    expect(isBuiltInEnvironment('eu-west')).toBe(false);
    expect(isBuiltInEnvironment(undefined)).toBe(false);
    const result = resolveBreakerConfig({ name: 'svc', template: 'database', environment: 'eu-west' });
    expect(result.success && result.config.failureThreshold).toBe(
      BUILT_IN_TEMPLATES.database.settings.failureThreshold,
    );
    expect(result.success && result.config.metadata.environment).toBe('eu-west');
  });

  it('metadata that contradicts the template or environment is an error', () => {
    const result = resolveBreakerConfig({
      name: 'svc',
      template: 'database',
      environment: 'production',
      metadata: { environment: 'staging', template: 'database' },
    });
    expect(result).toEqual({
      success: false,
      errors: [
        {
          path: 'metadata.environment',
          rule: 'equals environment',
          message:
            'metadata.environment: says "staging" but the configuration is resolved for environment "production"; remove one or make them agree',
        },
      ],
    });
    const template = resolveBreakerConfig({ name: 'svc', template: 'database', metadata: { template: 'http_route' } });
    expect(!template.success && template.errors[0]?.path).toBe('metadata.template');
  });

  it('metadata alone only describes: a complete config passed back in keeps its values', () => {
    const first = resolveBreakerConfig({ name: 'svc', template: 'ai_provider', overrides: { callTimeout: null } });
    if (!first.success) throw new Error('expected success');
    const { name, metadata, ...settings } = first.config;
    const again = resolveBreakerConfig({ name, metadata, overrides: settings });
    expect(again.success && again.config).toEqual(first.config);
    expect(again.success && again.config.callTimeout).toBeUndefined();
  });

  it('an unknown template from plain JavaScript is a field error, not a crash', () => {
    const result = resolveBreakerConfig({ name: 'svc', template: 'web' as never });
    expect(!result.success && result.errors[0]).toMatchObject({ path: 'template', rule: 'allowed values' });
  });

  it('null switches an optional section off, and a partial section starts from its defaults', () => {
    const off = resolveBreakerConfig({ name: 'x', template: 'ai_provider', overrides: { bulkheadConfig: null } });
    expect(off.success && off.config.bulkheadConfig).toBeUndefined();
    const on = resolveBreakerConfig({ name: 'x', overrides: { bulkheadConfig: { maxConcurrentCalls: 4 } } });
    expect(on.success && on.config.bulkheadConfig).toEqual({ maxConcurrentCalls: 4, queueTimeout: 5, maxQueue: 100 });
    expect(on.success && on.sources['bulkheadConfig.queueTimeout']).toBe('default');
  });

  it('null inside a section removes an optional field of it', () => {
    const result = resolveBreakerConfig({
      name: 'x',
      overrides: { bulkheadConfig: { maxConcurrentCalls: 4, isolationPoolName: 'shared' } },
    });
    if (!result.success) throw new Error('expected success');
    const left = applyBreakerOverrides(result.config, { bulkheadConfig: { isolationPoolName: null } });
    expect(left.success && left.config.bulkheadConfig).toEqual({
      maxConcurrentCalls: 4,
      queueTimeout: 5,
      maxQueue: 100,
    });
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

describe('resolveBreakerConfigDocument', () => {
  it('starts from the template and environment its metadata names', () => {
    const result = resolveBreakerConfigDocument({
      name: 'orders_db',
      minimumCalls: 50,
      metadata: { template: 'database', environment: 'development', tags: ['db'] },
    });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    expect(result.config).toMatchObject({
      circuitType: 'percentage_based',
      minimumCalls: 50,
      failureThreshold: 10,
      metadata: { template: 'database', environment: 'development', tags: ['db'] },
    });
  });

  it('a complete config resolves to itself', () => {
    const first = resolveBreakerConfig({ name: 'svc', template: 'ai_provider', environment: 'production' });
    if (!first.success) throw new Error('expected success');
    const again = resolveBreakerConfigDocument(first.config);
    expect(again.success && again.config).toEqual(first.config);
  });

  it('needs a name and rejects unknown fields with a suggestion', () => {
    const result = resolveBreakerConfigDocument({ failureTreshold: 3 });
    expect(!result.success && result.errors.map((e) => e.message)).toEqual([
      'name: is required',
      'failureTreshold: unknown field, did you mean failureThreshold?',
    ]);
  });
});

describe('applyBreakerOverrides', () => {
  const resolved = resolveBreakerConfig({ name: 'svc', template: 'external_api', environment: 'staging' });
  if (!resolved.success) throw new Error('expected success');
  const config = resolved.config;

  it('lays the change over the config and leaves the original untouched', () => {
    const before = structuredClone(config);
    const result = applyBreakerOverrides(config, {
      failureThreshold: 1,
      timeout: 15,
      callTimeout: null,
      healthCheckConfig: { healthCheckTimeout: 2 },
      metadata: { description: 'tuned', tags: ['ext'] },
    });
    if (!result.success) throw new Error(JSON.stringify(result.errors));
    expect(result.config).toMatchObject({ failureThreshold: 1, timeout: 15, metadata: { description: 'tuned' } });
    expect(result.config.callTimeout).toBeUndefined();
    expect(result.config.healthCheckConfig).toEqual({ healthCheckInterval: 60, healthCheckTimeout: 2 });
    expect(result.config.metadata).toMatchObject({ template: 'external_api', environment: 'staging', tags: ['ext'] });
    expect(config).toEqual(before);
  });

  it('rejects a change that breaks a bound or a cross-field rule, by field', () => {
    const bound = applyBreakerOverrides(config, { failureRateThreshold: 0 });
    expect(!bound.success && bound.errors[0]?.path).toBe('failureRateThreshold');
    const cross = applyBreakerOverrides(config, { maxTimeout: 1 });
    expect(!cross.success && cross.errors[0]?.path).toBe('maxTimeout');
    const typo = applyBreakerOverrides(config, { timeut: 3 });
    expect(!typo.success && typo.errors[0]?.message).toBe('timeut: unknown field, did you mean timeout?');
  });

  it('will not move a config to another environment or template', () => {
    const result = applyBreakerOverrides(config, { metadata: { environment: 'production' } });
    expect(!result.success && result.errors[0]).toMatchObject({ path: 'metadata.environment', rule: 'unchanged' });
    expect(applyBreakerOverrides(config, { metadata: { environment: 'staging' } }).success).toBe(true);
  });
});
