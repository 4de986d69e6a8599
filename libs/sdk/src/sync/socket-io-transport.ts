import { SDK_NAMESPACE } from '@breakwater/contracts';
import { io } from 'socket.io-client';
import type { SyncTransport } from './transport.js';

/**
 * The transport over socket.io (WebSocket only, no long-polling fallback). socket.io's own reconnection is off:
 * the sync owns backoff and resume, so a reconnect always starts with a fresh hello.
 */
export const socketIoTransport: SyncTransport = ({ url, sdkKey, connectTimeoutMs }, handlers) => {
  const socket = io(`${url.replace(/\/+$/, '')}${SDK_NAMESPACE}`, {
    auth: { token: sdkKey },
    reconnection: false,
    forceNew: true,
    transports: ['websocket'],
    timeout: connectTimeoutMs,
  });
  let closed = false;
  const end = (reason: string): void => {
    if (closed) return;
    closed = true;
    socket.removeAllListeners();
    socket.offAny();
    socket.disconnect();
    handlers.onClose(reason);
  };
  socket.on('connect', () => handlers.onConnect());
  socket.on('connect_error', (error: Error) => end(`connect_error: ${error.message}`));
  socket.on('disconnect', (reason: string) => end(`disconnect: ${reason}`));
  socket.onAny((event: string, payload: unknown) => handlers.onMessage(event, payload));
  return {
    emit(event, payload) {
      if (!closed) socket.emit(event, payload);
    },
    close() {
      if (closed) return;
      closed = true;
      socket.removeAllListeners();
      socket.offAny();
      socket.disconnect();
    },
  };
};
