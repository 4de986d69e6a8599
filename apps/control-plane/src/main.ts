import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { EnvError, parseEnv } from './core/config/env.js';

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`breakwater: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  new Logger('Breakwater').log(`Control plane listening on http://localhost:${port}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `breakwater: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
