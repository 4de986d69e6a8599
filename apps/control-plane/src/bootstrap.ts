import 'reflect-metadata';
import { type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import type { Env } from './core/config/env.js';
import { runMigrations } from './core/database/run-migrations.js';
import { defaultAdminDir, mountAdminUi } from './core/http/admin-static.js';
import { mountOpenApi } from './core/http/openapi.js';
import { RedisIoAdapter } from './modules/sync/redis-io.adapter.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface CreateAppOptions {
  logger?: LoggerService | false;
}

/** Migrates the database, then builds the Nest application (not yet listening). Tests call this too. */
export async function createApp(env: Env, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  await runMigrations({ url: env.DATABASE_URL, poolSize: 1 });
  const logger = options.logger ?? LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL) + 1);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env), {
    logger,
    abortOnError: false,
    bodyParser: false,
  });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  // JSON bodies, also bare values (`"x"`, `null`), so the schema names what is wrong instead of the parser.
  app.useBodyParser('json', { strict: false, limit: '1mb' });
  // Imports arrive as YAML text.
  app.useBodyParser('text', {
    type: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    limit: '5mb',
  });
  // SDK sockets (/sdk): pushes reach the sockets of every node through Redis.
  const ioAdapter = new RedisIoAdapter(app, env.REDIS_URL, env.REDIS_PREFIX);
  await ioAdapter.connected();
  app.useWebSocketAdapter(ioAdapter);
  mountOpenApi(app);
  mountAdminUi(app, env.BREAKWATER_ADMIN_DIR ?? defaultAdminDir());
  return app;
}
