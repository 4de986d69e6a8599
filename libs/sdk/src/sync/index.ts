export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { readCacheFile, writeCacheFile, CACHE_FILE_FORMAT, type CachedSnapshot } from './cache-file.js';
export {
  connectToControlPlane,
  ControlPlaneSync,
  type ConnectOptions,
  type ControlPlaneHandle,
  type SyncEvents,
  type SyncLogger,
  type SyncStatus,
} from './connect.js';
export { systemScheduler, type Scheduler } from './scheduler.js';
export { socketIoTransport } from './socket-io-transport.js';
export { completeInput, standardizedRegistry, syncableBreaker } from './standardized-registry.js';
export type { SyncableBreaker, SyncRegistry } from './sync-registry.js';
export type { ConnectionHandlers, SyncConnection, SyncTransport } from './transport.js';
