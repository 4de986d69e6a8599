import {
  applyBreakerOverrides,
  breakerConfigSchema,
  resolveBreakerConfig,
  toExactBreakerConfig,
  toFieldErrors,
  type BreakerConfig,
  type BreakerConfigPatch,
  type BreakerMetadata,
  type BreakerOverrides,
  type ExactBreakerConfig,
  type TemplateName,
} from '@breakwater/contracts';
import { deepFreeze } from '../breaker/sealed-config.js';
import { ConfigurationError } from './configuration-error.js';
import { ConfigurationValidator } from './configuration-validator.js';

/** What `createCircuitBreakerConfig` takes: where to start from, and any settings on top (camelCase). */
export type CreateConfigOptions = BreakerOverrides & {
  name: string;
  template?: TemplateName;
  /** Selects the built-in profile (development, staging, production); other names run the template as is. */
  environment?: string;
  /** Your own environment defaults instead of the built-in profile. */
  environmentDefaults?: BreakerOverrides;
  metadata?: BreakerMetadata;
};

/** A registered configuration changed: `previous` is undefined when it was first registered. */
export interface ConfigurationChange {
  name: string;
  previous: BreakerConfig | undefined;
  current: BreakerConfig;
}

export type ConfigurationListener = (change: ConfigurationChange) => void;

export interface ConfigurationManagerOptions {
  /** Called when a listener throws; the change itself stands and the other listeners still run. */
  onListenerError?: (error: unknown, change: ConfigurationChange) => void;
}

/**
 * The guide's `create_circuit_breaker_config` without registering: resolves the template, then the environment
 * profile, then the overrides, and validates the result. Throws a `ConfigurationError` listing every problem.
 */
export function buildCircuitBreakerConfig(options: CreateConfigOptions): BreakerConfig {
  const { name, template, environment, environmentDefaults, metadata, ...overrides } = options;
  const result = resolveBreakerConfig({ name, template, environment, environmentDefaults, metadata, overrides });
  if (!result.success) {
    throw new ConfigurationError('INVALID_CONFIG', `Invalid breaker configuration "${String(name)}"`, result.errors);
  }
  return result.config;
}

/**
 * Holds the configurations of a process by name: register, update (validated: a bad update changes nothing),
 * query by environment or tag, and tell listeners about every change. Stored configurations are frozen
 * snapshots: a change makes a new one.
 */
export class ConfigurationManager {
  readonly validator = new ConfigurationValidator();
  private readonly configurations = new Map<string, BreakerConfig>();
  private readonly listeners = new Set<ConfigurationListener>();
  private readonly onListenerError: (error: unknown, change: ConfigurationChange) => void;

  constructor(options: ConfigurationManagerOptions = {}) {
    this.onListenerError =
      options.onListenerError ??
      ((error, change) => console.error(`[breakwater] a listener of configuration "${change.name}" threw`, error));
  }

  /** Resolves, validates and registers a configuration (replacing one of the same name); returns it. */
  createConfiguration(options: CreateConfigOptions): BreakerConfig {
    return this.store(buildCircuitBreakerConfig(options));
  }

  /** Validates and registers a complete configuration (replacing one of the same name); returns it. */
  registerConfiguration(config: unknown): BreakerConfig {
    const parsed = breakerConfigSchema.safeParse(config);
    if (!parsed.success) {
      const name = (config as { name?: unknown } | null)?.name;
      throw new ConfigurationError(
        'INVALID_CONFIG',
        `Invalid breaker configuration "${String(name)}"`,
        toFieldErrors(parsed.error, { schema: breakerConfigSchema }),
      );
    }
    return this.store(parsed.data);
  }

  /**
   * Lays `changes` over the registered configuration (`{failureThreshold: 1, timeout: 15}`; `null` switches an
   * optional part off) and validates the result. A bad update throws a `ConfigurationError` and changes nothing.
   */
  updateConfiguration(name: string, changes: BreakerConfigPatch): BreakerConfig {
    const current = this.configurations.get(name);
    if (current === undefined) {
      throw new ConfigurationError('NOT_FOUND', `No breaker configuration named "${name}" is registered`);
    }
    const result = applyBreakerOverrides(current, changes);
    if (!result.success) {
      throw new ConfigurationError(
        'INVALID_CONFIG',
        `Invalid update of breaker configuration "${name}"`,
        result.errors,
      );
    }
    return this.store(result.config);
  }

  getConfiguration(name: string): BreakerConfig | undefined {
    return this.configurations.get(name);
  }

  getAllConfigurations(): BreakerConfig[] {
    return [...this.configurations.values()];
  }

  getConfigurationsByEnvironment(environment: string): BreakerConfig[] {
    return this.getAllConfigurations().filter((config) => config.metadata.environment === environment);
  }

  getConfigurationsByTag(tag: string): BreakerConfig[] {
    return this.getAllConfigurations().filter((config) => config.metadata.tags?.includes(tag) === true);
  }

  /** Forgets a configuration; breakers that follow it keep their last values. */
  removeConfiguration(name: string): boolean {
    return this.configurations.delete(name);
  }

  /** Calls `listener` after every registration and update; returns the function that unsubscribes it. */
  onChange(listener: ConfigurationListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Keeps something in step with one configuration: `apply` receives every later version of `name`, as soon as
   * it is registered or updated, with its optional parts spelt out (`null` when switched off: see
   * `ExactBreakerConfig`), so that laying it over the previous values gives exactly the new configuration.
   * A breaker follows its configuration live with
   * `manager.followConfiguration(name, (config) => breaker.updateConfig(config))`. Returns the function that stops.
   */
  followConfiguration(name: string, apply: (config: ExactBreakerConfig) => void): () => void {
    return this.onChange((change) => {
      if (change.name === name) apply(toExactBreakerConfig(change.current));
    });
  }

  private store(config: BreakerConfig): BreakerConfig {
    const current = deepFreeze(config);
    const change: ConfigurationChange = {
      name: current.name,
      previous: this.configurations.get(current.name),
      current,
    };
    this.configurations.set(current.name, current);
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error, change);
      }
    }
    return current;
  }
}

let defaultManager: ConfigurationManager | undefined;

/** The process-wide configuration manager (the guide's `get_configuration_manager()`). */
export function getConfigurationManager(): ConfigurationManager {
  defaultManager ??= new ConfigurationManager();
  return defaultManager;
}

/**
 * The guide's `create_circuit_breaker_config`: resolves the template, then the environment profile, then the
 * overrides, validates, and registers the result with `getConfigurationManager()` so that it can be updated by
 * name later. Throws a `ConfigurationError` listing every problem.
 */
export function createCircuitBreakerConfig(options: CreateConfigOptions): BreakerConfig {
  return getConfigurationManager().createConfiguration(options);
}
