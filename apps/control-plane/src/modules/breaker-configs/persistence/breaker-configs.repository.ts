import { Injectable } from '@nestjs/common';
import type { BreakerConfig, BreakerContent, BreakerOverrides, TemplateName } from '@breakwater/contracts';
import type { Tx } from '../../../core/database/transactions.js';

/** A breaker config with the content of its current version. */
export interface StoredBreaker {
  id: string;
  environment: string;
  service: string;
  name: string;
  currentVersion: number;
  revision: number;
  deleted: boolean;
  updatedAt: Date;
  updatedBy: string;
  content: BreakerContent;
  contentHash: string;
}

export interface StoredVersion {
  version: number;
  content: BreakerContent;
  effective: BreakerConfig;
  contentHash: string;
  author: string;
  message: string | undefined;
  createdAt: Date;
  revision: number;
}

interface BreakerRow {
  id: string;
  environment: string;
  service: string;
  name: string;
  current_version: number;
  revision: string;
  deleted_at: Date | null;
  updated_at: Date;
  updated_by: string;
  template: TemplateName | null;
  overrides: BreakerOverrides;
  metadata: BreakerContent['metadata'];
  content_hash: string;
}

interface VersionRow {
  version: number;
  template: TemplateName | null;
  overrides: BreakerOverrides;
  metadata: BreakerContent['metadata'];
  effective: BreakerConfig;
  content_hash: string;
  author: string;
  message: string | null;
  created_at: Date;
  revision: string;
}

function content(row: {
  template: TemplateName | null;
  overrides: BreakerOverrides;
  metadata: BreakerContent['metadata'];
}): BreakerContent {
  return row.template === null
    ? { overrides: row.overrides, metadata: row.metadata }
    : { template: row.template, overrides: row.overrides, metadata: row.metadata };
}

function toStored(row: BreakerRow): StoredBreaker {
  return {
    id: row.id,
    environment: row.environment,
    service: row.service,
    name: row.name,
    currentVersion: row.current_version,
    revision: Number(row.revision),
    deleted: row.deleted_at !== null,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    content: content(row),
    contentHash: row.content_hash,
  };
}

function toVersion(row: VersionRow): StoredVersion {
  return {
    version: row.version,
    content: content(row),
    effective: row.effective,
    contentHash: row.content_hash,
    author: row.author,
    message: row.message ?? undefined,
    createdAt: row.created_at,
    revision: Number(row.revision),
  };
}

const SELECT_BREAKER = `
  SELECT c.id, c.environment, c.service, c.name, c.current_version, c.revision, c.deleted_at, c.updated_at,
         c.updated_by, v.template, v.overrides, v.metadata, v.content_hash
  FROM breaker_configs c
  JOIN breaker_config_versions v ON v.config_id = c.id AND v.version = c.current_version`;

export interface NewVersion {
  configId: string;
  version: number;
  content: BreakerContent;
  effective: BreakerConfig;
  contentHash: string;
  author: string;
  message: string | undefined;
  revision: number;
}

@Injectable()
export class BreakerConfigsRepository {
  /** Deleted ones included (a PUT revives them); `forUpdate` locks the row until the transaction ends. */
  async find(
    tx: Tx,
    environment: string,
    service: string,
    name: string,
    forUpdate = false,
  ): Promise<StoredBreaker | undefined> {
    const rows = await tx.query<BreakerRow>(
      `${SELECT_BREAKER} WHERE c.environment = $1 AND c.service = $2 AND c.name = $3 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [environment, service, name],
    );
    return rows[0] ? toStored(rows[0]) : undefined;
  }

  async listLive(tx: Tx, environment: string, service?: string): Promise<StoredBreaker[]> {
    const rows = await tx.query<BreakerRow>(
      `${SELECT_BREAKER} WHERE c.environment = $1 AND c.deleted_at IS NULL AND ($2::text IS NULL OR c.service = $2)
       ORDER BY c.service, c.name`,
      [environment, service ?? null],
    );
    return rows.map(toStored);
  }

  /** Changed (written or deleted) after `revision`, oldest change first. */
  async changedSince(tx: Tx, environment: string, revision: number): Promise<StoredBreaker[]> {
    const rows = await tx.query<BreakerRow>(
      `${SELECT_BREAKER} WHERE c.environment = $1 AND c.revision > $2 ORDER BY c.revision`,
      [environment, revision],
    );
    return rows.map(toStored);
  }

  /** The row of a new breaker, pointing at version 1 (written next, in the same transaction). */
  async insert(
    tx: Tx,
    environment: string,
    service: string,
    name: string,
    revision: number,
    author: string,
  ): Promise<string> {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO breaker_configs (environment, service, name, current_version, revision, updated_by)
       VALUES ($1, $2, $3, 1, $4, $5) RETURNING id`,
      [environment, service, name, revision, author],
    );
    return (rows[0] as { id: string }).id;
  }

  async insertVersion(tx: Tx, version: NewVersion): Promise<void> {
    await tx.query(
      `INSERT INTO breaker_config_versions
         (config_id, version, template, overrides, metadata, effective, content_hash, author, message, revision)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10)`,
      [
        version.configId,
        version.version,
        version.content.template ?? null,
        JSON.stringify(version.content.overrides),
        JSON.stringify(version.content.metadata),
        JSON.stringify(version.effective),
        version.contentHash,
        version.author,
        version.message ?? null,
        version.revision,
      ],
    );
  }

  /** Moves the current pointer (and revives a deleted breaker). */
  async movePointer(tx: Tx, id: string, version: number, revision: number, author: string): Promise<void> {
    await tx.query(
      `UPDATE breaker_configs SET current_version = $2, revision = $3, updated_by = $4, updated_at = now(), deleted_at = NULL
       WHERE id = $1`,
      [id, version, revision, author],
    );
  }

  async softDelete(tx: Tx, id: string, revision: number, author: string): Promise<void> {
    await tx.query(
      'UPDATE breaker_configs SET deleted_at = now(), revision = $2, updated_by = $3, updated_at = now() WHERE id = $1',
      [id, revision, author],
    );
  }

  async versions(tx: Tx, configId: string): Promise<StoredVersion[]> {
    const rows = await tx.query<VersionRow>(
      'SELECT * FROM breaker_config_versions WHERE config_id = $1 ORDER BY version DESC',
      [configId],
    );
    return rows.map(toVersion);
  }

  async version(tx: Tx, configId: string, version: number): Promise<StoredVersion | undefined> {
    const rows = await tx.query<VersionRow>(
      'SELECT * FROM breaker_config_versions WHERE config_id = $1 AND version = $2',
      [configId, version],
    );
    return rows[0] ? toVersion(rows[0]) : undefined;
  }
}
