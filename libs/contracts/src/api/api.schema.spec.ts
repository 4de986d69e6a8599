import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../validation/field-errors.js';
import { createApiKeyRequestSchema } from './api-keys.schema.js';
import { auditQuerySchema } from './audit.schema.js';
import { roleAtLeast } from './common.schema.js';
import { API_ROUTES } from './routes.js';

function paths(result: { success: boolean; error?: Parameters<typeof toFieldErrors>[0] }): string[] {
  return result.error ? toFieldErrors(result.error).map((e) => e.path) : [];
}

describe('API schemas', () => {
  it('an sdk key needs an environment and no role; an admin key a role and no environment', () => {
    expect(createApiKeyRequestSchema.safeParse({ name: 'a', type: 'sdk', environment: 'production' }).success).toBe(
      true,
    );
    expect(paths(createApiKeyRequestSchema.safeParse({ name: 'a', type: 'sdk', role: 'admin' }))).toEqual([
      'environment',
      'role',
    ]);
    expect(paths(createApiKeyRequestSchema.safeParse({ name: ' ', type: 'admin' }))).toEqual(['name', 'role']);
  });

  it('audit queries coerce the limit and want from before to', () => {
    expect(auditQuerySchema.parse({ limit: '20' }).limit).toBe(20);
    expect(auditQuerySchema.parse({}).limit).toBe(50);
    expect(paths(auditQuerySchema.safeParse({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).toEqual([
      'to',
    ]);
  });

  it('roles are ordered viewer < editor < admin', () => {
    expect(roleAtLeast('admin', 'editor')).toBe(true);
    expect(roleAtLeast('viewer', 'editor')).toBe(false);
  });

  it('every route has a unique method and path under /', () => {
    const keys = Object.values(API_ROUTES).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^(get|post|put|patch|delete) \/[a-z]/);
  });
});
