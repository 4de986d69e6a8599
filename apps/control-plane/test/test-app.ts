import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/bootstrap.js';
import { parseEnv } from '../src/core/config/env.js';

/** The first admin every test app starts with (see UsersService.onApplicationBootstrap). */
export const TEST_ADMIN = { email: 'admin@breakwater.test', password: 'admin-password-for-tests' } as const;

export interface TestApp {
  app: NestExpressApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real control plane on a free loopback port, configured through the same env parsing as production. */
export async function startTestApp(vars: Record<string, string>): Promise<TestApp> {
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    BREAKWATER_ADMIN_EMAIL: TEST_ADMIN.email,
    BREAKWATER_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...vars,
  });
  const app = await createApp(env, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}
