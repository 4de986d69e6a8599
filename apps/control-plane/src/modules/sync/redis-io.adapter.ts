import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

type Commands = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * The Redis adapter does not handle the promises of its own (un)subscribe and publish calls: while Redis is away they
 * wait in the offline queue and reject on shutdown. Observe them here (the outage itself is logged once by the
 * client's error handler and reported by /health/ready).
 */
function observeCommands(client: Redis): Redis {
  const commands = client as unknown as Commands;
  for (const name of ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe', 'publish']) {
    const original = commands[name]?.bind(client);
    if (!original) continue;
    commands[name] = (...args: unknown[]) => {
      const pending = original(...args);
      pending.catch(() => undefined);
      return pending;
    };
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

  constructor(app: INestApplicationContext, redisUrl: string, prefix: string) {
    super(app);
    this.pub = observeCommands(new Redis(redisUrl, { maxRetriesPerRequest: null }));
    this.sub = observeCommands(this.pub.duplicate());
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

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
