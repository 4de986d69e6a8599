import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './core/auth/auth.guard.js';
import { AuthCoreModule } from './core/auth/auth.module.js';
import { ConfigModule } from './core/config/config.module.js';
import type { Env } from './core/config/env.js';
import { DatabaseModule } from './core/database/database.module.js';
import { HttpExceptionFilter } from './core/errors/http-exception.filter.js';
import { RedisModule } from './core/redis/redis.module.js';
import { AdminLiveModule } from './modules/admin-live/admin-live.module.js';
import { ApiKeysModule } from './modules/api-keys/api-keys.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { BreakerConfigsModule } from './modules/breaker-configs/breaker-configs.module.js';
import { EnvironmentsModule } from './modules/environments/environments.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { InstancesModule } from './modules/instances/instances.module.js';
import { OverridesModule } from './modules/overrides/overrides.module.js';
import { ServicesModule } from './modules/services/services.module.js';
import { SyncModule } from './modules/sync/sync.module.js';
import { TemplatesModule } from './modules/templates/templates.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({})
export class AppModule {
  static register(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        DatabaseModule,
        RedisModule,
        AuthCoreModule,
        AuditModule,
        HealthModule,
        UsersModule,
        AuthModule,
        ApiKeysModule,
        EnvironmentsModule,
        ServicesModule,
        BreakerConfigsModule,
        TemplatesModule,
        SyncModule,
        InstancesModule,
        OverridesModule,
        AdminLiveModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
