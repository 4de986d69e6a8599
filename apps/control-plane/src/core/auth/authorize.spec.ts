import { describe, expect, it } from 'vitest';
import { AuthError } from './auth.errors.js';
import { authorize } from './authorize.js';
import type { Principal, UserRecord } from './principal.js';

const user = (role: UserRecord['role'], mustChangePassword = false): Principal => ({
  kind: 'user',
  sessionTokenHash: 'h',
  user: {
    id: 'u',
    email: 'e',
    role,
    disabled: false,
    mustChangePassword,
    createdAt: new Date(),
    updatedAt: new Date(),
  },
});
const sdk = (environment: string): Principal => ({
  kind: 'api_key',
  key: { id: 'k', name: 'n', type: 'sdk', role: undefined, environment },
});

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof AuthError) return error.code;
    throw error;
  }
}

describe('authorize', () => {
  it('lets anyone through a public route', () => {
    expect(codeOf(() => authorize(undefined, { access: { public: true } }))).toBeUndefined();
  });

  it('wants credentials everywhere else', () => {
    expect(codeOf(() => authorize(undefined, { access: { minRole: 'viewer' } }))).toBe('UNAUTHENTICATED');
  });

  it('orders roles viewer < editor < admin', () => {
    expect(codeOf(() => authorize(user('viewer'), { access: { minRole: 'editor' } }))).toBe('FORBIDDEN');
    expect(codeOf(() => authorize(user('editor'), { access: { minRole: 'editor' } }))).toBeUndefined();
    expect(codeOf(() => authorize(user('admin'), { access: { minRole: 'editor' } }))).toBeUndefined();
    expect(codeOf(() => authorize(user('editor'), { access: { minRole: 'admin' } }))).toBe('FORBIDDEN');
  });

  it('holds a user who must change their password to session routes', () => {
    expect(codeOf(() => authorize(user('admin', true), { access: { minRole: 'viewer' } }))).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(codeOf(() => authorize(user('admin', true), { access: { session: true } }))).toBeUndefined();
  });

  it('keeps SDK keys to SDK routes of their own environment', () => {
    const access = { minRole: 'viewer', sdk: true } as const;
    expect(codeOf(() => authorize(sdk('production'), { access, environment: 'production' }))).toBeUndefined();
    expect(codeOf(() => authorize(sdk('production'), { access, environment: 'staging' }))).toBe(
      'ENVIRONMENT_FORBIDDEN',
    );
    expect(codeOf(() => authorize(sdk('production'), { access }))).toBe('ENVIRONMENT_FORBIDDEN');
    expect(
      codeOf(() => authorize(sdk('production'), { access: { minRole: 'viewer' }, environment: 'production' })),
    ).toBe('FORBIDDEN');
    expect(codeOf(() => authorize(sdk('production'), { access: { session: true } }))).toBe('FORBIDDEN');
  });
});
