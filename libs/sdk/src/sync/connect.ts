import { randomBytes } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import {
  deltaMessageSchema,
  describeFieldErrors,
  overrideMessageSchema,
  pingMessageSchema,
  revisionProbeSchema,
  snapshotMessageSchema,
  SYNC_EVENTS,
  SYNC_PROTOCOL_VERSION,
  toFieldErrors,
  welcomeMessageSchema,
  type DeltaMessage,
  type FieldError,
  type HelloMessage,
  type OverrideMessage,
  type PongMessage,
  type SnapshotMessage,
} from '@breakwater/contracts';
import type { Disposable } from '../breaker/circuit-breaker.js';
import { systemClock, type Clock } from '../clock.js';
import { SDK_VERSION } from '../version.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { ConfigApplier, sealValidated } from './config-applier.js';
import { systemScheduler, type Scheduler } from './scheduler.js';
import { socketIoTransport } from './socket-io-transport.js';
import { standardizedRegistry } from './standardized-registry.js';
import type { SyncRegistry } from './sync-registry.js';
import type { SyncConnection, SyncTransport } from './transport.js';

/**
 * - `connecting`: first attempt, nothing applied yet;
 * - `synced`: connected and running the control plane's latest revision;
 * - `stale`: running a config from the control plane or the cache file, but not (known to be) the latest one:
 *   disconnected, or the latest was rejected;
 * - `offline`: not connected and nothing from the control plane in force (local configs only).
 */
export type SyncStatus = 'connecting' | 'synced' | 'stale' | 'offline';

export interface SyncLogger {
  info(message: string): void;
  warn(message: string): void;
}

const consoleLogger: SyncLogger = {
  info: () => undefined,
  warn: (message) => console.warn(`[breakwater sync] ${message}`),
};

export interface ConnectOptions {
  /** Control plane base URL, e.g. http://localhost:8080 */
  url: string;
  /** An SDK key (bw_sdk_...): it decides the environment. */
  sdkKey: string;
  /** The service this process is (configs of this service are synced). */
  service: string;
  /** Stable id of this instance; default hostname-pid-random. */
  instanceId?: string;
  /** Last-known-good file: loaded at start-up, rewritten after every applied change. */
  cacheFile?: string;
  /** The breakers to drive; default: the SDK's own registry (`getStandardizedCircuitBreaker` and friends). */
  registry?: SyncRegistry;
  transport?: SyncTransport;
  clock?: Clock;
  scheduler?: Scheduler;
  /** [0, 1) source for backoff jitter. */
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  /** Reconnect when nothing arrives for this many heartbeat intervals (default 3). */
  heartbeatMisses?: number;
  /** Heartbeat interval assumed until the server's welcome says otherwise (default 15 s). */
  heartbeatIntervalMs?: number;
  connectTimeoutMs?: number;
  logger?: SyncLogger;
  hostname?: string;
  pid?: number;
}

export interface SyncEvents {
  status: SyncStatus;
  applied: { revision: number; contentHash: string; kind: 'snapshot' | 'delta' | 'cache' };
  rejected: { revision: number; reason: string };
  override: OverrideMessage;
}

export interface ControlPlaneHandle {
  readonly status: SyncStatus;
  /** Revision in force (from the control plane or the cache file); null when none. */
  readonly revision: number | null;
  readonly instanceId: string;
  /** Environment the SDK key belongs to, once the server said so. */
  readonly environment: string | undefined;
  on<K extends keyof SyncEvents>(event: K, listener: (value: SyncEvents[K]) => void): Disposable;
  /** Resolves once status is `status` (at once if it already is). */
  waitFor(status: SyncStatus): Promise<void>;
  close(): Promise<void>;
}

function defaultInstanceId(host: string, pid: number): string {
  const safeHost = host.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 80) || 'host';
  return `${safeHost}-${pid}-${randomBytes(3).toString('hex')}`.replace(/^[^A-Za-z0-9]/, 'i');
}

const issueReason = (errors: FieldError[]): string => describeFieldErrors(errors.slice(0, 5)).slice(0, 2_000);

