import { Injectable } from '@nestjs/common';
import type { FleetOverride, StandingOverride, StandingOverrideAction } from '@breakwater/contracts';
import { Transactions, type Tx } from '../../core/database/transactions.js';

interface OverrideRow {
  environment: string;
  service: string;
  breaker: string;
  action: StandingOverrideAction;
  created_by: string;
  created_at: Date;
  message: string;
}

function toOverride(row: OverrideRow): FleetOverride {
  return {
    environment: row.environment,
    service: row.service,
    breaker: row.breaker,
    action: row.action,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    message: row.message,
  };
}

/** Standing fleet-wide overrides (force_open / force_close), one per breaker of a service. */
@Injectable()
export class OverridesRepository {
  constructor(private readonly transactions: Transactions) {}

  async list(environment: string, service?: string, tx: Tx = this.transactions.read): Promise<FleetOverride[]> {
    const rows = await tx.query<OverrideRow>(
      `SELECT * FROM fleet_overrides WHERE environment = $1 AND ($2::text IS NULL OR service = $2)
       ORDER BY service, breaker`,
      [environment, service ?? null],
    );
    return rows.map(toOverride);
  }

  async standing(environment: string, service: string): Promise<StandingOverride[]> {
    return (await this.list(environment, service)).map(({ breaker, action }) => ({ breaker, action }));
  }

  async find(tx: Tx, environment: string, service: string, breaker: string): Promise<FleetOverride | undefined> {
    const rows = await tx.query<OverrideRow>(
      'SELECT * FROM fleet_overrides WHERE environment = $1 AND service = $2 AND breaker = $3 FOR UPDATE',
      [environment, service, breaker],
    );
    return rows[0] ? toOverride(rows[0]) : undefined;
  }

  async put(
    tx: Tx,
    key: { environment: string; service: string; breaker: string },
    action: StandingOverrideAction,
    createdBy: string,
    message: string,
  ): Promise<FleetOverride> {
    const rows = await tx.query<OverrideRow>(
      `INSERT INTO fleet_overrides (environment, service, breaker, action, created_by, message)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (environment, service, breaker) DO UPDATE SET
         action = EXCLUDED.action, created_by = EXCLUDED.created_by, message = EXCLUDED.message, created_at = now()
       RETURNING *`,
      [key.environment, key.service, key.breaker, action, createdBy, message],
    );
    return toOverride(rows[0] as OverrideRow);
  }

  async remove(tx: Tx, key: { environment: string; service: string; breaker: string }): Promise<void> {
    await tx.query('DELETE FROM fleet_overrides WHERE environment = $1 AND service = $2 AND breaker = $3', [
      key.environment,
      key.service,
      key.breaker,
    ]);
  }
}
