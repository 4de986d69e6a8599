import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

type Commands = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * The Redis adapter does not handle the promises of its own (un)subscribe and publish calls: while Redis is away
 * they wait in the offline queue and reject on shutdown. Observe them here, and retry a subscription that failed
 * (ioredis re-subscribes after a reconnect only what was subscribed successfully, and a node that is not
 * subscribed would silently miss every change made through the other nodes).
 */
function observeCommands(client: Redis, onProblem: (message: string) => void, isClosed: () => boolean): Redis {
  const commands = client as unknown as Commands;
  for (const name of ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe', 'publish']) {
    const original = commands[name]?.bind(client);
    if (!original) continue;
    const retry = name === 'subscribe' || name === 'psubscribe';
    const call = (...args: unknown[]): Promise<unknown> => {
      const pending = original(...args);
      pending.catch((error: unknown) => {
        if (!retry || isClosed()) return;
        onProblem(`${name} failed (${String(error)}); retrying in 1 s`);
        setTimeout(() => void call(...args), 1_000).unref();
      });
      return pending;
    };
    commands[name] = call;
  }
  return client;
}

/**
 * socket.io with the Redis adapter: a message emitted to a room on one control-plane node reaches that room's
 * sockets on every node sharing the Redis (and the key prefix).
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly fanOutLogger = new Logger('RedisIoAdapter');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly key: string;
  private lastError = '';
  private closed = false;

  constructor(app: INestApplicationContext, redisUrl: string, prefix: string) {
    super(app);
    const warn = (message: string): void => this.fanOutLogger.warn(`Redis (socket fan-out): ${message}`);
    const closed = (): boolean => this.closed;
    this.pub = observeCommands(new Redis(redisUrl, { maxRetriesPerRequest: null }), warn, closed);
    this.sub = observeCommands(this.pub.duplicate(), warn, closed);
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => {
        if (error.message === this.lastError) return;
        this.lastError = error.message;
        this.fanOutLogger.warn(`Redis (socket fan-out): ${error.message}`);
      });
      client.on('ready', () => (this.lastError = ''));
    }
    this.key = `${prefix}:socket.io`;
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    server.adapter(createAdapter(this.pub, this.sub, { key: this.key }));
    return server;
  }

  /** Resolves once both connections are ready (or after `timeoutMs`: a Redis outage must not stop the boot). */
  async connected(timeoutMs = 5_000): Promise<void> {
    const ready = (client: Redis): Promise<void> =>
      client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', () => resolve()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([ready(this.pub), ready(this.sub)]),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  override async close(server: Server): Promise<void> {
    this.closed = true;
    await super.close(server);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
