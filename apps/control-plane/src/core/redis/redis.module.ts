import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ENV } from '../config/config.module.js';
import type { Env } from '../config/env.js';

/** Injection token of the shared ioredis client used for commands (not for blocking reads or pub/sub). */
export const REDIS = Symbol('REDIS');

export function createRedisClient(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    // Keep trying to reconnect in the background, but never let a command wait forever for it.
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    connectTimeout: 5_000,
  });
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ENV],
      useFactory: (env: Env) => createRedisClient(env.REDIS_URL, 'breakwater-control-plane'),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
