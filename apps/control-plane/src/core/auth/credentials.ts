import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** Name of the http-only session cookie. */
export const SESSION_COOKIE = 'bw_session';
/** Header every cookie-authenticated write must carry (a cross-site form cannot set it). */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'breakwater';

export const API_KEY_PREFIXES = { sdk: 'bw_sdk_', admin: 'bw_adm_' } as const;

/** Session tokens and API keys carry 256 random bits, so a fast hash is enough to store them. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiKey(type: keyof typeof API_KEY_PREFIXES): string {
  return `${API_KEY_PREFIXES[type]}${randomBytes(32).toString('base64url')}`;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A password of about 120 random bits, for the first admin when none is configured. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
