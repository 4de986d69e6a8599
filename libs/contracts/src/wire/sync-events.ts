/** The socket.io namespace SDKs connect to. */
export const SDK_NAMESPACE = '/sdk';

/** Bumped when a message changes incompatibly; the server refuses a hello with another protocol. */
export const SYNC_PROTOCOL_VERSION = 1;

/** Event names of the SDK <-> control plane protocol, both directions. */
export const SYNC_EVENTS = {
  /** SDK -> server, first message after connecting (and again to ask for a resync). */
  hello: 'sync:hello',
  /** server -> SDK: environment and heartbeat interval, right after a valid hello. */
  welcome: 'sync:welcome',
  /** server -> SDK: every config of the SDK's service at a revision. */
  snapshot: 'sync:snapshot',
  /** server -> SDK: what changed between two revisions. */
  delta: 'sync:delta',
  /** SDK -> server: a snapshot or delta was applied. */
  ack: 'sync:ack',
  /** SDK -> server: a snapshot or delta was rejected; the last good config stays. */
  nack: 'sync:nack',
  /** server -> SDK every heartbeat interval; the SDK answers with pong. */
  ping: 'sync:ping',
  pong: 'sync:pong',
  /** server -> SDK: a fleet-wide override of one breaker of the service. */
  override: 'sync:override',
  /** server -> SDK: send hello again (e.g. environment defaults changed, which changes every config). */
  resync: 'sync:resync',
  /** server -> SDK: the error envelope, before the server closes the connection. */
  error: 'sync:error',
} as const;

export type SyncEventName = (typeof SYNC_EVENTS)[keyof typeof SYNC_EVENTS];

/** socket.io `connect_error` messages the server uses when the handshake is refused. */
export const SYNC_AUTH_ERRORS = {
  missingKey: 'SDK_KEY_REQUIRED',
  invalidKey: 'SDK_KEY_INVALID',
  /** Sent as a sync:error code to open connections of a key that was revoked. */
  revokedKey: 'SDK_KEY_REVOKED',
} as const;
