export { ConfigurationError, isConfigurationError } from './configuration-error.js';
export type { ConfigurationErrorCode, ConfigurationProblem } from './configuration-error.js';
export {
  buildCircuitBreakerConfig,
  ConfigurationManager,
  createCircuitBreakerConfig,
  getConfigurationManager,
} from './configuration-manager.js';
export type {
  ConfigurationChange,
  ConfigurationListener,
  ConfigurationManagerOptions,
  CreateConfigOptions,
} from './configuration-manager.js';
export { ConfigurationValidator } from './configuration-validator.js';
