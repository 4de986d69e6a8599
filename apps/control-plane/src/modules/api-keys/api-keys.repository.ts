import { Injectable } from '@nestjs/common';
import type { ApiKey, ApiKeyType, Role } from '@breakwater/contracts';
import type { Tx } from '../../core/database/transactions.js';

interface ApiKeyRow {
  id: string;
  name: string;
  type: ApiKeyType;
  role: Role | null;
  environment: string | null;
  prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, type, role, environment, prefix, created_by, created_at, last_used_at, revoked_at';

function toApiKey(row: ApiKeyRow): ApiKey {
  const key: ApiKey = {
    id: row.id,
    name: row.name,
    type: row.type,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
  };
  if (row.role) key.role = row.role;
  if (row.environment) key.environment = row.environment;
  if (row.created_by) key.createdBy = row.created_by;
  if (row.last_used_at) key.lastUsedAt = row.last_used_at.toISOString();
  if (row.revoked_at) key.revokedAt = row.revoked_at.toISOString();
  return key;
}

export interface NewApiKey {
  name: string;
  type: ApiKeyType;
  role: Role | undefined;
  environment: string | undefined;
  prefix: string;
  keyHash: string;
  createdBy: string;
}

@Injectable()
export class ApiKeysRepository {
  async list(tx: Tx): Promise<ApiKey[]> {
    const rows = await tx.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`);
    return rows.map(toApiKey);
  }

  async insert(tx: Tx, key: NewApiKey): Promise<ApiKey> {
    const rows = await tx.query<ApiKeyRow>(
      `INSERT INTO api_keys (name, type, role, environment, prefix, key_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [key.name, key.type, key.role ?? null, key.environment ?? null, key.prefix, key.keyHash, key.createdBy],
    );
    return toApiKey(rows[0] as ApiKeyRow);
  }

  /** Undefined when there is no such key; a revoked key stays revoked at its first revocation time. */
  async revoke(tx: Tx, id: string): Promise<{ before: ApiKey; after: ApiKey } | undefined> {
    const before = await tx.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id::text = $1 FOR UPDATE`, [id]);
    if (!before[0]) return undefined;
    const after = await tx.query<ApiKeyRow>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id::text = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return { before: toApiKey(before[0]), after: toApiKey(after[0] as ApiKeyRow) };
  }
}
