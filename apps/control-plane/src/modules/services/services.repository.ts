import { Injectable } from '@nestjs/common';
import type { Service } from '@breakwater/contracts';
import type { Tx } from '../../core/database/transactions.js';

interface ServiceRow {
  name: string;
  description: string;
  owner: string;
  tags: string[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'name, description, owner, tags, created_at, updated_at';

function toService(row: ServiceRow): Service {
  return {
    name: row.name,
    description: row.description,
    owner: row.owner,
    tags: row.tags,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface ServiceFields {
  description?: string | undefined;
  owner?: string | undefined;
  tags?: string[] | undefined;
}

@Injectable()
export class ServicesRepository {
  async list(tx: Tx): Promise<Service[]> {
    return (await tx.query<ServiceRow>(`SELECT ${COLUMNS} FROM services ORDER BY name`)).map(toService);
  }

  async get(tx: Tx, name: string, forUpdate = false): Promise<Service | undefined> {
    const rows = await tx.query<ServiceRow>(
      `SELECT ${COLUMNS} FROM services WHERE name = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [name],
    );
    return rows[0] ? toService(rows[0]) : undefined;
  }

  /** Undefined when the name is taken. */
  async insert(tx: Tx, name: string, fields: ServiceFields): Promise<Service | undefined> {
    const rows = await tx.query<ServiceRow>(
      `INSERT INTO services (name, description, owner, tags) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [name, fields.description ?? '', fields.owner ?? '', fields.tags ?? []],
    );
    return rows[0] ? toService(rows[0]) : undefined;
  }

  async update(tx: Tx, name: string, fields: ServiceFields): Promise<Service> {
    const rows = await tx.query<ServiceRow>(
      `UPDATE services SET description = COALESCE($2, description), owner = COALESCE($3, owner),
         tags = COALESCE($4, tags), updated_at = now()
       WHERE name = $1 RETURNING ${COLUMNS}`,
      [name, fields.description ?? null, fields.owner ?? null, fields.tags ?? null],
    );
    return toService(rows[0] as ServiceRow);
  }

  async delete(tx: Tx, name: string): Promise<void> {
    await tx.query('DELETE FROM services WHERE name = $1', [name]);
  }

  /** Environments where this service still has breakers that are not deleted. */
  async environmentsWithLiveBreakers(tx: Tx, name: string): Promise<string[]> {
    const rows = await tx.query<{ environment: string }>(
      'SELECT DISTINCT environment FROM breaker_configs WHERE service = $1 AND deleted_at IS NULL ORDER BY environment',
      [name],
    );
    return rows.map((row) => row.environment);
  }
}
