import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/breakwater', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected parseEnv to throw');
}

describe('parseEnv', () => {
  it('applies defaults', () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(8080);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.REDIS_PREFIX).toBe('bw');
    expect(env.SESSION_TTL_HOURS).toBe(12);
    expect(env.LOGIN_MAX_FAILURES).toBe(5);
    expect(env.LOGIN_WINDOW_SECONDS).toBe(900);
    expect(env.COOKIE_SECURE).toBeUndefined();
  });

  it('reads the first admin and cookie settings', () => {
    const env = parseEnv({
      ...valid,
      BREAKWATER_ADMIN_EMAIL: ' Admin@Example.com ',
      BREAKWATER_ADMIN_PASSWORD: 'long-enough-password',
      COOKIE_SECURE: 'true',
    });
    expect(env.BREAKWATER_ADMIN_EMAIL).toBe('admin@example.com');
    expect(env.COOKIE_SECURE).toBe(true);
  });

  it('coerces PORT and accepts its edges', () => {
    expect(parseEnv({ ...valid, PORT: '0' }).PORT).toBe(0);
    expect(parseEnv({ ...valid, PORT: '65535' }).PORT).toBe(65535);
  });

  it.each([
    [{ PORT: '65536' }, 'PORT must be between 0 and 65535'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT must be an integer'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must use the postgres:// scheme'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL must use the redis:// or rediss:// scheme'],
    [{ REDIS_PREFIX: 'has space' }, 'REDIS_PREFIX must be 1-64 characters'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BREAKWATER_ADMIN_PASSWORD: 'long-enough-password' }, 'BREAKWATER_ADMIN_EMAIL is required when'],
    [{ BREAKWATER_ADMIN_EMAIL: 'not-an-email' }, 'BREAKWATER_ADMIN_EMAIL must be an email address'],
    [
      { BREAKWATER_ADMIN_EMAIL: 'a@b.co', BREAKWATER_ADMIN_PASSWORD: 'short' },
      'BREAKWATER_ADMIN_PASSWORD must be at least 12',
    ],
    [{ SESSION_TTL_HOURS: '0' }, 'SESSION_TTL_HOURS must be positive'],
    [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE must be true or false'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES must be at least 1'],
  ])('names the variable of a bad value %j', (override, expected) => {
    const problems = problemsOf({ ...valid, ...override });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('says which required variables are missing', () => {
    expect(problemsOf({})).toEqual(['DATABASE_URL is required', 'REDIS_URL is required']);
  });

  it('treats an empty string as unset', () => {
    expect(parseEnv({ ...valid, PORT: '' }).PORT).toBe(8080);
  });
});
