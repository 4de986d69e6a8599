import { describe, expect, it } from 'vitest';
import { Authenticator } from './authenticator.js';
import type { CredentialsRepository } from './credentials.repository.js';
import { hashToken } from './credentials.js';
import type { ApiKeyRecord, UserRecord } from './principal.js';

const key: ApiKeyRecord = { id: 'k1', name: 'sdk', type: 'sdk', role: undefined, environment: 'production' };
const user: UserRecord = {
  id: 'u1',
  email: 'a@b.c',
  role: 'viewer',
  disabled: false,
  mustChangePassword: false,
  createdAt: new Date(),
  updatedAt: new Date(),
};

/** A fake store that knows one key and one session token, by their hashes. */
const store = {
  apiKeyByHash: (hash: string) => Promise.resolve(hash === hashToken('bw_sdk_good') ? key : undefined),
  userBySession: (hash: string) => Promise.resolve(hash === hashToken('token') ? user : undefined),
} as unknown as CredentialsRepository;

describe('Authenticator', () => {
  const authenticator = new Authenticator(store);

  it('is anonymous without credentials', async () => {
    await expect(authenticator.authenticate({})).resolves.toBeUndefined();
    await expect(authenticator.authenticate({ cookie: 'other=1' })).resolves.toBeUndefined();
  });

  it('accepts a bearer key, a bare key (socket handshakes) and a session cookie', async () => {
    await expect(authenticator.authenticate({ authorization: 'Bearer bw_sdk_good' })).resolves.toMatchObject({
      via: 'key',
      principal: { kind: 'api_key', key },
    });
    await expect(authenticator.authenticate({ apiKey: 'bw_sdk_good' })).resolves.toMatchObject({ via: 'key' });
    await expect(authenticator.authenticate({ cookie: 'a=1; bw_session=token' })).resolves.toMatchObject({
      via: 'cookie',
      principal: { kind: 'user', user, sessionTokenHash: hashToken('token') },
    });
  });

  it.each([
    [{ authorization: 'Basic abc' }],
    [{ authorization: 'Bearer not-a-breakwater-key' }],
    [{ authorization: 'Bearer bw_sdk_revoked' }],
    [{ cookie: 'bw_session=expired' }],
  ])('refuses presented but wrong credentials with 401: %j', async (credentials) => {
    await expect(authenticator.authenticate(credentials)).rejects.toMatchObject({ status: 401 });
  });
});
