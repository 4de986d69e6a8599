import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '../../core/redis/redis.module.js';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Up when Redis answers PING within the timeout; a disconnected client is down at once, never queued. */
  check(key: string, timeoutMs: number) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        if (this.redis.status !== 'ready') throw new Error(`redis connection is ${String(this.redis.status)}`);
        const answer = await this.redis.ping();
        if (answer !== 'PONG') throw new Error(`unexpected PING answer ${String(answer)}`);
      })
      .withTimeout(timeoutMs);
  }
}
