import { Injectable } from '@nestjs/common';
import type { Actor } from '../../core/auth/principal.js';
import type { Tx } from '../../core/database/transactions.js';

export interface AuditEntry {
  action: string;
  resourceType: string;
  resourceId: string;
  environment?: string | undefined;
  before?: unknown;
  after?: unknown;
  message?: string | undefined;
}

/**
 * Writes audit events inside the caller's transaction, so a change and its audit row commit or roll back
 * together. Every module that changes state records through this.
 */
@Injectable()
export class AuditLog {
  async record(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO audit_events
         (actor_type, actor_id, actor_label, action, resource_type, resource_id, environment, before, after, message, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
      [
        actor.type,
        actor.id ?? null,
        actor.label,
        entry.action,
        entry.resourceType,
        entry.resourceId,
        entry.environment ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.message ?? null,
        actor.ip ?? null,
      ],
    );
  }
}
