import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Paths the SPA fallback never answers: they belong to the API, health checks and sockets. */
const SERVER_PREFIXES = ['/api/', '/health', '/socket.io/'];

/** The built admin UI next to this package in the repository (and in the Docker image). */
export function defaultAdminDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // src/core/http -> package root (works from src/ and from dist/src/)
  const packageRoot = here.includes('/dist/') ? resolve(here, '../../../..') : resolve(here, '../../..');
  return resolve(packageRoot, '../admin/dist');
}

/**
 * Serves the admin UI: hashed assets with long caching, and index.html for every other GET that accepts HTML,
 * so client-side routes survive a reload.
 */
export function mountAdminUi(app: NestExpressApplication, adminDir: string): void {
  const logger = new Logger('AdminUi');
  const indexFile = join(adminDir, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn(`Admin UI not found at ${adminDir} (build it with "npm run build -w @breakwater/admin").`);
    return;
  }
  app.useStaticAssets(join(adminDir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d' });
  app.useStaticAssets(adminDir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PREFIXES.some((prefix) => req.path.startsWith(prefix))) return next();
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  logger.log(`Serving the admin UI from ${adminDir}`);
}
