/** One connection attempt to the control plane. A new one is opened for each (re)connect. */
export interface SyncConnection {
  emit(event: string, payload: unknown): void;
  /** Closes without reporting a disconnect to the handlers. */
  close(): void;
}

export interface ConnectionHandlers {
  onConnect(): void;
  onMessage(event: string, payload: unknown): void;
  /** The connection ended or never came up; `reason` is for logs. */
  onClose(reason: string): void;
}

export type SyncTransport = (
  target: { url: string; sdkKey: string; connectTimeoutMs: number },
  handlers: ConnectionHandlers,
) => SyncConnection;
