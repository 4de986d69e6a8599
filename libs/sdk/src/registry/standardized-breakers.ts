import type { ServiceCategory, TemplateName } from '@breakwater/contracts';
import { CircuitBreaker, type CircuitBreakerOptions } from '../breaker/circuit-breaker.js';
import type { CircuitBreakerType } from '../breaker/circuit-state.js';
import { resolveSdkConfig, type CircuitBreakerConfigInput } from '../breaker/resolve-config.js';

/** The guide's service categories (`breaker_type`) and the template each one starts from. */
const TEMPLATE_OF: Record<ServiceCategory, TemplateName> = {
  ai: 'ai_provider',
  mcp: 'mcp_server',
  database: 'database',
  external: 'external_api',
  http: 'http_route',
};

const registry = new Map<string, CircuitBreaker>();

function create(
  name: string,
  category: ServiceCategory,
  circuitType: CircuitBreakerType | undefined,
  config: CircuitBreakerConfigInput | undefined,
  options: CircuitBreakerOptions | undefined,
): CircuitBreaker {
  const overrides: CircuitBreakerConfigInput = { ...config };
  if (circuitType !== undefined) overrides.circuitType = circuitType;
  const resolved = resolveSdkConfig(name, overrides, TEMPLATE_OF[category]);
  const breaker = new CircuitBreaker(name, resolved, options);
  registry.set(name, breaker);
  return breaker;
}

/**
 * The guide's factory: a breaker with its category's template values (ai: ADAPTIVE, mcp: COUNT_BASED,
 * database: PERCENTAGE_BASED, external: TIME_BASED unless `type` says otherwise), registered under its name
 * (replacing a breaker of the same name).
 */
export class StandardizedCircuitBreakerFactory {
  static createAiProviderBreaker(
    name: string,
    type?: CircuitBreakerType,
    options?: CircuitBreakerOptions,
  ): CircuitBreaker {
    return create(name, 'ai', type, undefined, options);
  }

  static createMcpServiceBreaker(
    name: string,
    type?: CircuitBreakerType,
    options?: CircuitBreakerOptions,
  ): CircuitBreaker {
    return create(name, 'mcp', type, undefined, options);
  }

  static createDatabaseBreaker(
    name: string,
    type?: CircuitBreakerType,
    options?: CircuitBreakerOptions,
  ): CircuitBreaker {
    return create(name, 'database', type, undefined, options);
  }

  static createExternalApiBreaker(
    name: string,
    type?: CircuitBreakerType,
    options?: CircuitBreakerOptions,
  ): CircuitBreaker {
    return create(name, 'external', type, undefined, options);
  }
}

export interface StandardizedBreakerRequest {
  name: string;
  /** The service category (the guide's `breaker_type`); default `external`. */
  breakerType?: ServiceCategory;
  circuitType?: CircuitBreakerType;
  /** Overrides on top of the category's template. */
  config?: CircuitBreakerConfigInput;
  options?: CircuitBreakerOptions;
}

/** Get-or-create: the registered breaker of that name, or a new one from its category's template. */
export function getStandardizedCircuitBreaker(request: StandardizedBreakerRequest): CircuitBreaker {
  const existing = registry.get(request.name);
  if (existing !== undefined) return existing;
  return create(request.name, request.breakerType ?? 'external', request.circuitType, request.config, request.options);
}

/** Every registered breaker by name (a copy: changing it does not change the registry). */
export function getAllStandardizedBreakers(): Map<string, CircuitBreaker> {
  return new Map(registry);
}

/** Removes a breaker from the registry; returns whether it was there. */
export function removeStandardizedBreaker(name: string): boolean {
  return registry.delete(name);
}

/** Empties the registry: for tests. */
export function resetStandardizedBreakers(): void {
  registry.clear();
}
