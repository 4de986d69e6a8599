import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreakerType } from '../breaker/circuit-state.js';
import {
  StandardizedCircuitBreakerFactory as Factory,
  getAllStandardizedBreakers,
  getStandardizedCircuitBreaker,
  resetStandardizedBreakers,
} from './standardized-breakers.js';

afterEach(() => resetStandardizedBreakers());

describe('StandardizedCircuitBreakerFactory', () => {
  it.each([
    ['createAiProviderBreaker', CircuitBreakerType.ADAPTIVE, 'ai', 120],
    ['createMcpServiceBreaker', CircuitBreakerType.COUNT_BASED, 'mcp', 60],
    ['createDatabaseBreaker', CircuitBreakerType.PERCENTAGE_BASED, 'database', 30],
    ['createExternalApiBreaker', CircuitBreakerType.TIME_BASED, 'external', 30],
  ] as const)('%s defaults to %s with the category template', (method, type, category, callTimeout) => {
    const breaker = Factory[method]('svc');
    expect(breaker.circuitType).toBe(type);
    expect(breaker.config).toMatchObject({ serviceCategory: category, callTimeout });
    expect(getAllStandardizedBreakers().get('svc')).toBe(breaker);
  });

  it('takes an explicit circuit type', () => {
    expect(Factory.createMcpServiceBreaker('docker_service', CircuitBreakerType.TIME_BASED).circuitType).toBe(
      'time_based',
    );
  });
});

describe('getStandardizedCircuitBreaker', () => {
  it('gets or creates, with overrides on the category template', () => {
    const a = getStandardizedCircuitBreaker({
      name: 'my_service',
      breakerType: 'database',
      circuitType: CircuitBreakerType.ADAPTIVE,
      config: { failureThreshold: 2 },
    });
    expect(a.circuitType).toBe('adaptive');
    expect(a.config).toMatchObject({ failureThreshold: 2, minimumCalls: 20, serviceCategory: 'database' });
    expect(getStandardizedCircuitBreaker({ name: 'my_service' })).toBe(a);
    expect([...getAllStandardizedBreakers().keys()]).toEqual(['my_service']);
  });

  it('throws on an invalid override, registering nothing', () => {
    expect(() => getStandardizedCircuitBreaker({ name: 'x', config: { timeout: -1 } })).toThrow(/timeout/);
    expect(getAllStandardizedBreakers().size).toBe(0);
  });
});
