import type { Environment } from '@breakwater/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/auth/principal.js';
import type { Transactions, Tx } from '../../core/database/transactions.js';
import type { DomainEvent } from '../../core/events/domain-event-bus.js';
import type { AuditEntry, AuditLog } from '../audit/audit-log.js';
import type { EnvironmentsRepository } from '../environments/environments.repository.js';
import type { ServicesService } from '../services/services.service.js';
import { BreakerConfigsService } from './breaker-configs.service.js';
import type { BreakerConfigsRepository, NewVersion, StoredBreaker } from './persistence/breaker-configs.repository.js';

const actor: Actor = { type: 'user', id: 'u1', label: 'ann@example.com', ip: '127.0.0.1' };
const key = { environment: 'staging', service: 'payments', name: 'stripe' };

/** In-memory fakes of the repositories: enough to exercise versioning and its rules without a database. */
function setUp() {
  const environment: Environment = {
    name: 'staging',
    description: '',
    builtIn: true,
    defaults: {},
    revision: 0,
    createdAt: new Date(0).toISOString(),
  };
  const rows = new Map<string, StoredBreaker>();
  const versions: NewVersion[] = [];
  const audit: AuditEntry[] = [];
  const events: DomainEvent[] = [];
  const tx: Tx = { query: () => Promise.resolve([]), afterCommit: (event) => events.push(event) };
  const db = { run: <T>(work: (t: Tx) => Promise<T>) => work(tx), read: tx } as unknown as Transactions;
  const configs = {
    find: (_tx: Tx, env: string, service: string, name: string) => {
      // a copy, as a database read would return
      const row = rows.get(`${env}/${service}/${name}`);
      return Promise.resolve(row ? structuredClone(row) : undefined);
    },
    insert: (_tx: Tx, env: string, service: string, name: string, revision: number, author: string) => {
      const id = `id-${rows.size}`;
      rows.set(`${env}/${service}/${name}`, {
        id,
        environment: env,
        service,
        name,
        currentVersion: 1,
        revision,
        deleted: false,
        updatedAt: new Date(),
        updatedBy: author,
        content: { overrides: {}, metadata: {} },
        contentHash: '',
      });
      return Promise.resolve(id);
    },
    insertVersion: (_tx: Tx, version: NewVersion) => {
      versions.push(version);
      const row = [...rows.values()].find((r) => r.id === version.configId);
      if (row) Object.assign(row, { content: version.content, contentHash: version.contentHash });
      return Promise.resolve();
    },
    movePointer: (_tx: Tx, id: string, version: number, revision: number) => {
      const row = [...rows.values()].find((r) => r.id === id);
      if (row) Object.assign(row, { currentVersion: version, revision, deleted: false });
      return Promise.resolve();
    },
  } as unknown as BreakerConfigsRepository;
  const environments = {
    get: () => Promise.resolve(environment),
    nextRevision: () => Promise.resolve(++environment.revision),
  } as unknown as EnvironmentsRepository;
  const services = { exists: () => Promise.resolve(true) } as unknown as ServicesService;
  const auditLog = {
    record: (_tx: Tx, _actor: Actor, entry: AuditEntry) => Promise.resolve(void audit.push(entry)),
  } as unknown as AuditLog;
  const service = new BreakerConfigsService(db, configs, environments, services, auditLog);
  return { service, versions, audit, events, environment };
}

const content = (failureThreshold: number) => ({ overrides: { failureThreshold }, metadata: {} });

describe('BreakerConfigsService (fake repositories)', () => {
  it('creates version 1, then needs If-Match for version 2', async () => {
    const { service, versions, audit, events } = setUp();
    const created = await service.put(actor, key, content(4), 'first', undefined);
    expect(created.outcome).toBe('created');
    expect(created.breaker.version).toBe(1);
    await expect(service.put(actor, key, content(5), undefined, undefined)).rejects.toMatchObject({
      code: 'PRECONDITION_REQUIRED',
      status: 428,
    });
    const updated = await service.put(actor, key, content(5), 'second', 1);
    expect(updated.breaker.version).toBe(2);
    expect(versions.map((v) => [v.version, v.revision, v.author, v.message])).toEqual([
      [1, 1, 'ann@example.com', 'first'],
      [2, 2, 'ann@example.com', 'second'],
    ]);
    expect(audit.map((entry) => entry.action)).toEqual(['breaker_config.created', 'breaker_config.updated']);
    expect(audit[1]?.before).toMatchObject({ version: 1, overrides: { failureThreshold: 4 } });
    expect(events.map((event) => event.type === 'config.changed' && event.revision)).toEqual([1, 2]);
  });

  it('refuses a stale version with the current one in the details, writing nothing', async () => {
    const { service, versions } = setUp();
    await service.put(actor, key, content(4), undefined, undefined);
    await service.put(actor, key, content(5), undefined, 1);
    await expect(service.put(actor, key, content(6), undefined, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 2 },
    });
    expect(versions).toHaveLength(2);
  });

  it('writes nothing (no version, revision or event) when the content is unchanged', async () => {
    const { service, versions, events, environment } = setUp();
    await service.put(actor, key, content(4), undefined, undefined);
    const again = await service.put(actor, key, content(4), undefined, 1);
    expect(again.outcome).toBe('unchanged');
    expect(versions).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(environment.revision).toBe(1);
  });

  it('refuses content whose effective config is invalid, naming the field', async () => {
    const { service, versions } = setUp();
    await expect(
      service.put(actor, key, { overrides: { timeout: 900 }, metadata: {} }, undefined, undefined),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [expect.objectContaining({ path: 'maxTimeout' })] },
    });
    expect(versions).toHaveLength(0);
  });
});
