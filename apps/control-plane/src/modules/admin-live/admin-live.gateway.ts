import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  ADMIN_AUTH_ERRORS,
  ADMIN_EVENTS,
  ADMIN_NAMESPACE,
  type AdminInvalidation,
  type AdminSubscribeAck,
  adminSubscribeSchema,
} from '@breakwater/contracts';
import type { Namespace, Socket } from 'socket.io';
import { AuthError } from '../../core/auth/auth.errors.js';
import { originAllowed } from '../../core/auth/auth.guard.js';
import { Authenticator } from '../../core/auth/authenticator.js';
import { authorize } from '../../core/auth/authorize.js';
import { CredentialsRepository } from '../../core/auth/credentials.repository.js';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { DomainEventBus } from '../../core/events/domain-event-bus.js';

interface SocketData {
  userId: string;
  sessionTokenHash: string;
  environment?: string;
}

type AdminSocket = Omit<Socket, 'data'> & { data: SocketData };

/** How long instance events (a fleet ACKing a change at once) gather before one invalidation per service goes out. */
const INSTANCE_COALESCE_MS = 100;

export const adminEnvironmentRoom = (environment: string): string => `admin-env:${environment}`;
const sessionRoom = (tokenHash: string): string => `admin-session:${tokenHash}`;
const userRoom = (userId: string): string => `admin-user:${userId}`;

function handshakeError(code: string, message: string): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(code), { data: { code, message } });
}

/**
 * The `/admin` namespace: the admin UI's live channel. Session cookie only (any signed-in role, read-only), same
 * Origin as the server; a socket watches one environment and gets small invalidation events after each committed
 * change, through the Redis adapter so a change made through any node reaches every node's sockets. A session that
 * ends (sign-out, password change, user disabled) loses its sockets at once, on every node; one that expires, within
 * a heartbeat.
 */
