import { Injectable } from '@nestjs/common';
import type {
  Breaker,
  BreakerContent,
  BreakerDiff,
  BreakerListQuery,
  BreakerVersion,
  ChangesResponse,
  Environment,
} from '@breakwater/contracts';
import type { Actor } from '../../core/auth/principal.js';
import { type Tx, Transactions } from '../../core/database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { EnvironmentsRepository } from '../environments/environments.repository.js';
import { EnvironmentNotFoundError } from '../environments/environments.service.js';
import { ServiceNotFoundError, ServicesService } from '../services/services.service.js';
import { contentHash, diffValues, effectiveConfig } from './breaker-config.js';
import { BreakerConfigError } from './breaker-config.errors.js';
import {
  BreakerConfigsRepository,
  type StoredBreaker,
  type StoredVersion,
} from './persistence/breaker-configs.repository.js';

export interface BreakerKey {
  environment: string;
  service: string;
  name: string;
}

export type WriteAction =
  'breaker_config.created' | 'breaker_config.updated' | 'breaker_config.rolled_back' | 'breaker_config.imported';

export interface WriteResult {
  breaker: Breaker;
  /** `unchanged` when the content equals the current version's (nothing written). */
  outcome: 'created' | 'updated' | 'unchanged';
}

export const resourceIdOf = (key: BreakerKey): string => `${key.environment}/${key.service}/${key.name}`;

function versionView(version: StoredVersion): BreakerVersion {
  const view: BreakerVersion = {
    version: version.version,
    overrides: version.content.overrides,
    metadata: version.content.metadata,
    effective: version.effective,
    contentHash: version.contentHash,
    author: version.author,
    createdAt: version.createdAt.toISOString(),
    revision: version.revision,
  };
  if (version.content.template) view.template = version.content.template;
  if (version.message !== undefined) view.message = version.message;
  return view;
}

/** Versioned breaker configs: every write is a new immutable version, its audit event and a revision bump, in one transaction. */
@Injectable()
export class BreakerConfigsService {
  constructor(
    private readonly db: Transactions,
    private readonly configs: BreakerConfigsRepository,
    private readonly environments: EnvironmentsRepository,
    private readonly services: ServicesService,
    private readonly audit: AuditLog,
  ) {}

  /** The API view: stored content plus the effective config under the environment's current defaults. */
  toView(stored: StoredBreaker, environment: Environment): Breaker {
    const effective = effectiveConfig(stored.name, environment.name, environment.defaults, stored.content);
    const view: Breaker = {
      environment: stored.environment,
      service: stored.service,
      name: stored.name,
      version: stored.currentVersion,
      overrides: stored.content.overrides,
      metadata: stored.content.metadata,
      effective: effective.config,
      sources: effective.sources,
      contentHash: stored.contentHash,
      updatedAt: stored.updatedAt.toISOString(),
      updatedBy: stored.updatedBy,
      revision: stored.revision,
    };
    if (stored.content.template) view.template = stored.content.template;
    return view;
  }

  async environment(tx: Tx, name: string, lock = false): Promise<Environment> {
    const env = await this.environments.get(tx, name, lock);
    if (!env) throw new EnvironmentNotFoundError(name);
    return env;
  }

  private async existing(tx: Tx, key: BreakerKey, lock = false, includeDeleted = false): Promise<StoredBreaker> {
    const stored = await this.configs.find(tx, key.environment, key.service, key.name, lock);
    if (!stored || (stored.deleted && !includeDeleted))
      throw BreakerConfigError.notFound(key.environment, key.service, key.name);
    return stored;
  }

  private conflict(stored: StoredBreaker | undefined, environment: Environment, expected: number): BreakerConfigError {
    const current = stored && !stored.deleted ? stored : undefined;
    return new BreakerConfigError(
      'VERSION_CONFLICT',
      current
        ? `Version ${expected} is stale: the current version is ${current.currentVersion}; reload and apply your change to it`
        : `Version ${expected} does not exist: this breaker has no current version`,
      { currentVersion: current?.currentVersion ?? null, current: current ? this.toView(current, environment) : null },
    );
  }

