import {
  ADMIN_AUTH_ERRORS,
  ADMIN_EVENTS,
  ADMIN_NAMESPACE,
  adminInvalidationSchema,
  adminSubscribeAckSchema,
} from '@breakwater/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ME_KEY, useMe } from '../../auth/api/auth.api';
import { invalidationKeys, RECONNECT_KEYS } from './invalidation-keys';

/** `live`: pushed invalidations arrive; `reconnecting`: the channel is away and views poll slowly; `off`: signed out. */
export type LiveStatus = 'live' | 'reconnecting' | 'off';

/** How often views refetch while the live channel is away. Tests may set a longer one in localStorage. */
export const LIVE_FALLBACK_MS = 30_000;
const FALLBACK_STORAGE_KEY = 'breakwater:live-fallback-ms';

function fallbackMs(): number {
  const stored = Number(globalThis.localStorage?.getItem(FALLBACK_STORAGE_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : LIVE_FALLBACK_MS;
}

/** Watches `environment` on `socket` (the server moves the socket out of the previously watched one). */
function subscribe(socket: Socket, environment: string | undefined): void {
  if (!environment) return;
  void socket
    .timeout(10_000)
    .emitWithAck(ADMIN_EVENTS.subscribe, { environment })
    .then((answer: unknown) => adminSubscribeAckSchema.parse(answer))
    .catch(() => undefined);
}

interface LiveContext {
  status: LiveStatus;
  watch: (environment: string | undefined) => void;
}

const Live = createContext<LiveContext>({ status: 'off', watch: () => undefined });

/**
 * The one socket.io connection of the app (namespace /admin, session cookie): open while a user is signed in,
 * watching the environment the shell shows; each invalidation event makes the matching queries stale, so the
 * pages on screen refetch at once.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useMe();
  const signedIn = me.data?.kind === 'user';
  const [channel, setStatus] = useState<Exclude<LiveStatus, 'off'>>('reconnecting');
  const status: LiveStatus = signedIn ? channel : 'off';
  const [environment, watch] = useState<string | undefined>();
  const socket = useRef<Socket | undefined>(undefined);
  const watched = useRef(environment);

  useEffect(() => {
    if (!signedIn) return;
    const live = io(ADMIN_NAMESPACE, { withCredentials: true, transports: ['websocket'] });
    let wasConnected = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    live.on('connect', () => {
      setStatus('live');
      subscribe(live, watched.current);
      // Whatever changed while the channel was away is refetched once.
      if (wasConnected) for (const queryKey of RECONNECT_KEYS) void client.invalidateQueries({ queryKey });
      wasConnected = true;
    });
    live.on('disconnect', (reason) => {
      setStatus('reconnecting');
      // The server closed it (session ended): check the session, which signs the page out if it is gone.
      if (reason === 'io server disconnect') void client.invalidateQueries({ queryKey: ME_KEY });
    });
    live.on('connect_error', (error) => {
      setStatus('reconnecting');
      if (error.message === ADMIN_AUTH_ERRORS.unauthenticated) void client.invalidateQueries({ queryKey: ME_KEY });
      // A refused handshake is not retried by socket.io itself.
      if (!live.active) {
        clearTimeout(retry);
        retry = setTimeout(() => live.connect(), 5_000);
      }
    });
    live.on(ADMIN_EVENTS.sessionEnded, () => client.setQueryData(ME_KEY, null));
    live.on(ADMIN_EVENTS.invalidate, (payload: unknown) => {
      const event = adminInvalidationSchema.safeParse(payload);
      if (!event.success) return;
      for (const queryKey of invalidationKeys(event.data)) void client.invalidateQueries({ queryKey });
    });
    socket.current = live;
    return () => {
      socket.current = undefined;
      clearTimeout(retry);
      live.close();
    };
  }, [signedIn, client]);

  useEffect(() => {
    watched.current = environment;
    if (socket.current?.connected) subscribe(socket.current, environment);
  }, [environment]);

  return <Live.Provider value={{ status, watch }}>{children}</Live.Provider>;
}

/** The live channel's state, for the indicator. */
export function useLiveStatus(): LiveStatus {
  return useContext(Live).status;
}

/** Watches `environment` on the live channel while the calling component is mounted (the shell). */
export function useWatchEnvironment(environment: string | undefined): void {
  const { watch } = useContext(Live);
  useEffect(() => {
    watch(environment);
  }, [watch, environment]);
}

/** `refetchInterval` for views the live channel keeps fresh: none while live, a slow fallback while it is away. */
export function useLiveRefetchInterval(): number | false {
  return useLiveStatus() === 'live' ? false : fallbackMs();
}
