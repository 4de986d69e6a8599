import { Injectable } from '@nestjs/common';
import type { FleetOverride, OverrideRequest, OverrideResponse } from '@breakwater/contracts';
import type { Actor } from '../../core/auth/principal.js';
import { Transactions, type Tx } from '../../core/database/transactions.js';
import { DomainError } from '../../core/errors/domain-error.js';
import { AuditLog } from '../audit/audit-log.js';
import { resourceIdOf } from '../breaker-configs/breaker-configs.service.js';
import { SyncGateway } from '../sync/sync.gateway.js';
import { OverridesRepository } from './overrides.repository.js';

export interface OverrideTarget {
  environment: string;
  service: string;
  breaker: string;
}

/**
 * Fleet-wide overrides: force a breaker open or closed on every instance of a service (until cleared), or reset it
 * once. Each change is audited in its own transaction and pushed to the instances right after it commits.
 */
@Injectable()
export class OverridesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly overrides: OverridesRepository,
    private readonly audit: AuditLog,
    private readonly sync: SyncGateway,
  ) {}

  private async checkTarget(target: OverrideTarget): Promise<void> {
    const rows = await this.transactions.read.query<{ env: boolean; service: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM environments WHERE name = $1) AS env,
              EXISTS (SELECT 1 FROM services WHERE name = $2) AS service`,
      [target.environment, target.service],
    );
    if (!rows[0]?.env) throw new DomainError('NOT_FOUND', `Environment "${target.environment}" does not exist`, 404);
    if (!rows[0].service) throw new DomainError('NOT_FOUND', `Service "${target.service}" does not exist`, 404);
  }

  private record(
    tx: Tx,
    actor: Actor,
    action: 'override.set' | 'override.reset' | 'override.cleared',
    target: OverrideTarget,
    change: { before: FleetOverride | undefined; after?: FleetOverride | undefined; message: string | undefined },
  ): Promise<void> {
    return this.audit.record(tx, actor, {
      action,
      resourceType: 'breaker_override',
      resourceId: resourceIdOf({ environment: target.environment, service: target.service, name: target.breaker }),
      environment: target.environment,
      ...change,
    });
  }

  list(environment: string, service?: string): Promise<FleetOverride[]> {
    return this.overrides.list(environment, service);
  }

  async set(actor: Actor, target: OverrideTarget, request: OverrideRequest): Promise<OverrideResponse> {
    await this.checkTarget(target);
    const message = request.message ?? '';
    const active = await this.transactions.run(async (tx) => {
      const before = await this.overrides.find(tx, target.environment, target.service, target.breaker);
      if (request.action === 'reset') {
        await this.record(tx, actor, 'override.reset', target, { before, after: before, message });
        tx.afterCommit({ type: 'override.changed', ...target, change: 'reset' });
        return before;
      }
      const after = await this.overrides.put(tx, target, request.action, actor.label, message);
      await this.record(tx, actor, 'override.set', target, { before, after, message });
      tx.afterCommit({ type: 'override.changed', ...target, change: 'set' });
      return after;
    });
    this.sync.pushOverride({ ...target, action: request.action });
    return { ...target, action: request.action, active: active ?? null };
  }

  async clear(actor: Actor, target: OverrideTarget, message?: string): Promise<OverrideResponse> {
    await this.checkTarget(target);
    await this.transactions.run(async (tx) => {
      const before = await this.overrides.find(tx, target.environment, target.service, target.breaker);
      if (!before)
        throw new DomainError(
          'OVERRIDE_NOT_FOUND',
          `No override is in force for ${target.service}/${target.breaker} in ${target.environment}`,
          404,
        );
      await this.overrides.remove(tx, target);
      await this.record(tx, actor, 'override.cleared', target, { before, message });
      tx.afterCommit({ type: 'override.changed', ...target, change: 'cleared' });
    });
    this.sync.pushOverride({ ...target, action: 'clear' });
    return { ...target, action: 'clear', active: null };
  }
}
