import { Injectable } from '@nestjs/common';
import type { CreateServiceRequest, Service, UpdateServiceRequest } from '@breakwater/contracts';
import type { Actor } from '../../core/auth/principal.js';
import { type Tx, Transactions } from '../../core/database/transactions.js';
import { DomainError } from '../../core/errors/domain-error.js';
import { AuditLog } from '../audit/audit-log.js';
import { ServicesRepository } from './services.repository.js';

export class ServiceNotFoundError extends DomainError {
  constructor(name: string) {
    super('SERVICE_NOT_FOUND', `No service named ${name}`, 404);
  }
}

@Injectable()
export class ServicesService {
  constructor(
    private readonly db: Transactions,
    private readonly services: ServicesRepository,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<Service[]> {
    return this.services.list(this.db.read);
  }

  async get(name: string): Promise<Service> {
    const service = await this.services.get(this.db.read, name);
    if (!service) throw new ServiceNotFoundError(name);
    return service;
  }

  create(actor: Actor, request: CreateServiceRequest): Promise<Service> {
    return this.db.run((tx) => this.createIn(tx, actor, request));
  }

  /** Creates inside the caller's transaction (import creates missing services this way). */
  async createIn(tx: Tx, actor: Actor, request: CreateServiceRequest): Promise<Service> {
    const { name, message, ...fields } = request;
    const service = await this.services.insert(tx, name, fields);
    if (!service) throw new DomainError('SERVICE_EXISTS', `A service named ${name} already exists`, 409);
    await this.audit.record(tx, actor, {
      action: 'service.created',
      resourceType: 'service',
      resourceId: name,
      after: service,
      message,
    });
    return service;
  }

  async exists(tx: Tx, name: string): Promise<boolean> {
    return (await this.services.get(tx, name)) !== undefined;
  }

  update(actor: Actor, name: string, request: UpdateServiceRequest): Promise<Service> {
    return this.db.run(async (tx) => {
      const before = await this.services.get(tx, name, true);
      if (!before) throw new ServiceNotFoundError(name);
      const { message, ...fields } = request;
      const after = await this.services.update(tx, name, fields);
      await this.audit.record(tx, actor, {
        action: 'service.updated',
        resourceType: 'service',
        resourceId: name,
        before,
        after,
        message,
      });
      return after;
    });
  }

  /** Refused while the service has live breakers; the history of its deleted breakers is kept. */
  delete(actor: Actor, name: string): Promise<void> {
    return this.db.run(async (tx) => {
      const before = await this.services.get(tx, name, true);
      if (!before) throw new ServiceNotFoundError(name);
      const environments = await this.services.environmentsWithLiveBreakers(tx, name);
      if (environments.length > 0)
        throw new DomainError(
          'SERVICE_IN_USE',
          `Service ${name} still has breakers in ${environments.join(', ')}: delete them first`,
          409,
          { environments },
        );
      await this.services.delete(tx, name);
      await this.audit.record(tx, actor, {
        action: 'service.deleted',
        resourceType: 'service',
        resourceId: name,
        before,
      });
    });
  }
}
