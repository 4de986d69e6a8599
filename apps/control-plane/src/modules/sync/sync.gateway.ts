import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  ackMessageSchema,
  type DeltaMessage,
  type ErrorEnvelope,
  helloMessageSchema,
  nackMessageSchema,
  type OverrideMessage,
  pongMessageSchema,
  SDK_NAMESPACE,
  type SnapshotMessage,
  SYNC_AUTH_ERRORS,
  SYNC_EVENTS,
  toFieldErrors,
  type WelcomeMessage,
} from '@breakwater/contracts';
import type { Namespace, Socket } from 'socket.io';
import { Authenticator } from '../../core/auth/authenticator.js';
import { authorize } from '../../core/auth/authorize.js';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { DomainEventBus } from '../../core/events/domain-event-bus.js';
import { type InstanceKey, InstancesRepository } from '../instances/instances.repository.js';
import { OverridesRepository } from '../overrides/overrides.repository.js';
import { SyncConfigSource } from './sync-config-source.js';

interface SocketData {
  environment: string;
  keyId: string;
  instance?: InstanceKey;
}

type SdkSocket = Omit<Socket, 'data'> & { data: SocketData };

/** How long ACKs gather before they are written in one statement. */
const ACK_BATCH_MS = 20;

export const environmentRoom = (environment: string): string => `env:${environment}`;
export const serviceRoom = (environment: string, service: string): string => `svc:${environment}:${service}`;

function authError(code: string, message: string): Error & { data: ErrorEnvelope } {
  return Object.assign(new Error(code), { data: { code, message } });
}

/**
 * The `/sdk` namespace: SDK keys only, each socket in its environment's rooms. On hello, a snapshot or the delta
 * since the SDK's revision; after each committed change, a delta to the service's room (through the Redis adapter,
 * so every node's sockets get it); ACK/NACK and heartbeats recorded in the instance registry.
 */
