import { Injectable } from '@nestjs/common';
import type { AnnouncedBreaker } from '@breakwater/contracts';
import { Transactions } from '../../core/database/transactions.js';
import type { InstanceRecord } from './instance-status.js';

interface InstanceRow {
  environment: string;
  service: string;
  instance_id: string;
  hostname: string;
  pid: number;
  sdk_version: string;
  breakers: AnnouncedBreaker[];
  node_id: string;
  socket_id: string | null;
  connected_at: Date;
  last_seen_at: Date;
  disconnected_at: Date | null;
  applied_revision: string | null;
  applied_hash: string | null;
  applied_at: Date | null;
  hash_verified: boolean | null;
  last_nack_revision: string | null;
  last_nack_reason: string | null;
  last_nack_at: Date | null;
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

function toRecord(row: InstanceRow): InstanceRecord {
  return {
    environment: row.environment,
    service: row.service,
    instanceId: row.instance_id,
    hostname: row.hostname,
    pid: row.pid,
    sdkVersion: row.sdk_version,
    breakers: row.breakers,
    nodeId: row.node_id,
    socketId: row.socket_id,
    connectedAt: row.connected_at,
    lastSeenAt: row.last_seen_at,
    disconnectedAt: row.disconnected_at,
    appliedRevision: numberOrNull(row.applied_revision),
    appliedHash: row.applied_hash,
    appliedAt: row.applied_at,
    hashVerified: row.hash_verified,
    lastNack:
      row.last_nack_revision === null || row.last_nack_at === null
        ? null
        : { revision: Number(row.last_nack_revision), reason: row.last_nack_reason ?? '', at: row.last_nack_at },
  };
}

export interface InstanceKey {
  environment: string;
  service: string;
  instanceId: string;
}

export interface Announce extends InstanceKey {
  hostname: string;
  pid: number;
  sdkVersion: string;
  breakers: AnnouncedBreaker[];
  nodeId: string;
  socketId: string;
}

/** The instance registry table. Writes are single statements: each is one fact about one instance. */
@Injectable()
export class InstancesRepository {
  constructor(private readonly transactions: Transactions) {}

  /** Connected now, on this socket; what it had applied (from an earlier connection) is kept. */
  async announce(a: Announce): Promise<void> {
    await this.transactions.read.query(
      `INSERT INTO sdk_instances (environment, service, instance_id, hostname, pid, sdk_version, breakers, node_id,
                                  socket_id, connected_at, last_seen_at, disconnected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, now(), now(), NULL)
       ON CONFLICT (environment, service, instance_id) DO UPDATE SET
         hostname = EXCLUDED.hostname, pid = EXCLUDED.pid, sdk_version = EXCLUDED.sdk_version,
         breakers = EXCLUDED.breakers, node_id = EXCLUDED.node_id, socket_id = EXCLUDED.socket_id,
         connected_at = CASE WHEN sdk_instances.socket_id IS DISTINCT FROM EXCLUDED.socket_id
                             THEN now() ELSE sdk_instances.connected_at END,
         last_seen_at = now(), disconnected_at = NULL`,
      [
        a.environment,
        a.service,
        a.instanceId,
        a.hostname,
        a.pid,
        a.sdkVersion,
        JSON.stringify(a.breakers),
        a.nodeId,
        a.socketId,
      ],
    );
  }

  /** Only if this socket still holds the instance (it may have reconnected elsewhere meanwhile). */
  async disconnected(key: InstanceKey, socketId: string): Promise<void> {
    await this.transactions.read.query(
      `UPDATE sdk_instances SET socket_id = NULL, disconnected_at = now(), last_seen_at = now()
       WHERE environment = $1 AND service = $2 AND instance_id = $3 AND socket_id = $4`,
      [key.environment, key.service, key.instanceId, socketId],
    );
  }

  /** Every instance connected to a node that is shutting down. */
  async nodeStopped(nodeId: string): Promise<void> {
    await this.transactions.read.query(
      `UPDATE sdk_instances SET socket_id = NULL, disconnected_at = now()
       WHERE node_id = $1 AND socket_id IS NOT NULL`,
      [nodeId],
    );
  }

