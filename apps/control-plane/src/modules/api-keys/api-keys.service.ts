import { Injectable } from '@nestjs/common';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey } from '@breakwater/contracts';
import { hashToken, newApiKey } from '../../core/auth/credentials.js';
import type { Actor } from '../../core/auth/principal.js';
import { Transactions } from '../../core/database/transactions.js';
import { DomainError } from '../../core/errors/domain-error.js';
import { AuditLog } from '../audit/audit-log.js';
import { EnvironmentsRepository } from '../environments/environments.repository.js';
import { ApiKeysRepository } from './api-keys.repository.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Transactions,
    private readonly keys: ApiKeysRepository,
    private readonly environments: EnvironmentsRepository,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<ApiKey[]> {
    return this.keys.list(this.db.read);
  }

  /** The secret is in this response only; the database keeps its hash. */
  async create(actor: Actor, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const secret = newApiKey(request.type);
    return this.db.run(async (tx) => {
      if (request.environment !== undefined && !(await this.environments.get(tx, request.environment)))
        throw new DomainError('ENVIRONMENT_NOT_FOUND', `No environment named ${request.environment}`, 404);
      const key = await this.keys.insert(tx, {
        name: request.name,
        type: request.type,
        role: request.role,
        environment: request.environment,
        prefix: secret.slice(0, 12),
        keyHash: hashToken(secret),
        createdBy: actor.label,
      });
      await this.audit.record(tx, actor, {
        action: 'api_key.created',
        resourceType: 'api_key',
        resourceId: key.id,
        environment: key.environment,
        after: key,
      });
      return { ...key, secret };
    });
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.db.run(async (tx) => {
      const result = await this.keys.revoke(tx, id);
      if (!result) throw new DomainError('API_KEY_NOT_FOUND', `No API key with id ${id}`, 404);
      await this.audit.record(tx, actor, {
        action: 'api_key.revoked',
        resourceType: 'api_key',
        resourceId: id,
        environment: result.after.environment,
        before: result.before,
        after: result.after,
      });
    });
  }
}