  async get(key: BreakerKey): Promise<Breaker> {
    const tx = this.db.read;
    const environment = await this.environment(tx, key.environment);
    return this.toView(await this.existing(tx, key), environment);
  }

  async list(environmentName: string, query: BreakerListQuery): Promise<{ items: Breaker[]; revision: number }> {
    const tx = this.db.read;
    const environment = await this.environment(tx, environmentName);
    const items = (await this.configs.listLive(tx, environmentName, query.service))
      .map((stored) => this.toView(stored, environment))
      .filter(
        (breaker) =>
          (query.tag === undefined || (breaker.metadata.tags ?? []).includes(query.tag)) &&
          (query.category === undefined || breaker.effective.serviceCategory === query.category) &&
          (query.circuitType === undefined || breaker.effective.circuitType === query.circuitType),
      );
    return { items, revision: environment.revision };
  }

  /** Create, or update when `ifMatch` names the current version (required once the breaker exists). */
  put(
    actor: Actor,
    key: BreakerKey,
    content: BreakerContent,
    message: string | undefined,
    ifMatch: number | undefined,
  ): Promise<WriteResult> {
    return this.db.run(async (tx) => {
      const environment = await this.environment(tx, key.environment, true);
      if (!(await this.services.exists(tx, key.service))) throw new ServiceNotFoundError(key.service);
      const current = await this.configs.find(tx, key.environment, key.service, key.name, true);
      if (current && !current.deleted && ifMatch === undefined)
        throw new BreakerConfigError(
          'PRECONDITION_REQUIRED',
          `Breaker ${key.service}/${key.name} exists: send If-Match: "${current.currentVersion}" with the version your change is based on`,
          { currentVersion: current.currentVersion },
        );
      if (ifMatch !== undefined && ifMatch !== current?.currentVersion)
        throw this.conflict(current, environment, ifMatch);
      const action = current && !current.deleted ? 'breaker_config.updated' : 'breaker_config.created';
      return this.write(tx, actor, environment, key, current, content, message, action);
    });
  }

  /**
   * Writes version N+1 with `content` inside `tx` (the environment row must be locked by the caller), moves the
   * pointer, bumps the revision and records the audit event; nothing is written when the content is unchanged.
   */
  async write(
    tx: Tx,
    actor: Actor,
    environment: Environment,
    key: BreakerKey,
    current: StoredBreaker | undefined,
    content: BreakerContent,
    message: string | undefined,
    action: WriteAction,
  ): Promise<WriteResult> {
    const effective = effectiveConfig(key.name, environment.name, environment.defaults, content);
    const hash = contentHash(content);
    if (current && !current.deleted && current.contentHash === hash)
      return { breaker: this.toView(current, environment), outcome: 'unchanged' };
    const revision = (await this.environments.nextRevision(tx, environment.name)) as number;
    const version = (current?.currentVersion ?? 0) + 1;
    const configId =
      current?.id ?? (await this.configs.insert(tx, key.environment, key.service, key.name, revision, actor.label));
    await this.configs.insertVersion(tx, {
      configId,
      version,
      content,
      effective: effective.config,
      contentHash: hash,
      author: actor.label,
      message,
      revision,
    });
    if (current) await this.configs.movePointer(tx, configId, version, revision, actor.label);
    await this.audit.record(tx, actor, {
      action,
      resourceType: 'breaker_config',
      resourceId: resourceIdOf(key),
      environment: key.environment,
      before: current && !current.deleted ? { version: current.currentVersion, ...current.content } : undefined,
      after: { version, ...content },
      message,
    });
    tx.afterCommit({ type: 'config.changed', ...key, revision, deleted: false });
    const stored: StoredBreaker = {
      id: configId,
      ...key,
      currentVersion: version,
      revision,
      deleted: false,
      updatedAt: new Date(),
      updatedBy: actor.label,
      content,
      contentHash: hash,
    };
    return {
      breaker: this.toView(stored, environment),
      outcome: current && !current.deleted ? 'updated' : 'created',
    };
  }

