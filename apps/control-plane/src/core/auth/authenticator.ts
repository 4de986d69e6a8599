import { Injectable } from '@nestjs/common';
import { AuthError } from './auth.errors.js';
import { CredentialsRepository } from './credentials.repository.js';
import { API_KEY_PREFIXES, hashToken, readCookie, SESSION_COOKIE } from './credentials.js';
import type { Principal } from './principal.js';

export interface Credentials {
  /** The Authorization header (`Bearer bw_sdk_...`). */
  authorization?: string | undefined;
  /** The Cookie header. */
  cookie?: string | undefined;
  /** A bare API key, as a socket handshake may send it (`auth: {apiKey}`). */
  apiKey?: string | undefined;
}

/** Turns the credentials of a request or socket handshake into a principal. */
@Injectable()
export class Authenticator {
  constructor(private readonly credentials: CredentialsRepository) {}

  /**
   * The principal, or undefined when no credentials were presented. A bearer key wins over a cookie.
   * Credentials that are presented but wrong (unknown, revoked, expired) throw 401.
   */
  async authenticate({
    authorization,
    cookie,
    apiKey,
  }: Credentials): Promise<{ principal: Principal; via: 'key' | 'cookie' } | undefined> {
    if (authorization || apiKey) {
      const key = apiKey ?? /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!key || !Object.values(API_KEY_PREFIXES).some((prefix) => key.startsWith(prefix)))
        throw new AuthError('UNAUTHENTICATED', 'Authorization must be "Bearer <API key>"');
      const record = await this.credentials.apiKeyByHash(hashToken(key));
      if (!record) throw new AuthError('UNAUTHENTICATED', 'Unknown or revoked API key');
      return { principal: { kind: 'api_key', key: record }, via: 'key' };
    }
    const token = readCookie(cookie, SESSION_COOKIE);
    if (token) {
      const sessionTokenHash = hashToken(token);
      const user = await this.credentials.userBySession(sessionTokenHash);
      if (!user) throw new AuthError('UNAUTHENTICATED', 'Session expired or signed out: sign in again');
      return { principal: { kind: 'user', user, sessionTokenHash }, via: 'cookie' };
    }
    return undefined;
  }
}