/** See ConnectOptions; the returned handle never throws into the service, whatever the control plane does. */
export class ControlPlaneSync implements ControlPlaneHandle {
  status: SyncStatus = 'connecting';
  revision: number | null = null;
  environment: string | undefined;
  readonly instanceId: string;

  private readonly applier: ConfigApplier;
  private readonly registry: SyncRegistry;
  private readonly transport: SyncTransport;
  private readonly clock: Clock;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly logger: SyncLogger;
  private readonly hostname: string;
  private readonly pid: number;
  private readonly listeners = new Map<keyof SyncEvents, Set<(value: never) => void>>();
  private connection: SyncConnection | undefined;
  private generation = 0;
  private attempt = 0;
  private heartbeatIntervalMs: number;
  private reconnectTimer: unknown;
  private watchdogTimer: unknown;
  private closed = false;
  private cacheWrite: Promise<void> = Promise.resolve();
  /** Environment of the configs loaded from the cache file, until the control plane confirms or refutes it. */
  private cachedEnvironment: string | undefined;
  /** The breaker list last announced, as JSON. */
  private announced = '';

  constructor(private readonly options: ConnectOptions) {
    this.registry = options.registry ?? standardizedRegistry;
    this.applier = new ConfigApplier(this.registry);
    this.transport = options.transport ?? socketIoTransport;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.random = options.random ?? Math.random;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.logger = options.logger ?? consoleLogger;
    this.hostname = options.hostname ?? osHostname();
    this.pid = options.pid ?? process.pid;
    this.instanceId = options.instanceId ?? defaultInstanceId(this.hostname, this.pid);
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 15_000;
  }

  /** Loads the cache file (synchronously), then opens the first connection. */
  start(): void {
    if (this.options.cacheFile) {
      const cached = readCacheFile(this.options.cacheFile, this.options.service, (m) => this.logger.warn(m));
      if (cached) {
        try {
          const { snapshot } = cached;
          this.applier.applySnapshot(sealValidated(snapshot.configs), snapshot.overrides);
          this.revision = snapshot.revision;
          this.cachedEnvironment = cached.environment;
          this.setStatus('stale');
          this.emit('applied', { revision: snapshot.revision, contentHash: this.applier.hash(), kind: 'cache' });
        } catch (error) {
          this.logger.warn(`cache file could not be applied: ${String(error)}`);
        }
      }
    }
    this.open();
  }

  on<K extends keyof SyncEvents>(event: K, listener: (value: SyncEvents[K]) => void): Disposable {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = listener as (value: never) => void;
    set.add(entry);
    return { dispose: () => set.delete(entry) };
  }

