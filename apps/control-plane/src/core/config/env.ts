import { z } from 'zod';

function protocolOf(value: string): string | undefined {
  try {
    return new URL(value).protocol;
  } catch {
    return undefined; // reported by .url()
  }
}

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user:password@host:5432/database')
  .refine(
    (value) => protocolOf(value) === undefined || /^postgres(ql)?:$/.test(protocolOf(value) ?? ''),
    'must use the postgres:// scheme',
  );

const redisUrl = z
  .string()
  .url('must be a URL such as redis://host:6379')
  .refine(
    (value) => protocolOf(value) === undefined || /^rediss?:$/.test(protocolOf(value) ?? ''),
    'must use the redis:// or rediss:// scheme',
  );

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be an integer')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/**
 * Every environment variable the control plane reads, parsed once at boot.
 * A bad value stops the process with a message naming the variable.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: redisUrl,
    /** Prefix of every Redis key and queue this control plane writes (lets several deployments share one Redis). */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_-]{1,64}$/, 'must be 1-64 characters of letters, digits, ":", "_" or "-"')
      .default('bw'),
    /** Folder with the built admin UI (index.html and assets). */
    BREAKWATER_ADMIN_DIR: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    /** The first admin, created on first start when there is no user yet. */
    BREAKWATER_ADMIN_EMAIL: z.string().trim().toLowerCase().email('must be an email address').optional(),
    /** Without it, a one-time password is printed once and must be changed at first sign-in. */
    BREAKWATER_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
    /** Lifetime of a sign-in session. */
    SESSION_TTL_HOURS: z.coerce
      .number({ error: 'must be a number' })
      .positive('must be positive')
      .max(24 * 90, 'must be at most 2160')
      .default(12),
    /** Send the session cookie only over HTTPS; defaults to true in production. */
    COOKIE_SECURE: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
    /** Failed sign-ins of one email from one address within LOGIN_WINDOW_SECONDS before further attempts get 429. */
    LOGIN_MAX_FAILURES: z.coerce
      .number({ error: 'must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(1000)
      .default(5),
    LOGIN_WINDOW_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(86_400)
      .default(900),
    /** How often the control plane pings each connected SDK; SDKs reconnect after three missed pings. */
    BREAKWATER_SYNC_HEARTBEAT_MS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be an integer')
      .min(100, 'must be at least 100')
      .max(300_000, 'must be at most 300000')
      .default(10_000),
    /** How long a disconnected SDK instance stays in the instance registry before it expires. */
    BREAKWATER_INSTANCE_TTL_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be an integer')
      .min(1, 'must be at least 1')
      .max(30 * 86_400, 'must be at most 2592000')
      .default(3_600),
  })
  .refine((env) => env.BREAKWATER_ADMIN_PASSWORD === undefined || env.BREAKWATER_ADMIN_EMAIL !== undefined, {
    path: ['BREAKWATER_ADMIN_EMAIL'],
    message: 'is required when BREAKWATER_ADMIN_PASSWORD is set',
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses the environment; throws EnvError listing each bad variable and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset" for optional variables, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const message = issue.code === 'invalid_type' && cleaned[name] === undefined ? 'is required' : issue.message;
      return `${name} ${message}`;
    }),
  );
}
