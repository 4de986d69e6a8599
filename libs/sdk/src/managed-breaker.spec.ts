import { describe, expect, it } from 'vitest';
import { createManualClock } from './clock.js';
import { ConfigurationManager } from './config/configuration-manager.js';
import { isConfigurationError } from './config/configuration-error.js';
import { createManagedCircuitBreaker } from './managed-breaker.js';

const fail = (): Promise<never> => Promise.reject(new Error('upstream down'));

describe('createManagedCircuitBreaker', () => {
  it('follows updateConfiguration live, keeping its state', async () => {
    const manager = new ConfigurationManager();
    manager.createConfiguration({ name: 'orders_db', template: 'database', environment: 'development' });
    const clock = createManualClock(0);
    const { breaker } = createManagedCircuitBreaker('orders_db', { clock }, manager);
    expect(breaker.config.circuitType).toBe('percentage_based');

    manager.updateConfiguration('orders_db', { circuitType: 'count_based', failureThreshold: 2 });
    expect(breaker.config).toMatchObject({ circuitType: 'count_based', failureThreshold: 2 });
    await breaker.call(fail).catch(() => undefined);
    expect(breaker.getState()).toBe('closed');

    // Same type: the consecutive-failure count survives the update, so one more failure trips it at 3.
    manager.updateConfiguration('orders_db', { failureThreshold: 3 });
    await breaker.call(fail).catch(() => undefined);
    expect(breaker.getState()).toBe('closed');
    await breaker.call(fail).catch(() => undefined);
    expect(breaker.getState()).toBe('open');
  });

  it('switches optional parts off when the new version drops them', () => {
    const manager = new ConfigurationManager();
    manager.createConfiguration({ name: 'search_api', template: 'external_api', environment: 'production' });
    const { breaker } = createManagedCircuitBreaker('search_api', {}, manager);
    expect(breaker.config.callTimeout).toBeDefined();
    manager.updateConfiguration('search_api', { callTimeout: null });
    expect(breaker.config.callTimeout).toBeUndefined();
  });

  it('stops following on request, and refuses an unknown name', () => {
    const manager = new ConfigurationManager();
    manager.createConfiguration({ name: 'mcp_files', template: 'mcp_server', environment: 'staging' });
    const managed = createManagedCircuitBreaker('mcp_files', {}, manager);
    managed.stopFollowing();
    manager.updateConfiguration('mcp_files', { failureThreshold: 9 });
    expect(managed.breaker.config.failureThreshold).not.toBe(9);
    let caught: unknown;
    try {
      createManagedCircuitBreaker('missing', {}, manager);
    } catch (error) {
      caught = error;
    }
    expect(isConfigurationError(caught) && caught.code).toBe('NOT_FOUND');
  });
});
