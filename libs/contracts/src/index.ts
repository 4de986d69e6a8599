export * from './errors/error-envelope.schema.js';
export * from './health/health.schema.js';
