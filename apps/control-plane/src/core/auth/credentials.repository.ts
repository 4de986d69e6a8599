import { Injectable } from '@nestjs/common';
import type { ApiKeyType, Role } from '@breakwater/contracts';
import { Transactions } from '../database/transactions.js';
import type { ApiKeyRecord, UserRecord } from './principal.js';

export interface UserRow {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  must_change_password: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export const USER_COLUMNS = 'u.id, u.email, u.role, u.disabled, u.must_change_password, u.created_at, u.updated_at';

interface KeyRow {
  id: string;
  name: string;
  type: ApiKeyType;
  role: Role | null;
  environment: string | null;
}

/** Look-ups of the credentials a request presents (session token, API key), by their hashes. */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly db: Transactions) {}

  async userBySession(tokenHash: string): Promise<UserRecord | undefined> {
    const rows = await this.db.read.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    return rows[0] ? toUserRecord(rows[0]) : undefined;
  }

  /** Which of these session token hashes still belong to an unexpired session of an enabled user. */
  async liveSessions(tokenHashes: string[]): Promise<Set<string>> {
    if (tokenHashes.length === 0) return new Set();
    const rows = await this.db.read.query<{ token_hash: string }>(
      `SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ANY($1::text[]) AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHashes],
    );
    return new Set(rows.map((row) => row.token_hash));
  }

  /** The live key with this hash; records when it was used (at most once a minute, to spare writes). */
  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.db.read.query<KeyRow & { stale: boolean }>(
      `SELECT id, name, type, role, environment,
              (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
       FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [keyHash],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.stale) await this.db.read.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]);
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      role: row.role ?? undefined,
      environment: row.environment ?? undefined,
    };
  }
}
