import { Injectable, Logger } from '@nestjs/common';
import {
  type BreakerConfig,
  type BreakerContent,
  type BreakerOverrides,
  contentHash,
  type SyncedConfig,
} from '@breakwater/contracts';
import { Transactions } from '../../core/database/transactions.js';
import { effectiveConfig } from '../breaker-configs/breaker-config.js';

interface EnvironmentRow {
  revision: string;
  defaults_revision: string;
  defaults: BreakerOverrides;
}

interface ConfigRow {
  name: string;
  current_version: number;
  revision: string;
  deleted: boolean;
  template: BreakerContent['template'] | null;
  overrides: BreakerOverrides;
  metadata: BreakerContent['metadata'];
  effective: BreakerConfig;
  version_revision: string;
}

/** What an SDK of `service` needs after `since`: everything (snapshot) or what changed (delta). */
export type ServiceChanges =
  | { kind: 'snapshot'; revision: number; configs: SyncedConfig[] }
  | { kind: 'delta'; fromRevision: number; revision: number; upserts: SyncedConfig[]; removals: string[] };

/**
 * Reads configs for the sync, as SDKs must run them: the effective config (template, environment defaults,
 * overrides) of each breaker's current version, at the environment's current revision.
 */
@Injectable()
export class SyncConfigSource {
  private readonly logger = new Logger('SyncConfigSource');

  constructor(private readonly transactions: Transactions) {}

  private async environment(environment: string): Promise<EnvironmentRow | undefined> {
    const rows = await this.transactions.read.query<EnvironmentRow>(
      'SELECT revision, defaults_revision, defaults FROM environments WHERE name = $1',
      [environment],
    );
    return rows[0];
  }

  private async rows(environment: string, service: string, since: number | null): Promise<ConfigRow[]> {
    return this.transactions.read.query<ConfigRow>(
      `SELECT c.name, c.current_version, c.revision, c.deleted_at IS NOT NULL AS deleted, v.template, v.overrides,
              v.metadata, v.effective, v.revision AS version_revision
       FROM breaker_configs c
       JOIN breaker_config_versions v ON v.config_id = c.id AND v.version = c.current_version
       WHERE c.environment = $1 AND c.service = $2 AND ($3::bigint IS NULL OR c.revision > $3)
         AND ($3::bigint IS NOT NULL OR c.deleted_at IS NULL)
       ORDER BY c.name`,
      [environment, service, since],
    );
  }

  /**
   * The config an SDK receives. The effective config stored with the version was resolved with the environment
   * defaults of its time; when the defaults changed since, it is resolved again. It is not re-validated here:
   * the SDK validates everything it receives and NACKs what it cannot apply.
   */
  private toSynced(environment: string, env: EnvironmentRow, row: ConfigRow): SyncedConfig {
    let config = row.effective;
    if (Number(env.defaults_revision) > Number(row.version_revision)) {
      try {
        const content: BreakerContent =
          row.template === null
            ? { overrides: row.overrides, metadata: row.metadata }
            : { template: row.template, overrides: row.overrides, metadata: row.metadata };
        config = effectiveConfig(row.name, environment, env.defaults, content).config;
      } catch (error) {
        this.logger.warn(`${environment}/${row.name}: cannot resolve with current defaults: ${String(error)}`);
      }
    }
    return { name: row.name, version: row.current_version, revision: Number(row.revision), config };
  }

  /** A snapshot when `since` is unknown, ahead of the server (restored database), or before a defaults change. */
  async changes(environment: string, service: string, since: number | null): Promise<ServiceChanges | undefined> {
    const env = await this.environment(environment);
    if (!env) return undefined;
    const revision = Number(env.revision);
    if (since === null || since > revision || Number(env.defaults_revision) > since) {
      const rows = await this.rows(environment, service, null);
      return { kind: 'snapshot', revision, configs: rows.map((row) => this.toSynced(environment, env, row)) };
    }
    const rows = await this.rows(environment, service, since);
    return {
      kind: 'delta',
      fromRevision: since,
      revision,
      upserts: rows.filter((row) => !row.deleted).map((row) => this.toSynced(environment, env, row)),
      removals: rows.filter((row) => row.deleted).map((row) => row.name),
    };
  }

  /**
   * The last revision before `revision` at which anything of `service` changed (0 when nothing did): a delta
   * pushed for a change at `revision` starts there, so an SDK that is at or after it can apply it directly.
   */
  async previousChange(environment: string, service: string, revision: number): Promise<number> {
    const rows = await this.transactions.read.query<{ previous: string | null }>(
      `SELECT GREATEST(
         (SELECT max(revision) FROM breaker_configs WHERE environment = $1 AND service = $2 AND revision < $3),
         (SELECT defaults_revision FROM environments WHERE name = $1 AND defaults_revision < $3)) AS previous`,
      [environment, service, revision],
    );
    return Number(rows[0]?.previous ?? 0);
  }

  /**
   * The content hash an SDK must report for `revision`, when the service's configs did not change after it
   * (undefined when they did: the ACK is for an older state and cannot be checked against today's).
   */
  async expectedHash(environment: string, service: string, revision: number): Promise<string | undefined> {
    const env = await this.environment(environment);
    if (!env || Number(env.defaults_revision) > revision) return undefined;
    const changed = await this.rows(environment, service, revision);
    if (changed.length > 0) return undefined;
    const live = await this.rows(environment, service, null);
    return contentHash(live.map((row) => this.toSynced(environment, env, row)));
  }
}
