export * from './api-keys.schema.js';
export * from './audit.schema.js';
export * from './auth.schema.js';
export * from './breakers.schema.js';
export * from './common.schema.js';
export * from './environments.schema.js';
export * from './routes.js';
export * from './services.schema.js';