  delete(actor: Actor, key: BreakerKey, ifMatch: number | undefined, message?: string): Promise<void> {
    return this.db.run(async (tx) => {
      const environment = await this.environment(tx, key.environment, true);
      const current = await this.existing(tx, key, true);
      if (ifMatch !== undefined && ifMatch !== current.currentVersion)
        throw this.conflict(current, environment, ifMatch);
      const revision = (await this.environments.nextRevision(tx, key.environment)) as number;
      await this.configs.softDelete(tx, current.id, revision, actor.label);
      await this.audit.record(tx, actor, {
        action: 'breaker_config.deleted',
        resourceType: 'breaker_config',
        resourceId: resourceIdOf(key),
        environment: key.environment,
        before: { version: current.currentVersion, ...current.content },
        message,
      });
      tx.afterCommit({ type: 'config.changed', ...key, revision, deleted: true });
    });
  }

  /** Every version, newest first (also of a deleted breaker: its history stays readable). */
  async versions(key: BreakerKey): Promise<BreakerVersion[]> {
    const tx = this.db.read;
    await this.environment(tx, key.environment);
    const stored = await this.existing(tx, key, false, true);
    return (await this.configs.versions(tx, stored.id)).map(versionView);
  }

  private async storedVersion(tx: Tx, stored: StoredBreaker, version: number): Promise<StoredVersion> {
    const found = await this.configs.version(tx, stored.id, version);
    if (!found)
      throw new BreakerConfigError(
        'VERSION_NOT_FOUND',
        `Breaker ${stored.service}/${stored.name} has no version ${version} (current: ${stored.currentVersion})`,
      );
    return found;
  }

  async version(key: BreakerKey, version: number): Promise<BreakerVersion> {
    const tx = this.db.read;
    await this.environment(tx, key.environment);
    return versionView(await this.storedVersion(tx, await this.existing(tx, key, false, true), version));
  }

  async diff(key: BreakerKey, from: number, to: number): Promise<BreakerDiff> {
    const tx = this.db.read;
    await this.environment(tx, key.environment);
    const stored = await this.existing(tx, key, false, true);
    const a = await this.storedVersion(tx, stored, from);
    const b = await this.storedVersion(tx, stored, to);
    return {
      from,
      to,
      changes: diffValues(a.content, b.content),
      effectiveChanges: diffValues(a.effective, b.effective),
    };
  }

  /** Writes a new version with version `target`'s content (reviving a deleted breaker). */
  rollback(
    actor: Actor,
    key: BreakerKey,
    target: number,
    message: string | undefined,
    ifMatch: number | undefined,
  ): Promise<WriteResult> {
    return this.db.run(async (tx) => {
      const environment = await this.environment(tx, key.environment, true);
      const current = await this.existing(tx, key, true, true);
      if (ifMatch !== undefined && ifMatch !== current.currentVersion)
        throw this.conflict(current, environment, ifMatch);
      const old = await this.storedVersion(tx, current, target);
      return this.write(
        tx,
        actor,
        environment,
        key,
        current,
        old.content,
        message ?? `rollback to version ${target}`,
        'breaker_config.rolled_back',
      );
    });
  }

  /**
   * What changed in an environment after `since`: breakers written or deleted, and every live breaker when the
   * environment's defaults changed (their effective configs changed). The revision is read first, so a change
   * committed meanwhile is reported again next time rather than missed.
   */
  async changesSince(environmentName: string, since: number): Promise<ChangesResponse> {
    const tx = this.db.read;
    const environment = await this.environment(tx, environmentName);
    const defaultsRevision = await this.environments.defaultsRevision(tx, environmentName);
    const changed = await this.configs.changedSince(tx, environmentName, defaultsRevision > since ? -1 : since);
    const changes = changed
      .filter((stored) => stored.revision > since || !stored.deleted)
      .map((stored) =>
        stored.deleted
          ? { service: stored.service, name: stored.name, revision: stored.revision, deleted: true }
          : {
              service: stored.service,
              name: stored.name,
              revision: stored.revision,
              deleted: false,
              breaker: this.toView(stored, environment),
            },
      );
    return { environment: environmentName, revision: environment.revision, changes };
  }
}