  waitFor(status: SyncStatus): Promise<void> {
    if (this.status === status) return Promise.resolve();
    return new Promise((resolve) => {
      const subscription = this.on('status', (next) => {
        if (next !== status) return;
        subscription.dispose();
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    this.scheduler.clearTimeout(this.reconnectTimer);
    this.scheduler.clearTimeout(this.watchdogTimer);
    this.connection?.close();
    this.connection = undefined;
    await this.cacheWrite;
  }

  private emit<K extends keyof SyncEvents>(event: K, value: SyncEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as (v: SyncEvents[K]) => void)(value);
      } catch (error) {
        this.logger.warn(`a ${event} listener threw: ${String(error)}`);
      }
    }
  }

  private setStatus(status: SyncStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }

  private disconnectedStatus(): SyncStatus {
    return this.revision === null ? (this.attempt === 0 ? 'connecting' : 'offline') : 'stale';
  }

  private open(): void {
    if (this.closed) return;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.closed;
    this.setStatus(this.disconnectedStatus());
    try {
      this.connection = this.transport(
        {
          url: this.options.url,
          sdkKey: this.options.sdkKey,
          connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
        },
        {
          onConnect: () => {
            if (!current()) return;
            this.armWatchdog();
            this.sendHello();
          },
          onMessage: (event, payload) => {
            if (!current()) return;
            this.armWatchdog();
            this.safely(() => this.handle(event, payload));
          },
          onClose: (reason) => {
            if (!current()) return;
            this.lost(reason);
          },
        },
      );
    } catch (error) {
      this.lost(`transport failed: ${String(error)}`);
    }
  }

  private lost(reason: string): void {
    this.generation++;
    this.scheduler.clearTimeout(this.watchdogTimer);
    this.connection?.close();
    this.connection = undefined;
    if (this.closed) return;
    const delay = backoffDelay(this.attempt, this.random, this.backoff);
    this.attempt++;
    this.setStatus(this.disconnectedStatus());
    this.logger.info(`connection lost (${reason}); reconnecting in ${delay} ms`);
    this.scheduler.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.scheduler.setTimeout(() => this.open(), delay);
  }

  private armWatchdog(): void {
    this.scheduler.clearTimeout(this.watchdogTimer);
    const limit = this.heartbeatIntervalMs * (this.options.heartbeatMisses ?? 3);
    const generation = this.generation;
    this.watchdogTimer = this.scheduler.setTimeout(() => {
      if (generation !== this.generation || this.closed) return;
      this.logger.warn(`no heartbeat from the control plane for ${limit} ms; reconnecting`);
      this.lost('heartbeat watchdog');
    }, limit);
  }

  private sendHello(): void {
    const hello: HelloMessage = {
      protocol: SYNC_PROTOCOL_VERSION,
      service: this.options.service,
      instanceId: this.instanceId,
      hostname: this.hostname.slice(0, 255) || 'unknown',
      pid: this.pid,
      sdkVersion: SDK_VERSION,
      lastRevision: this.revision,
      breakers: this.safeList(),
    };
    this.announced = JSON.stringify(hello.breakers);
    this.connection?.emit(SYNC_EVENTS.hello, hello);
  }

  private safeList(): HelloMessage['breakers'] {
    try {
      return this.registry.list();
    } catch (error) {
      this.logger.warn(`could not list breakers: ${String(error)}`);
      return [];
    }
  }

  private safely(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.logger.warn(`sync message handling failed: ${String(error)}`);
    }
  }

  private handle(event: string, payload: unknown): void {
    switch (event) {
      case SYNC_EVENTS.welcome: {
        const welcome = welcomeMessageSchema.safeParse(payload);
        if (!welcome.success) return this.logger.warn('ignoring an invalid welcome');
        this.environment = welcome.data.environment;
        this.heartbeatIntervalMs = welcome.data.heartbeatIntervalMs;
        this.armWatchdog();
        if (this.cachedEnvironment !== undefined && this.cachedEnvironment !== this.environment) {
          // The cache came from another environment: its revision means nothing here. Ask for a snapshot.
          this.logger.warn(`cache file is of environment ${this.cachedEnvironment}, not ${this.environment}`);
          this.cachedEnvironment = undefined;
          this.revision = null;
          this.sendHello();
        }
        return;
      }
      case SYNC_EVENTS.ping: {
        const ping = pingMessageSchema.safeParse(payload);
        if (!ping.success) return;
        // Between changes, catch up with what the code did since: overrides for breakers it created since they
        // arrived, and a breaker list the control plane has not seen yet.
        this.applier.applyPendingOverrides();
        const breakers = this.safeList();
        const announced = JSON.stringify(breakers);
        const pong: PongMessage = { sentAt: ping.data.sentAt, revision: this.revision };
        if (announced !== this.announced) {
          pong.breakers = breakers;
          this.announced = announced;
        }
        this.connection?.emit(SYNC_EVENTS.pong, pong);
        return;
      }
      case SYNC_EVENTS.snapshot:
        return this.onSnapshot(payload);
      case SYNC_EVENTS.delta:
        return this.onDelta(payload);
      case SYNC_EVENTS.override:
        return this.onOverride(payload);
      case SYNC_EVENTS.resync:
        return this.sendHello();
      case SYNC_EVENTS.error:
        return this.logger.warn(`control plane error: ${JSON.stringify(payload).slice(0, 500)}`);
      default:
        return;
    }
  }

  private onSnapshot(payload: unknown): void {
    const parsed = snapshotMessageSchema.safeParse(payload);
    if (!parsed.success) return this.reject(payload, toFieldErrors(parsed.error));
    const snapshot: SnapshotMessage = parsed.data;
    if (snapshot.service !== this.options.service) return this.reject(payload, [], 'snapshot of another service');
    this.applyOrReject(snapshot.revision, 'snapshot', () =>
      this.applier.applySnapshot(sealValidated(snapshot.configs), snapshot.overrides),
    );
  }

