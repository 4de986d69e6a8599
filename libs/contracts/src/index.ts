export * from './api/index.js';
export * from './config/breaker-config.schema.js';
export * from './config/resolve.js';
export * from './config/templates.js';
export * from './config/yaml-keys.js';
export * from './errors/error-envelope.schema.js';
export * from './health/health.schema.js';
export * from './validation/field-errors.js';