  /**
   * ACKs, many in one statement: the one way `applied_*` changes. A late ACK of an older revision never moves it
   * back. One entry per instance (the caller keeps the highest revision).
   */
  async acked(
    acks: Array<InstanceKey & { revision: number; hash: string; hashVerified: boolean | null }>,
  ): Promise<void> {
    if (acks.length === 0) return;
    await this.transactions.read.query(
      `UPDATE sdk_instances AS i SET applied_revision = a.revision, applied_hash = a.hash, applied_at = now(),
              hash_verified = a.verified, last_seen_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::boolean[])
            AS a(environment, service, instance_id, revision, hash, verified)
       WHERE i.environment = a.environment AND i.service = a.service AND i.instance_id = a.instance_id
         AND (i.applied_revision IS NULL OR i.applied_revision <= a.revision)`,
      [
        acks.map((a) => a.environment),
        acks.map((a) => a.service),
        acks.map((a) => a.instanceId),
        acks.map((a) => a.revision),
        acks.map((a) => a.hash),
        acks.map((a) => a.hashVerified),
      ],
    );
  }

  async nacked(key: InstanceKey, revision: number, reason: string): Promise<void> {
    await this.transactions.read.query(
      `UPDATE sdk_instances SET last_nack_revision = $4, last_nack_reason = $5, last_nack_at = now(),
              last_seen_at = now()
       WHERE environment = $1 AND service = $2 AND instance_id = $3`,
      [key.environment, key.service, key.instanceId, revision, reason],
    );
  }

  /** The instance announced a new list of breakers (its code created more since its hello). */
  async breakers(key: InstanceKey, breakers: AnnouncedBreaker[]): Promise<void> {
    await this.transactions.read.query(
      `UPDATE sdk_instances SET breakers = $4::jsonb, last_seen_at = now()
       WHERE environment = $1 AND service = $2 AND instance_id = $3`,
      [key.environment, key.service, key.instanceId, JSON.stringify(breakers)],
    );
  }

  /** Heartbeats of many instances in one statement. */
  async seen(socketIds: string[]): Promise<void> {
    if (socketIds.length === 0) return;
    await this.transactions.read.query(
      'UPDATE sdk_instances SET last_seen_at = now() WHERE socket_id = ANY($1::text[])',
      [socketIds],
    );
  }

  /** Which of these API keys have been revoked (or deleted) since their sockets connected. */
  async revokedKeys(keyIds: string[]): Promise<string[]> {
    if (keyIds.length === 0) return [];
    const live = await this.transactions.read.query<{ id: string }>(
      'SELECT id FROM api_keys WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL',
      [keyIds],
    );
    const alive = new Set(live.map((row) => row.id));
    return keyIds.filter((id) => !alive.has(id));
  }

  async list(environment: string, service?: string): Promise<InstanceRecord[]> {
    const rows = await this.transactions.read.query<InstanceRow>(
      `SELECT * FROM sdk_instances WHERE environment = $1 AND ($2::text IS NULL OR service = $2)
       ORDER BY service, instance_id`,
      [environment, service ?? null],
    );
    return rows.map(toRecord);
  }

  /**
   * Ends instances that stopped talking without a disconnect (their node died) and deletes those disconnected for
   * longer than `ttlSeconds`. Returns how many were deleted.
   */
  async expire(silentSeconds: number, ttlSeconds: number): Promise<number> {
    await this.transactions.read.query(
      `UPDATE sdk_instances SET socket_id = NULL, disconnected_at = last_seen_at
       WHERE socket_id IS NOT NULL AND last_seen_at < now() - make_interval(secs => $1)`,
      [silentSeconds],
    );
    const deleted = await this.transactions.read.query(
      `DELETE FROM sdk_instances WHERE disconnected_at < now() - make_interval(secs => $1) RETURNING instance_id`,
      [ttlSeconds],
    );
    return deleted.length;
  }
}