  private onDelta(payload: unknown): void {
    const parsed = deltaMessageSchema.safeParse(payload);
    if (!parsed.success) return this.reject(payload, toFieldErrors(parsed.error));
    const delta: DeltaMessage = parsed.data;
    if (delta.service !== this.options.service) return this.reject(payload, [], 'delta of another service');
    if (this.revision !== null && delta.toRevision <= this.revision) {
      // Already have it (a duplicate, or a delta that crossed a resync): nothing to do, but say where we are.
      if (this.status !== 'synced' && delta.toRevision === this.revision) this.ack('delta');
      return;
    }
    if (this.revision === null || delta.fromRevision > this.revision) {
      // A gap: a push was missed. Ask again from where we stand; the server answers with a delta or snapshot.
      this.logger.info(`revision gap (have ${String(this.revision)}, got ${delta.fromRevision}); resyncing`);
      this.sendHello();
      return;
    }
    this.applyOrReject(delta.toRevision, 'delta', () => {
      this.applier.applyDelta(sealValidated(delta.upserts), delta.removals);
      if (delta.overrides) this.applier.replaceOverrides(delta.overrides);
    });
  }

  private onOverride(payload: unknown): void {
    const parsed = overrideMessageSchema.safeParse(payload);
    if (!parsed.success) return this.logger.warn(`ignoring an invalid override: ${parsed.error.message}`);
    if (parsed.data.service !== this.options.service) return;
    const found = this.applier.override(parsed.data.breaker, parsed.data.action);
    if (!found) this.logger.info(`override for unknown breaker ${parsed.data.breaker} kept for when it is created`);
    this.emit('override', parsed.data);
    this.persist();
  }

  private applyOrReject(revision: number, kind: 'snapshot' | 'delta', apply: () => void): void {
    try {
      apply();
    } catch (error) {
      this.reject({ revision }, [], `could not apply: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.revision = revision;
    this.attempt = 0;
    this.ack(kind);
    this.persist();
  }

  private ack(kind: 'snapshot' | 'delta'): void {
    if (this.revision === null) return;
    const hash = this.applier.hash();
    this.connection?.emit(SYNC_EVENTS.ack, { revision: this.revision, contentHash: hash });
    this.setStatus('synced');
    this.emit('applied', { revision: this.revision, contentHash: hash, kind });
  }

  private reject(payload: unknown, errors: FieldError[], reason?: string): void {
    const probe = revisionProbeSchema.safeParse(payload);
    const revision = (probe.success ? (probe.data.toRevision ?? probe.data.revision) : undefined) ?? 0;
    const why = reason ?? `invalid config: ${issueReason(errors)}`;
    this.logger.warn(`rejected revision ${revision}: ${why}; keeping the last good config`);
    this.connection?.emit(SYNC_EVENTS.nack, {
      revision,
      reason: why.slice(0, 2_000) || 'rejected',
      ...(errors.length > 0 ? { errors: errors.slice(0, 100) } : {}),
    });
    if (this.revision !== null) this.setStatus('stale');
    this.emit('rejected', { revision, reason: why });
  }

  private persist(): void {
    const path = this.options.cacheFile;
    if (!path || this.revision === null) return;
    const snapshot: SnapshotMessage = {
      service: this.options.service,
      revision: this.revision,
      configs: this.applier.configs(),
      overrides: this.applier.standingOverrides(),
    };
    const savedAt = new Date(this.clock.now());
    const environment = this.environment;
    // Chained so writes land in order; a failed write is logged, never thrown.
    this.cacheWrite = this.cacheWrite
      .then(() => writeCacheFile(path, snapshot, savedAt, environment))
      .catch((error: unknown) => this.logger.warn(`could not write ${path}: ${String(error)}`));
  }
}

/**
 * Binds the process's breakers to the control plane: remote configs over local ones, live changes, overrides,
 * last-known-good cache. Returns at once (after loading the cache file, if any); see ConnectOptions.
 */
export function connectToControlPlane(options: ConnectOptions): ControlPlaneHandle {
  const sync = new ControlPlaneSync(options);
  sync.start();
  return sync;
}
