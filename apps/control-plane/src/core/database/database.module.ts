import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ENV } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { DomainEventBus } from '../events/domain-event-bus.js';
import { dataSourceOptions } from './data-source-options.js';
import { Transactions } from './transactions.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        ...dataSourceOptions({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }),
        autoLoadEntities: true,
        // Migrations already ran before the app was created (see bootstrap.ts); a boot never retries forever.
        retryAttempts: 3,
        retryDelay: 1_000,
        logging: ['error', 'warn'],
      }),
    }),
  ],
  providers: [DomainEventBus, Transactions],
  exports: [DomainEventBus, Transactions],
})
export class DatabaseModule {}
