import { Injectable } from '@nestjs/common';
import type { BreakerOverrides, Environment, TemplateName } from '@breakwater/contracts';
import type { Tx } from '../../core/database/transactions.js';

interface EnvironmentRow {
  name: string;
  description: string;
  built_in: boolean;
  defaults: BreakerOverrides;
  revision: string;
  created_at: Date;
}

const COLUMNS = 'name, description, built_in, defaults, revision, created_at';

function toEnvironment(row: EnvironmentRow): Environment {
  return {
    name: row.name,
    description: row.description,
    builtIn: row.built_in,
    defaults: row.defaults,
    revision: Number(row.revision),
    createdAt: row.created_at.toISOString(),
  };
}

/** The stored content of a live breaker, for re-checking it against new environment defaults. */
export interface LiveBreakerContent {
  service: string;
  name: string;
  template: TemplateName | null;
  overrides: BreakerOverrides;
}

@Injectable()
export class EnvironmentsRepository {
  async list(tx: Tx): Promise<Environment[]> {
    const rows = await tx.query<EnvironmentRow>(
      `SELECT ${COLUMNS} FROM environments ORDER BY built_in DESC, created_at, name`,
    );
    return rows.map(toEnvironment);
  }

  async get(tx: Tx, name: string, forUpdate = false): Promise<Environment | undefined> {
    const rows = await tx.query<EnvironmentRow>(
      `SELECT ${COLUMNS} FROM environments WHERE name = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [name],
    );
    return rows[0] ? toEnvironment(rows[0]) : undefined;
  }

  /** Undefined when the name is taken. */
  async insert(
    tx: Tx,
    env: { name: string; description: string; defaults: BreakerOverrides },
  ): Promise<Environment | undefined> {
    const rows = await tx.query<EnvironmentRow>(
      `INSERT INTO environments (name, description, defaults) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [env.name, env.description, JSON.stringify(env.defaults)],
    );
    return rows[0] ? toEnvironment(rows[0]) : undefined;
  }

  async update(
    tx: Tx,
    name: string,
    changes: { description?: string | undefined; defaults?: BreakerOverrides | undefined },
  ): Promise<Environment> {
    const rows = await tx.query<EnvironmentRow>(
      `UPDATE environments SET
         description = COALESCE($2, description),
         defaults = COALESCE($3::jsonb, defaults),
         revision = CASE WHEN $3::jsonb IS NULL THEN revision ELSE revision + 1 END,
         defaults_revision = CASE WHEN $3::jsonb IS NULL THEN defaults_revision ELSE revision + 1 END,
         updated_at = now()
       WHERE name = $1 RETURNING ${COLUMNS}`,
      [name, changes.description ?? null, changes.defaults === undefined ? null : JSON.stringify(changes.defaults)],
    );
    return toEnvironment(rows[0] as EnvironmentRow);
  }

  /**
   * Bumps the environment's revision and returns the new value. The row lock it takes serialises writes to one
   * environment, so revisions are handed out in commit order.
   */
  async nextRevision(tx: Tx, name: string): Promise<number | undefined> {
    const rows = await tx.query<{ revision: string }>(
      'UPDATE environments SET revision = revision + 1 WHERE name = $1 RETURNING revision',
      [name],
    );
    return rows[0] ? Number(rows[0].revision) : undefined;
  }

  /** The revision at which the defaults last changed. */
  async defaultsRevision(tx: Tx, name: string): Promise<number> {
    const rows = await tx.query<{ defaults_revision: string }>(
      'SELECT defaults_revision FROM environments WHERE name = $1',
      [name],
    );
    return Number(rows[0]?.defaults_revision ?? 0);
  }

  async liveBreakers(tx: Tx, environment: string): Promise<LiveBreakerContent[]> {
    return tx.query<LiveBreakerContent>(
      `SELECT c.service, c.name, v.template, v.overrides FROM breaker_configs c
       JOIN breaker_config_versions v ON v.config_id = c.id AND v.version = c.current_version
       WHERE c.environment = $1 AND c.deleted_at IS NULL`,
      [environment],
    );
  }
}
