import { Injectable } from '@nestjs/common';
import {
  type BreakerOverrides,
  type CreateEnvironmentRequest,
  type Environment,
  type FieldError,
  resolveBreakerConfig,
  type UpdateEnvironmentRequest,
} from '@breakwater/contracts';
import type { Actor } from '../../core/auth/principal.js';
import { type Tx, Transactions } from '../../core/database/transactions.js';
import { DomainError } from '../../core/errors/domain-error.js';
import { AuditLog } from '../audit/audit-log.js';
import { EnvironmentsRepository } from './environments.repository.js';

export class EnvironmentNotFoundError extends DomainError {
  constructor(name: string) {
    super('ENVIRONMENT_NOT_FOUND', `No environment named ${name}`, 404);
  }
}

@Injectable()
export class EnvironmentsService {
  constructor(
    private readonly db: Transactions,
    private readonly environments: EnvironmentsRepository,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<Environment[]> {
    return this.environments.list(this.db.read);
  }

  async get(name: string, tx: Tx = this.db.read): Promise<Environment> {
    const env = await this.environments.get(tx, name);
    if (!env) throw new EnvironmentNotFoundError(name);
    return env;
  }

  async create(actor: Actor, request: CreateEnvironmentRequest): Promise<Environment> {
    return this.db.run(async (tx) => {
      const env = await this.environments.insert(tx, {
        name: request.name,
        description: request.description ?? '',
        defaults: request.defaults ?? {},
      });
      if (!env) throw new DomainError('ENVIRONMENT_EXISTS', `An environment named ${request.name} already exists`, 409);
      await this.audit.record(tx, actor, {
        action: 'environment.created',
        resourceType: 'environment',
        resourceId: env.name,
        environment: env.name,
        after: env,
        message: request.message,
      });
      return env;
    });
  }

  /** New defaults must leave every live breaker of the environment valid; otherwise nothing changes (400). */
  async update(actor: Actor, name: string, request: UpdateEnvironmentRequest): Promise<Environment> {
    return this.db.run(async (tx) => {
      const before = await this.environments.get(tx, name, true);
      if (!before) throw new EnvironmentNotFoundError(name);
      if (request.defaults !== undefined) await this.checkDefaults(tx, name, request.defaults);
      const after = await this.environments.update(tx, name, request);
      await this.audit.record(tx, actor, {
        action: 'environment.updated',
        resourceType: 'environment',
        resourceId: name,
        environment: name,
        before,
        after,
        message: request.message,
      });
      if (request.defaults !== undefined)
        tx.afterCommit({ type: 'environment.defaults_changed', environment: name, revision: after.revision });
      return after;
    });
  }

  private async checkDefaults(tx: Tx, environment: string, defaults: BreakerOverrides): Promise<void> {
    const fields: FieldError[] = [];
    for (const breaker of await this.environments.liveBreakers(tx, environment)) {
      const result = resolveBreakerConfig({
        name: breaker.name,
        environment,
        template: breaker.template ?? undefined,
        environmentDefaults: defaults,
        overrides: breaker.overrides,
      });
      if (!result.success)
        for (const error of result.errors)
          fields.push({
            ...error,
            path: `defaults (${breaker.service}/${breaker.name}).${error.path}`,
            message: `${breaker.service}/${breaker.name}: ${error.message}`,
          });
    }
    if (fields.length > 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        `These defaults would make ${fields.length} breaker setting(s) invalid: ${fields.map((f) => f.message).join('; ')}`,
        400,
        { fields },
      );
  }
}
