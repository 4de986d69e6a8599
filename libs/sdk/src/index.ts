export * from './clock.js';
export { SDK_VERSION } from './version.js';
export * from './config/index.js';
