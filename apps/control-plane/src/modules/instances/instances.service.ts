import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { InstanceListResponse } from '@breakwater/contracts';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { Transactions } from '../../core/database/transactions.js';
import { DomainError } from '../../core/errors/domain-error.js';
import { OverridesRepository } from '../overrides/overrides.repository.js';
import { driftSummary, type LiveBreaker, toInstanceStatus } from './instance-status.js';
import { InstancesRepository } from './instances.repository.js';

interface LiveRow {
  service: string;
  name: string;
  current_version: number;
  revision: string;
  deleted: boolean;
}

/** The instance registry as the API shows it, and the sweep that expires instances gone for too long. */
@Injectable()
export class InstancesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Instances');
  private sweep: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly instances: InstancesRepository,
    private readonly overrides: OverridesRepository,
    private readonly transactions: Transactions,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Silence after which a "connected" instance is no longer believed (three missed heartbeats). */
  get silentMs(): number {
    return this.env.BREAKWATER_SYNC_HEARTBEAT_MS * 3;
  }

  onModuleInit(): void {
    const everyMs = Math.min(60_000, Math.max(1_000, (this.env.BREAKWATER_INSTANCE_TTL_SECONDS * 1_000) / 2));
    this.sweep = setInterval(() => void this.expire(), everyMs);
    this.sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  async expire(): Promise<number> {
    try {
      const deleted = await this.instances.expire(this.silentMs / 1_000, this.env.BREAKWATER_INSTANCE_TTL_SECONDS);
      if (deleted > 0) this.logger.log(`expired ${deleted} disconnected instance(s)`);
      return deleted;
    } catch (error) {
      this.logger.warn(`instance expiry failed: ${String(error)}`);
      return 0;
    }
  }

  async list(environment: string, service?: string): Promise<InstanceListResponse> {
    const envRows = await this.transactions.read.query<{ revision: string; defaults_revision: string }>(
      'SELECT revision, defaults_revision FROM environments WHERE name = $1',
      [environment],
    );
    const envRow = envRows[0];
    if (!envRow) throw new DomainError('NOT_FOUND', `Environment "${environment}" does not exist`, 404);
    const configRows = await this.transactions.read.query<LiveRow>(
      `SELECT service, name, current_version, revision, deleted_at IS NOT NULL AS deleted FROM breaker_configs
       WHERE environment = $1 AND ($2::text IS NULL OR service = $2) ORDER BY service, name`,
      [environment, service ?? null],
    );
    const defaultsRevision = Number(envRow.defaults_revision);
    const latestByService = new Map<string, number>();
    for (const row of configRows)
      latestByService.set(row.service, Math.max(latestByService.get(row.service) ?? 0, Number(row.revision)));
    const live: LiveBreaker[] = configRows
      .filter((row) => !row.deleted)
      .map((row) => ({
        service: row.service,
        name: row.name,
        version: row.current_version,
        // A change of the environment's defaults changes every effective config: it counts as a new version.
        revision: Math.max(Number(row.revision), defaultsRevision),
      }));
    const now = new Date();
    const overrides = await this.overrides.list(environment, service);
    const standingOf = (name: string) =>
      overrides.filter((o) => o.service === name).map(({ breaker, action }) => ({ breaker, action }));
    const instances = (await this.instances.list(environment, service)).map((record) =>
      toInstanceStatus(
        record,
        Math.max(latestByService.get(record.service) ?? 0, defaultsRevision),
        now,
        this.silentMs,
        standingOf(record.service),
      ),
    );
    return {
      environment,
      currentRevision: Number(envRow.revision),
      instances,
      drift: driftSummary(live, instances),
      overrides,
    };
  }
}
