import { describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES, type BreakerConfig } from './breaker-config.schema.js';
import { toExactBreakerConfig } from './exact-config.js';
import { resolveBreakerConfig, settingsOf } from './resolve.js';

function resolved(input: Parameters<typeof resolveBreakerConfig>[0]): BreakerConfig {
  const result = resolveBreakerConfig(input);
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

describe('toExactBreakerConfig', () => {
  const targets = [
    resolved({ name: 'svc', template: 'ai_provider', overrides: { bulkheadConfig: { isolationPoolName: 'pool' } } }),
    resolved({ name: 'svc', template: 'ai_provider', overrides: { callTimeout: null, healthCheckConfig: null } }),
    resolved({ name: 'svc', template: 'database', overrides: { bulkheadConfig: null } }),
    resolved({ name: 'svc' }),
  ];
  const previous = [
    resolved({ name: 'svc', overrides: { callTimeout: 5 } }),
    ...TEMPLATE_NAMES.map((template) => resolved({ name: 'svc', template })),
    resolved({ name: 'svc', template: 'mcp_server', overrides: { bulkheadConfig: { isolationPoolName: 'shared' } } }),
  ];

  it('laid over any previous config as overrides, gives exactly the config', () => {
    for (const target of targets) {
      const { name: _n, metadata, ...overrides } = toExactBreakerConfig(target);
      for (const base of previous) {
        // What a breaker's updateConfig does: the previous settings as the lower layer, the new ones on top.
        const next = resolved({ name: 'svc', environmentDefaults: settingsOf(base), overrides, metadata });
        expect(next).toEqual(target);
      }
    }
  });

  it('spells absent parts as null and keeps present ones', () => {
    expect(toExactBreakerConfig(targets[1]!)).toMatchObject({ callTimeout: null, healthCheckConfig: null });
    expect(toExactBreakerConfig(targets[2]!).bulkheadConfig).toBeNull();
    expect(toExactBreakerConfig(targets[0]!).bulkheadConfig).toEqual({
      maxConcurrentCalls: 20,
      isolationPoolName: 'pool',
      queueTimeout: 10,
      maxQueue: 100,
    });
    expect(toExactBreakerConfig(targets[3]!).bulkheadConfig).toBeNull();
  });
});
