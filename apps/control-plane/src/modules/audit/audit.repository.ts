import { Injectable } from '@nestjs/common';
import type { AuditEvent } from '@breakwater/contracts';
import { Transactions } from '../../core/database/transactions.js';

export interface AuditFilter {
  actor?: string | undefined;
  resourceType?: string | undefined;
  resource?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

interface AuditRow {
  id: string;
  created_at: Date;
  actor_type: AuditEvent['actor']['type'];
  actor_id: string | null;
  actor_label: string;
  action: string;
  resource_type: string;
  resource_id: string;
  environment: string | null;
  before: unknown;
  after: unknown;
  message: string | null;
  ip: string | null;
  /** created_at with microseconds, for the cursor (a JS Date keeps only milliseconds). */
  position_at: string;
}

export interface Position {
  createdAt: string;
  id: string;
}

function toEvent(row: AuditRow): AuditEvent {
  const event: AuditEvent = {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    actor: { type: row.actor_type, label: row.actor_label },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
  };
  if (row.actor_id !== null) event.actor.id = row.actor_id;
  if (row.environment !== null) event.environment = row.environment;
  if (row.before !== null) event.before = row.before;
  if (row.after !== null) event.after = row.after;
  if (row.message !== null) event.message = row.message;
  if (row.ip !== null) event.ip = row.ip;
  return event;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Transactions) {}

  /** Newest first; `after` continues below a position (created_at, id) of the previous page. */
  async find(
    filter: AuditFilter,
    limit: number,
    after?: Position,
  ): Promise<Array<{ event: AuditEvent; position: Position }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (p: string) => string, value: unknown): void => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.actor)
      add((p) => `(actor_id = ${p} OR actor_label = ${p} OR actor_label = 'api-key:' || ${p})`, filter.actor);
    if (filter.resourceType) add((p) => `resource_type = ${p}`, filter.resourceType);
    if (filter.resource) add((p) => `resource_id = ${p}`, filter.resource);
    if (filter.action) add((p) => `action = ${p}`, filter.action);
    if (filter.from) add((p) => `created_at >= ${p}::timestamptz`, filter.from);
    if (filter.to) add((p) => `created_at <= ${p}::timestamptz`, filter.to);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    params.push(limit);
    const rows = await this.db.read.query<AuditRow>(
      `SELECT *, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position_at
       FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => ({ event: toEvent(row), position: { createdAt: row.position_at, id: row.id } }));
  }

  /** Failed sign-ins of this email from this address within the window (the login rate limit). */
  async countFailedLogins(email: string, ip: string | undefined, windowSeconds: number): Promise<number> {
    const rows = await this.db.read.query<{ count: string }>(
      `SELECT count(*) AS count FROM audit_events
       WHERE action = 'auth.login_failed' AND resource_id = $1 AND ip IS NOT DISTINCT FROM $2
         AND created_at > now() - make_interval(secs => $3)`,
      [email, ip ?? null, windowSeconds],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
