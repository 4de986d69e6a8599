import {
  resolveBreakerConfig,
  settingsOf,
  type BreakerConfig,
  type BreakerMetadata,
  type BreakerOverrides,
  type TemplateName,
} from '@breakwater/contracts';
import { InvalidBreakerConfigError } from '../errors.js';

/**
 * What `new CircuitBreaker(name, config)` accepts: any subset of the contracts' breaker settings (a complete
 * `BreakerConfig` from the control plane or `createCircuitBreakerConfig` too; its name is ignored in favour of the
 * breaker's). Missing fields come from the contracts' `DEFAULT_SETTINGS`.
 */
export type CircuitBreakerConfigInput = BreakerOverrides & { name?: string; metadata?: BreakerMetadata };

/** Fills defaults (and a template's values) and validates with the contracts schema; throws on invalid input. */
export function resolveSdkConfig(
  name: string,
  input: CircuitBreakerConfigInput | undefined,
  template?: TemplateName,
  base?: BreakerConfig,
): BreakerConfig {
  const { name: _ignored, metadata, ...overrides } = input ?? {};
  const result = resolveBreakerConfig({
    name,
    template,
    environmentDefaults: base === undefined ? {} : settingsOf(base),
    overrides,
    metadata: metadata ?? base?.metadata,
  });
  if (!result.success) throw new InvalidBreakerConfigError(name, result.errors);
  return result.config;
}
