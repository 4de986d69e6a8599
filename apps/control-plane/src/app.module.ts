import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule } from './core/config/config.module.js';
import type { Env } from './core/config/env.js';
import { DatabaseModule } from './core/database/database.module.js';
import { HttpExceptionFilter } from './core/errors/http-exception.filter.js';
import { DenyByDefaultGuard } from './core/http/deny-by-default.guard.js';
import { RedisModule } from './core/redis/redis.module.js';
import { HealthModule } from './modules/health/health.module.js';

@Module({})
export class AppModule {
  static register(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(env), DatabaseModule, RedisModule, HealthModule],
      providers: [
        { provide: APP_GUARD, useClass: DenyByDefaultGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
