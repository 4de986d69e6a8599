import {
  resolveBreakerConfig,
  settingsOf,
  toExactBreakerConfig,
  type BreakerConfig,
  type ExactBreakerConfig,
} from '@breakwater/contracts';
import { describe, expect, it } from 'vitest';
import { isConfigurationError } from './configuration-error.js';
import {
  buildCircuitBreakerConfig,
  ConfigurationManager,
  createCircuitBreakerConfig,
  getConfigurationManager,
  type ConfigurationChange,
} from './configuration-manager.js';
import { caughtConfigurationError } from './testing/caught-configuration-error.js';

describe('createCircuitBreakerConfig', () => {
  it('follows the guide: template, then environment, then overrides, registered for later updates', () => {
    const config = createCircuitBreakerConfig({
      name: 'claude_production',
      template: 'ai_provider',
      environment: 'production',
      failureThreshold: 2,
      timeout: 30,
    });
    expect(config).toMatchObject({
      name: 'claude_production',
      circuitType: 'adaptive',
      failureThreshold: 2,
      timeout: 30,
      failureRateThreshold: 0.3,
      callTimeout: 120,
      metadata: { template: 'ai_provider', environment: 'production' },
    });
    const manager = getConfigurationManager();
    expect(manager.getConfiguration('claude_production')).toBe(config);
    const updated = manager.updateConfiguration('claude_production', { failureThreshold: 1, timeout: 15 });
    expect(updated).toMatchObject({ failureThreshold: 1, timeout: 15, failureRateThreshold: 0.3 });
    expect(manager.getConfigurationsByEnvironment('production').map((c) => c.name)).toContain('claude_production');
    manager.removeConfiguration('claude_production');
  });

  it('throws one ConfigurationError listing every problem, by field', async () => {
    const error = await caughtConfigurationError(() =>
      buildCircuitBreakerConfig({ name: 'Bad Name', template: 'database', failureRateThreshold: 2, priority: 9 }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.messages).toEqual([
      'failureRateThreshold: must be a rate greater than 0 and at most 1',
      'priority: must be between 1 (highest) and 5 (lowest)',
    ]);
    expect(error.message).toContain('Invalid breaker configuration "Bad Name":\n  - failureRateThreshold:');
    expect(error).toBeInstanceOf(Error);
    expect(isConfigurationError(new Error('x'))).toBe(false);
  });
});

describe('ConfigurationManager', () => {
  function setUp() {
    const manager = new ConfigurationManager();
    const changes: ConfigurationChange[] = [];
    manager.onChange((change) => changes.push(change));
    const orders = manager.createConfiguration({
      name: 'orders_db',
      template: 'database',
      environment: 'production',
      metadata: { tags: ['db', 'critical'] },
    });
    const search = manager.createConfiguration({
      name: 'search_api',
      template: 'external_api',
      environment: 'staging',
      metadata: { tags: ['external'] },
    });
    return { manager, changes, orders, search };
  }

  it('finds configurations by name, environment and tag', () => {
    const { manager, orders, search } = setUp();
    expect(manager.getConfiguration('orders_db')).toEqual(orders);
    expect(manager.getConfiguration('missing')).toBeUndefined();
    expect(manager.getConfigurationsByEnvironment('production')).toEqual([orders]);
    expect(manager.getConfigurationsByEnvironment('staging')).toEqual([search]);
    expect(manager.getConfigurationsByEnvironment('development')).toEqual([]);
    expect(manager.getConfigurationsByTag('critical')).toEqual([orders]);
    expect(manager.getConfigurationsByTag('external')).toEqual([search]);
    expect(manager.getConfigurationsByTag('none')).toEqual([]);
    expect(manager.getAllConfigurations()).toHaveLength(2);
  });

  it('an update is validated, stored, and announced with the previous version', () => {
    const { manager, changes, orders } = setUp();
    const updated = manager.updateConfiguration('orders_db', { minimumCalls: 40, bulkheadConfig: { maxQueue: 0 } });
    expect(updated).toMatchObject({ minimumCalls: 40, bulkheadConfig: { maxConcurrentCalls: 50, maxQueue: 0 } });
    expect(manager.getConfiguration('orders_db')).toBe(updated);
    expect(changes.at(-1)).toEqual({ name: 'orders_db', previous: orders, current: updated });
  });

  it('a bad update throws, says why, and changes nothing', async () => {
    const { manager, changes, orders } = setUp();
    const before = changes.length;
    const error = await caughtConfigurationError(() =>
      manager.updateConfiguration('orders_db', { minimumCalls: 500, failureTreshold: 1 } as never),
    );
    expect(error.messages).toEqual(['failureTreshold: unknown field, did you mean failureThreshold?']);
    const cross = await caughtConfigurationError(() => manager.updateConfiguration('orders_db', { minimumCalls: 500 }));
    expect(cross.messages[0]).toMatch(/^minimumCalls: must not be above slidingWindowSize \(100 calls\)/);
    expect(manager.getConfiguration('orders_db')).toBe(orders);
    expect(changes).toHaveLength(before);
  });

  it('updating an unknown name is a NOT_FOUND error', async () => {
    const { manager } = setUp();
    expect((await caughtConfigurationError(() => manager.updateConfiguration('nope', { timeout: 1 }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('stored configurations are frozen snapshots', () => {
    const { manager, orders } = setUp();
    expect(() => {
      (orders as { timeout: number }).timeout = 1;
    }).toThrow(TypeError);
    expect(manager.getConfiguration('orders_db')?.timeout).toBe(30);
  });

  it('registerConfiguration validates a complete configuration', async () => {
    const { manager, orders } = setUp();
    const copy = { ...structuredClone(orders), name: 'orders_copy' };
    expect(manager.registerConfiguration(copy)).toEqual(copy);
    const error = await caughtConfigurationError(() =>
      manager.registerConfiguration({ ...copy, name: 'x', slidingWindowSize: undefined }),
    );
    expect(error.messages).toEqual(['slidingWindowSize: is required']);
    expect(manager.getConfiguration('x')).toBeUndefined();
  });

  it('onChange returns a disposer, and a throwing listener neither undoes the change nor silences others', () => {
    const reported: unknown[] = [];
    const manager = new ConfigurationManager({ onListenerError: (error) => reported.push(error) });
    const seen: string[] = [];
    manager.onChange(() => {
      throw new Error('boom');
    });
    const dispose = manager.onChange((change) => seen.push(change.name));
    manager.createConfiguration({ name: 'a' });
    dispose();
    manager.createConfiguration({ name: 'b' });
    expect(seen).toEqual(['a']);
    expect(reported).toHaveLength(2);
    expect(manager.getConfiguration('b')).toBeDefined();
  });

  it('followConfiguration hands every later version of one configuration to apply, until stopped', () => {
    const { manager } = setUp();
    const applied: ExactBreakerConfig[] = [];
    const stop = manager.followConfiguration('orders_db', (config) => applied.push(config));
    manager.updateConfiguration('search_api', { timeout: 10 });
    expect(applied).toEqual([]);
    const v2 = manager.updateConfiguration('orders_db', { failureRateThreshold: 0.2 });
    const v3 = manager.updateConfiguration('orders_db', { timeout: 20, callTimeout: null, healthCheckConfig: null });
    expect(applied).toEqual([toExactBreakerConfig(v2), toExactBreakerConfig(v3)]);
    // A switched-off part arrives as null, so that a breaker's updateConfig switches it off too.
    expect(applied[1]).toMatchObject({
      failureRateThreshold: 0.2,
      timeout: 20,
      callTimeout: null,
      healthCheckConfig: null,
    });
    // A refused update reaches nobody.
    expect(() => manager.updateConfiguration('orders_db', { timeout: -1 })).toThrow();
    stop();
    manager.updateConfiguration('orders_db', { timeout: 25 });
    expect(applied).toHaveLength(2);
  });

  it('a follower that lays each version over its current values ends with exactly the managed config', () => {
    const { manager, orders } = setUp();
    // Stands in for a breaker: keeps its own settings and applies each version as overrides, as updateConfig does.
    let current: BreakerConfig = orders;
    manager.followConfiguration('orders_db', (next) => {
      const { name, metadata, ...overrides } = next;
      const result = resolveBreakerConfig({ name, metadata, environmentDefaults: settingsOf(current), overrides });
      if (!result.success) throw new Error(JSON.stringify(result.errors));
      current = result.config;
    });
    manager.updateConfiguration('orders_db', { bulkheadConfig: null, callTimeout: null, minimumCalls: 30 });
    expect(current).toEqual(manager.getConfiguration('orders_db'));
    manager.updateConfiguration('orders_db', { bulkheadConfig: { maxConcurrentCalls: 7, isolationPoolName: 'p' } });
    expect(current).toEqual(manager.getConfiguration('orders_db'));
    manager.updateConfiguration('orders_db', { bulkheadConfig: { isolationPoolName: null } });
    expect(current).toEqual(manager.getConfiguration('orders_db'));
    expect(current.bulkheadConfig).toEqual({ maxConcurrentCalls: 7, queueTimeout: 5, maxQueue: 100 });
  });
});

describe('validator.validateConfig', () => {
  const { validator } = new ConfigurationManager();

  it("accepts the guide's partial example in either spelling", () => {
    expect(validator.validateConfig({ failure_threshold: 5, timeout: 30.0 })).toEqual([]);
    expect(validator.validateConfig({ failureThreshold: 5, timeout: 30 })).toEqual([]);
  });

  it('returns one readable message per problem', () => {
    expect(validator.validateConfig({ failureThreshold: 0, timeout: -1 })).toEqual([
      'failureThreshold: must be a positive integer (at least 1)',
      'timeout: must be a positive number of seconds (greater than 0)',
    ]);
    expect(validator.validateConfig({ failure_treshold: 5 })).toEqual([
      'failure_treshold: unknown field, did you mean failure_threshold?',
    ]);
    expect(validator.validateConfig({ timeout: 100, max_timeout: 50 })).toEqual([
      'max_timeout: must not be below timeout (100 s)',
    ]);
    expect(validator.validateConfig('x')).toEqual(['(root): must be an object of configuration fields']);
  });

  it('resolves a named configuration against the template its metadata names', () => {
    expect(validator.validateConfig({ name: 'db', minimumCalls: 100, metadata: { template: 'database' } })).toEqual([]);
    expect(validator.validateConfig({ minimumCalls: 100, metadata: { template: 'database' } })).toEqual([]);
    expect(validator.validateConfig({ minimum_calls: 101, metadata: { template: 'database' } })).toEqual([
      expect.stringMatching(/^minimum_calls: must not be above sliding_window_size/),
    ]);
    expect(validator.validateConfig({ name: 'db', minimumCalls: 101, metadata: { template: 'database' } })).toEqual([
      expect.stringMatching(/^minimumCalls: must not be above slidingWindowSize/),
    ]);
  });
});