@WebSocketGateway({ namespace: SDK_NAMESPACE, transports: ['websocket'] })
export class SyncGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  @WebSocketServer() namespace!: Namespace;

  readonly nodeId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('Sync');
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private closing = false;
  private readonly seen = new Set<string>();
  private readonly unsubscribe: Array<() => void> = [];
  /** Coalesces pushes per environment and service: the lowest changed revision still to send. */
  private readonly pending = new Map<string, { environment: string; service: string; revision: number }>();
  private readonly running = new Set<string>();
  private readonly expectedHashes = new Map<string, Promise<string | undefined>>();
  private readonly acks = new Map<string, Parameters<InstancesRepository['acked']>[0][number]>();
  private ackFlush: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly source: SyncConfigSource,
    private readonly instances: InstancesRepository,
    private readonly overrides: OverridesRepository,
    private readonly events: DomainEventBus,
    @Inject(ENV) private readonly env: Env,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket as unknown as SdkSocket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
    this.heartbeat = setInterval(() => this.beat(), this.env.BREAKWATER_SYNC_HEARTBEAT_MS);
    this.heartbeat.unref();
    this.unsubscribe.push(
      this.events.on('config.changed', (event) => this.schedulePush(event.environment, event.service, event.revision)),
      this.events.on('environment.defaults_changed', (event) => {
        // Every effective config of the environment changed: each SDK asks again and gets a snapshot.
        this.namespace.to(environmentRoom(event.environment)).emit(SYNC_EVENTS.resync, {});
      }),
    );
  }

  /** Shutting down: this node's instances are disconnected now (their SDKs reconnect to another node). */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.ackFlush);
    await this.flushAcks();
    for (const stop of this.unsubscribe) stop();
    await this.instances
      .nodeStopped(this.nodeId)
      .catch((error: unknown) => this.logger.warn(`marking instances disconnected: ${String(error)}`));
  }

  private async authenticate(socket: SdkSocket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : undefined;
    const header = socket.handshake.headers.authorization;
    if (!token && !header) throw authError(SYNC_AUTH_ERRORS.missingKey, 'Connect with an SDK key (auth.token)');
    let principal;
    try {
      principal = (await this.authenticator.authenticate({ apiKey: token, authorization: header }))?.principal;
    } catch {
      throw authError(SYNC_AUTH_ERRORS.invalidKey, 'Unknown or revoked SDK key');
    }
    if (principal?.kind !== 'api_key' || principal.key.type !== 'sdk' || !principal.key.environment)
      throw authError(SYNC_AUTH_ERRORS.invalidKey, 'Only SDK keys (bw_sdk_...) may connect to /sdk');
    const environment = principal.key.environment;
    authorize(principal, { access: { minRole: 'viewer', sdk: true }, environment });
    socket.data = { environment, keyId: principal.key.id };
  }

  handleConnection(client: Socket): void {
    const socket = client as unknown as SdkSocket;
    const on = (event: string, handler: (payload: unknown) => Promise<void> | void): void => {
      socket.on(event, (payload: unknown) => {
        Promise.resolve()
          .then(() => handler(payload))
          .catch((error: unknown) => this.logger.warn(`${event} from ${socket.id} failed: ${String(error)}`));
      });
    };
    on(SYNC_EVENTS.hello, (payload) => this.onHello(socket, payload));
    on(SYNC_EVENTS.ack, (payload) => this.onAck(socket, payload));
    on(SYNC_EVENTS.nack, (payload) => this.onNack(socket, payload));
    on(SYNC_EVENTS.pong, async (payload) => {
      const pong = pongMessageSchema.safeParse(payload);
      const instance = socket.data.instance;
      if (!pong.success || !instance) return;
      this.seen.add(socket.id);
      if (pong.data.breakers) await this.instances.breakers(instance, pong.data.breakers);
    });
  }

  async handleDisconnect(client: Socket): Promise<void> {
    const socket = client as unknown as SdkSocket;
    const instance = socket.data?.instance;
    this.seen.delete(socket.id);
    if (instance && !this.closing)
      await this.instances.disconnected(instance, socket.id).then(
        () => this.events.emit({ type: 'instance.changed', ...instance, change: 'disconnected' }),
        (error: unknown) => this.logger.warn(`disconnect of ${socket.id}: ${String(error)}`),
      );
  }

  private refuse(socket: SdkSocket, envelope: ErrorEnvelope): void {
    socket.emit(SYNC_EVENTS.error, envelope);
    socket.disconnect(true);
  }

  private async onHello(socket: SdkSocket, payload: unknown): Promise<void> {
    const parsed = helloMessageSchema.safeParse(payload);
    if (!parsed.success) {
      const fields = toFieldErrors(parsed.error);
      return this.refuse(socket, {
        code: 'INVALID_HELLO',
        message: `Invalid hello: ${fields.map((f) => f.message).join('; ')}`,
        details: { fields },
      });
    }
    const hello = parsed.data;
    const { environment } = socket.data;
    if (socket.data.instance && socket.data.instance.service !== hello.service)
      return this.refuse(socket, { code: 'SERVICE_CHANGED', message: 'A connection serves one service' });
    const instance: InstanceKey = { environment, service: hello.service, instanceId: hello.instanceId };
    socket.data.instance = instance;
    await this.instances.announce({
      ...instance,
      hostname: hello.hostname,
      pid: hello.pid,
      sdkVersion: hello.sdkVersion,
      breakers: hello.breakers,
      nodeId: this.nodeId,
      socketId: socket.id,
    });
    this.events.emit({ type: 'instance.changed', ...instance, change: 'connected' });
    // Join before reading: a change committed from now on is pushed; one committed before is in what we read.
    await socket.join([environmentRoom(environment), serviceRoom(environment, hello.service)]);
    const welcome: WelcomeMessage = {
      environment,
      heartbeatIntervalMs: this.env.BREAKWATER_SYNC_HEARTBEAT_MS,
      nodeId: this.nodeId,
    };
    socket.emit(SYNC_EVENTS.welcome, welcome);
    const [changes, overrides] = await Promise.all([
      this.source.changes(environment, hello.service, hello.lastRevision),
      this.overrides.standing(environment, hello.service),
    ]);
    if (!changes) return this.refuse(socket, { code: 'NOT_FOUND', message: `Environment "${environment}" is gone` });
    if (changes.kind === 'snapshot') {
      const snapshot: SnapshotMessage = {
        service: hello.service,
        revision: changes.revision,
        configs: changes.configs,
        overrides,
      };
      socket.emit(SYNC_EVENTS.snapshot, snapshot);
    } else {
      const delta: DeltaMessage = {
        service: hello.service,
        fromRevision: changes.fromRevision,
        toRevision: changes.revision,
        upserts: changes.upserts,
        removals: changes.removals,
        overrides,
      };
      socket.emit(SYNC_EVENTS.delta, delta);
    }
  }

  private async onAck(socket: SdkSocket, payload: unknown): Promise<void> {
    const instance = socket.data.instance;
    const parsed = ackMessageSchema.safeParse(payload);
    if (!instance || !parsed.success) return;
    const { revision, contentHash } = parsed.data;
    const expected = await this.expectedHash(instance.environment, instance.service, revision);
    if (expected !== undefined && expected !== contentHash)
      this.logger.warn(`${instance.instanceId} ACKed revision ${revision} with another content hash`);
    const key = `${instance.environment}\u0000${instance.service}\u0000${instance.instanceId}`;
    const queued = this.acks.get(key);
    if (!queued || queued.revision <= revision)
      this.acks.set(key, {
        ...instance,
        revision,
        hash: contentHash,
        hashVerified: expected === undefined ? null : expected === contentHash,
      });
    // A change reaches every instance at about the same time: their ACKs are written together, a moment later.
    this.ackFlush ??= setTimeout(() => void this.flushAcks(), ACK_BATCH_MS);
  }

  private async flushAcks(): Promise<void> {
    this.ackFlush = undefined;
    const batch = [...this.acks.values()];
    this.acks.clear();
    await this.instances.acked(batch).then(
      () => {
        for (const { environment, service, instanceId } of batch)
          this.events.emit({ type: 'instance.changed', environment, service, instanceId, change: 'applied' });
      },
      (error: unknown) => this.logger.warn(`recording ACKs: ${String(error)}`),
    );
  }

  private expectedHash(environment: string, service: string, revision: number): Promise<string | undefined> {
    const key = `${environment}\u0000${service}\u0000${revision}`;
    let found = this.expectedHashes.get(key);
    if (!found) {
      if (this.expectedHashes.size > 1_000) this.expectedHashes.clear();
      found = this.source.expectedHash(environment, service, revision).catch(() => undefined);
      this.expectedHashes.set(key, found);
      // A later change may make an ACK of this revision uncheckable: keep the answer briefly only.
      setTimeout(() => this.expectedHashes.delete(key), 5_000).unref();
    }
    return found;
  }

  private async onNack(socket: SdkSocket, payload: unknown): Promise<void> {
    const instance = socket.data.instance;
    const parsed = nackMessageSchema.safeParse(payload);
    if (!instance || !parsed.success) return;
    this.logger.warn(`${instance.instanceId} rejected revision ${parsed.data.revision}: ${parsed.data.reason}`);
    await this.instances.nacked(instance, parsed.data.revision, parsed.data.reason);
    this.events.emit({ type: 'instance.changed', ...instance, change: 'nacked' });
  }

  private beat(): void {
    this.namespace.local.emit(SYNC_EVENTS.ping, { sentAt: Date.now() });
    const seen = [...this.seen];
    this.seen.clear();
    this.instances.seen(seen).catch((error: unknown) => this.logger.warn(`heartbeat bookkeeping: ${String(error)}`));
    this.dropRevokedKeys().catch((error: unknown) => this.logger.warn(`checking revoked keys: ${String(error)}`));
  }

  /** A revoked SDK key loses its open connections within a heartbeat, not only its next handshake. */
  private async dropRevokedKeys(): Promise<void> {
    const sockets = [...this.namespace.sockets.values()] as unknown as SdkSocket[];
    const keyIds = [...new Set(sockets.map((socket) => socket.data.keyId))];
    const revoked = new Set(await this.instances.revokedKeys(keyIds));
    if (revoked.size === 0) return;
    for (const socket of sockets)
      if (revoked.has(socket.data.keyId))
        this.refuse(socket, { code: SYNC_AUTH_ERRORS.revokedKey, message: 'This SDK key has been revoked' });
  }

  /** Called after a config change committed (never before: the bus emits after commit). */
  private schedulePush(environment: string, service: string, revision: number): void {
    const key = `${environment}\u0000${service}`;
    const pending = this.pending.get(key);
    if (!pending || revision < pending.revision) this.pending.set(key, { environment, service, revision });
    if (!this.running.has(key)) void this.drain(key);
  }

  private async drain(key: string): Promise<void> {
    this.running.add(key);
    try {
      for (let next = this.pending.get(key); next; next = this.pending.get(key)) {
        this.pending.delete(key);
        await this.push(next.environment, next.service, next.revision).catch((error: unknown) =>
          this.logger.error(`push of ${next?.environment}/${next?.service}: ${String(error)}`),
        );
      }
    } finally {
      this.running.delete(key);
    }
  }

  private async push(environment: string, service: string, revision: number): Promise<void> {
    const from = await this.source.previousChange(environment, service, revision);
    const changes = await this.source.changes(environment, service, from);
    if (!changes) return;
    const room = this.namespace.to(serviceRoom(environment, service));
    if (changes.kind === 'snapshot') {
      room.emit(SYNC_EVENTS.resync, {});
      return;
    }
    const delta: DeltaMessage = {
      service,
      fromRevision: changes.fromRevision,
      toRevision: changes.revision,
      upserts: changes.upserts,
      removals: changes.removals,
    };
    room.emit(SYNC_EVENTS.delta, delta);
  }

  /** An override was committed: every instance of the service, on every node, gets it now. */
  pushOverride(target: {
    environment: string;
    service: string;
    breaker: string;
    action: OverrideMessage['action'];
  }): void {
    const message: OverrideMessage = { service: target.service, breaker: target.breaker, action: target.action };
    this.namespace.to(serviceRoom(target.environment, target.service)).emit(SYNC_EVENTS.override, message);
  }
}
