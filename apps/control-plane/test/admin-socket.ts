import { ADMIN_EVENTS, ADMIN_NAMESPACE, type AdminSubscribeAck } from '@breakwater/contracts';
import { io } from 'socket.io-client';
import type { ApiClient } from './api-client.js';
import { RecordingSocket } from './sdk-socket.js';

/** The admin UI's live channel as a test sees it: a socket.io client sending a session cookie, like a browser. */
export class AdminSocket extends RecordingSocket {
  /** Connects with the session cookie of `user` (or none); throws with the server's refusal. */
  static async connect(
    baseUrl: string,
    user: ApiClient | undefined,
    headers: Record<string, string> = {},
  ): Promise<AdminSocket> {
    const cookie = user?.credentials && 'cookie' in user.credentials ? user.credentials.cookie : undefined;
    const socket = io(`${baseUrl}${ADMIN_NAMESPACE}`, {
      extraHeaders: { ...(cookie ? { cookie } : {}), ...headers },
      reconnection: false,
      forceNew: true,
      transports: ['websocket'],
    });
    await RecordingSocket.opened(socket);
    return new AdminSocket(socket);
  }

  subscribe(environment: unknown): Promise<AdminSubscribeAck> {
    return this.socket.timeout(10_000).emitWithAck(ADMIN_EVENTS.subscribe, { environment });
  }
}
