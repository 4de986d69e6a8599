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
