export * from './admin-events.js';
export * from './content-hash.js';
export * from './fleet-routes.js';
export * from './fleet.schema.js';
export * from './sha256.js';
export * from './sync-events.js';
export * from './sync-messages.schema.js';
