import { z } from 'zod';

/** The socket.io namespace the admin UI connects to (session cookie; read-only invalidation events). */
export const ADMIN_NAMESPACE = '/admin';

/** Event names of the admin UI <-> control plane live channel. */
export const ADMIN_EVENTS = {
  /** browser -> server: watch one environment (replaces the previous one); acknowledged with `{ok}` or an error. */
  subscribe: 'admin:subscribe',
  /** server -> browser: something in the watched environment changed; refetch what it names. */
  invalidate: 'admin:invalidate',
  /** server -> browser: the session ended (sign-out, expiry, user disabled), right before the server disconnects. */
  sessionEnded: 'admin:session-ended',
} as const;

/** socket.io `connect_error` messages when the handshake is refused. */
export const ADMIN_AUTH_ERRORS = {
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  badOrigin: 'CSRF_CHECK_FAILED',
} as const;

export const adminSubscribeSchema = z.strictObject({ environment: z.string().min(1).max(100) });
export type AdminSubscribe = z.infer<typeof adminSubscribeSchema>;

export const adminSubscribeAckSchema = z.union([
  z.strictObject({ ok: z.literal(true), environment: z.string() }),
  z.strictObject({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type AdminSubscribeAck = z.infer<typeof adminSubscribeAckSchema>;

const base = { environment: z.string(), service: z.string() };

/** A small invalidation: what kind of thing changed and where; the UI refetches instead of patching. */
export const adminInvalidationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('instance'),
    ...base,
    instanceId: z.string(),
    change: z.enum(['connected', 'disconnected', 'applied', 'nacked']),
  }),
  z.strictObject({
    kind: z.literal('override'),
    ...base,
    breaker: z.string(),
    change: z.enum(['set', 'cleared', 'reset']),
  }),
  z.strictObject({
    kind: z.literal('breaker'),
    ...base,
    breaker: z.string(),
    revision: z.number().int(),
    change: z.enum(['changed', 'deleted']),
  }),
]);
export type AdminInvalidation = z.infer<typeof adminInvalidationSchema>;
