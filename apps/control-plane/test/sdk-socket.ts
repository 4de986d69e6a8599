/* eslint-disable @typescript-eslint/no-explicit-any -- tests read loosely typed pushed messages on purpose */
import {
  contentHash,
  type HelloMessage,
  SDK_NAMESPACE,
  SYNC_EVENTS,
  SYNC_PROTOCOL_VERSION,
  type SyncedConfig,
} from '@breakwater/contracts';
import { io, type Socket } from 'socket.io-client';

interface Received {
  event: string;
  payload: any;
}

/** A real socket.io client that records what the server sends, for tests to take in arrival order. */
export class RecordingSocket {
  private readonly received: Received[] = [];
  private readonly waiters: Array<() => void> = [];
  private consumed = 0;

  protected constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Connects `socket`; rejects with the server's refusal (and closes the socket). */
  protected static opened(socket: Socket): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  /** The next message of `event` (in arrival order, each returned once) that matches `predicate`. */
  async next(event: string, predicate: (payload: any) => boolean = () => true, timeoutMs = 10_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.consumed; i < this.received.length; i++) {
        const message = this.received[i] as Received;
        if (message.event === event && predicate(message.payload)) {
          this.received.splice(i, 1);
          return message.payload;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${event} within ${timeoutMs} ms; got ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Messages of `event` received and not taken by next(). */
  pending(event: string): unknown[] {
    return this.received.filter((m) => m.event === event).map((m): unknown => m.payload);
  }

  describe(): string {
    return JSON.stringify(this.received.map((m) => m.event));
  }

  /** Resolves when the server has closed the connection. */
  closedByServer(): Promise<string> {
    if (this.socket.disconnected) return Promise.resolve('already');
    return new Promise((resolve) => this.socket.once('disconnect', (reason) => resolve(reason)));
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * A protocol-level SDK client for integration tests: records what the server sends and lets the test answer
 * (ACK, NACK, pong) by hand.
 */
export class SdkSocket extends RecordingSocket {
  /** Connects (throws with the server's refusal), then says hello. */
  static async connect(
    baseUrl: string,
    sdkKey: string | undefined,
    hello: Partial<HelloMessage> = {},
  ): Promise<SdkSocket> {
    const socket = io(`${baseUrl}${SDK_NAMESPACE}`, {
      auth: sdkKey === undefined ? {} : { token: sdkKey },
      reconnection: false,
      forceNew: true,
      transports: ['websocket'],
    });
    await RecordingSocket.opened(socket);
    const client = new SdkSocket(socket);
    client.hello(hello);
    return client;
  }

  hello(hello: Partial<HelloMessage> = {}): void {
    this.socket.emit(SYNC_EVENTS.hello, {
      protocol: SYNC_PROTOCOL_VERSION,
      service: 'checkout',
      instanceId: 'instance-1',
      hostname: 'test-host',
      pid: 4242,
      sdkVersion: '0.1.0',
      lastRevision: null,
      breakers: [],
      ...hello,
    });
  }

  ack(revision: number, configs: SyncedConfig[]): void {
    this.socket.emit(SYNC_EVENTS.ack, { revision, contentHash: contentHash(configs) });
  }

  nack(revision: number, reason: string): void {
    this.socket.emit(SYNC_EVENTS.nack, { revision, reason });
  }
}
