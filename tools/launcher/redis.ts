import { spawn, spawnSync } from 'node:child_process';
import { INSTALL_HINT, LauncherError } from './errors.js';
import { freePort, tcpExchange, waitFor } from './net.js';

export interface RedisHandle {
  url: string;
  /** Where it came from, for the launcher's one-line report. */
  origin: string;
  stop(): Promise<void>;
}

const DEFAULT_REDIS = { host: '127.0.0.1', port: 6379 };

async function answersPing(host: string, port: number): Promise<boolean> {
  return (await tcpExchange(host, port, 'PING\r\n')).startsWith('+PONG');
}

function findRedisServer(): string | undefined {
  const result = spawnSync(
    'sh',
    ['-c', 'command -v redis-server || ls /usr/bin/redis-server /usr/sbin/redis-server 2>/dev/null'],
    {
      encoding: 'utf8',
    },
  );
  return result.stdout
    .split('\n')
    .find((line) => line.trim().length > 0)
    ?.trim();
}

/**
 * REDIS_URL when set; else a Redis on 127.0.0.1:6379 (skipped with BREAKWATER_PRIVATE_SERVICES=1); else a
 * private redis-server on a free port.
 */
export async function ensureRedis(env: NodeJS.ProcessEnv): Promise<RedisHandle> {
  if (env['REDIS_URL']) return { url: env['REDIS_URL'], origin: 'REDIS_URL', stop: () => Promise.resolve() };
  const privateOnly = env['BREAKWATER_PRIVATE_SERVICES'] === '1';
  if (!privateOnly && (await answersPing(DEFAULT_REDIS.host, DEFAULT_REDIS.port))) {
    return { url: 'redis://127.0.0.1:6379', origin: 'the Redis on 127.0.0.1:6379', stop: () => Promise.resolve() };
  }
  const binary = findRedisServer();
  if (!binary)
    throw new LauncherError(
      `No Redis found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and redis-server is not installed. ${INSTALL_HINT}`,
    );
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(`redis-server on port ${port}`, () => answersPing('127.0.0.1', port), 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    origin: `a private redis-server on port ${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