@WebSocketGateway({ namespace: ADMIN_NAMESPACE, transports: ['websocket'] })
export class AdminLiveGateway implements OnGatewayInit<Namespace>, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() namespace!: Namespace;

  private readonly logger = new Logger('AdminLive');
  private readonly unsubscribe: Array<() => void> = [];
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly pendingInstances = new Map<string, AdminInvalidation>();
  private instanceFlush: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly credentials: CredentialsRepository,
    private readonly events: DomainEventBus,
    @Inject(ENV) private readonly env: Env,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket as unknown as AdminSocket).then(
        () => next(),
        (error: Error) => next(error),
      );
    });
    this.heartbeat = setInterval(() => void this.dropEndedSessions(), this.env.BREAKWATER_SYNC_HEARTBEAT_MS);
    this.heartbeat.unref();
    this.unsubscribe.push(
      this.events.on('config.changed', (event) =>
        this.send({
          kind: 'breaker',
          environment: event.environment,
          service: event.service,
          breaker: event.name,
          revision: event.revision,
          change: event.deleted ? 'deleted' : 'changed',
        }),
      ),
      this.events.on('override.changed', ({ environment, service, breaker, change }) =>
        this.send({ kind: 'override', environment, service, breaker, change }),
      ),
      this.events.on('instance.changed', ({ environment, service, instanceId, change }) =>
        this.queueInstance({ kind: 'instance', environment, service, instanceId, change }),
      ),
      this.events.on('sessions.ended', (event) => {
        const room = 'sessionTokenHash' in event ? sessionRoom(event.sessionTokenHash) : userRoom(event.userId);
        const keep = 'keep' in event ? event.keep : undefined;
        this.endSessions(room, keep);
      }),
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.instanceFlush);
    for (const stop of this.unsubscribe) stop();
  }

  private async authenticate(socket: AdminSocket): Promise<void> {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host))
      throw handshakeError(ADMIN_AUTH_ERRORS.badOrigin, `Origin ${headers.origin ?? ''} does not match this server`);
    let authenticated;
    try {
      // The cookie only: a browser page cannot be made to send someone else's key, and keys have the REST API.
      authenticated = await this.authenticator.authenticate({ cookie: headers.cookie });
    } catch (error) {
      throw handshakeError(ADMIN_AUTH_ERRORS.unauthenticated, error instanceof Error ? error.message : String(error));
    }
    const principal = authenticated?.principal;
    if (principal?.kind !== 'user')
      throw handshakeError(ADMIN_AUTH_ERRORS.unauthenticated, 'Sign in first: /admin needs a session cookie');
    try {
      authorize(principal, { access: { minRole: 'viewer' } });
    } catch (error) {
      throw handshakeError(
        error instanceof AuthError ? error.code : ADMIN_AUTH_ERRORS.forbidden,
        error instanceof Error ? error.message : String(error),
      );
    }
    socket.data = { userId: principal.user.id, sessionTokenHash: principal.sessionTokenHash };
  }

  async handleConnection(client: Socket): Promise<void> {
    const socket = client as unknown as AdminSocket;
    if (!socket.data?.sessionTokenHash) return;
    await socket.join([sessionRoom(socket.data.sessionTokenHash), userRoom(socket.data.userId)]);
    socket.on(ADMIN_EVENTS.subscribe, (payload: unknown, ack?: unknown) => {
      const reply = (answer: AdminSubscribeAck): void => {
        if (typeof ack === 'function') (ack as (answer: AdminSubscribeAck) => void)(answer);
      };
      const parsed = adminSubscribeSchema.safeParse(payload);
      if (!parsed.success) {
        reply({ ok: false, code: 'VALIDATION_FAILED', message: 'environment: a non-empty name is required' });
        return;
      }
      const { environment } = parsed.data;
      const previous = socket.data.environment;
      if (previous && previous !== environment) void socket.leave(adminEnvironmentRoom(previous));
      socket.data.environment = environment;
      Promise.resolve(socket.join(adminEnvironmentRoom(environment))).then(
        () => reply({ ok: true, environment }),
        (error: unknown) => reply({ ok: false, code: 'INTERNAL', message: String(error) }),
      );
    });
  }

  private send(invalidation: AdminInvalidation): void {
    this.namespace.to(adminEnvironmentRoom(invalidation.environment)).emit(ADMIN_EVENTS.invalidate, invalidation);
  }

  /** A fleet ACKs a change at about the same time: one invalidation per service and kind of change. */
  private queueInstance(invalidation: Extract<AdminInvalidation, { kind: 'instance' }>): void {
    const key = `${invalidation.environment}\u0000${invalidation.service}\u0000${invalidation.change}`;
    this.pendingInstances.set(key, invalidation);
    this.instanceFlush ??= setTimeout(() => {
      this.instanceFlush = undefined;
      const batch = [...this.pendingInstances.values()];
      this.pendingInstances.clear();
      for (const item of batch) this.send(item);
    }, INSTANCE_COALESCE_MS);
  }

  /** Tells the sockets of ended sessions (on every node, through the adapter) and disconnects them. */
  private endSessions(room: string, keep?: string): void {
    let target = this.namespace.in(room);
    if (keep) target = target.except(sessionRoom(keep));
    target.emit(ADMIN_EVENTS.sessionEnded, {});
    target.disconnectSockets(true);
  }

  /** Expired sessions (and any missed sign-out) lose this node's sockets within a heartbeat. */
  private async dropEndedSessions(): Promise<void> {
    try {
      const sockets = [...this.namespace.sockets.values()] as unknown as AdminSocket[];
      const hashes = [...new Set(sockets.map((socket) => socket.data.sessionTokenHash).filter(Boolean))];
      if (hashes.length === 0) return;
      const live = await this.credentials.liveSessions(hashes);
      for (const socket of sockets)
        if (!live.has(socket.data.sessionTokenHash)) {
          socket.emit(ADMIN_EVENTS.sessionEnded, {});
          socket.disconnect(true);
        }
    } catch (error) {
      this.logger.warn(`checking admin sessions: ${String(error)}`);
    }
  }
}
