import type { AnnouncedBreaker, BreakerDrift, InstanceStatus, StandingOverride } from '@breakwater/contracts';

/** An instance as stored. */
export interface InstanceRecord {
  environment: string;
  service: string;
  instanceId: string;
  hostname: string;
  pid: number;
  sdkVersion: string;
  breakers: AnnouncedBreaker[];
  nodeId: string;
  socketId: string | null;
  connectedAt: Date;
  lastSeenAt: Date;
  disconnectedAt: Date | null;
  appliedRevision: number | null;
  appliedHash: string | null;
  appliedAt: Date | null;
  hashVerified: boolean | null;
  lastNack: { revision: number; reason: string; at: Date } | null;
}

/** A live config of a service: its current version and the revision that wrote it (or deleted another). */
export interface LiveBreaker {
  service: string;
  name: string;
  version: number;
  revision: number;
}

/**
 * Connected: holds a socket and was heard from recently (a node that died leaves its rows "connected" until the
 * sweep; `silentMs` keeps them from being reported as connected meanwhile).
 */
export function isConnected(record: InstanceRecord, now: Date, silentMs: number): boolean {
  return record.socketId !== null && now.getTime() - record.lastSeenAt.getTime() <= silentMs;
}

/**
 * `latestRevision`: the last revision that changed anything of the instance's service. Synced means the instance
 * ACKed that revision or a later one; a NACK never counts.
 */
export function toInstanceStatus(
  record: InstanceRecord,
  latestRevision: number,
  now: Date,
  silentMs: number,
  overrides: StandingOverride[] = [],
): InstanceStatus {
  const connected = isConnected(record, now, silentMs);
  const onLatest = record.appliedRevision !== null && record.appliedRevision >= latestRevision;
  return {
    environment: record.environment,
    service: record.service,
    instanceId: record.instanceId,
    hostname: record.hostname,
    pid: record.pid,
    sdkVersion: record.sdkVersion,
    connected,
    nodeId: record.nodeId,
    connectedAt: record.connectedAt.toISOString(),
    lastSeenAt: record.lastSeenAt.toISOString(),
    disconnectedAt: record.disconnectedAt?.toISOString() ?? null,
    breakers: record.breakers,
    appliedRevision: record.appliedRevision,
    appliedHash: record.appliedHash,
    appliedAt: record.appliedAt?.toISOString() ?? null,
    hashVerified: record.hashVerified,
    lastNack: record.lastNack
      ? { revision: record.lastNack.revision, reason: record.lastNack.reason, at: record.lastNack.at.toISOString() }
      : null,
    syncStatus: !connected ? 'offline' : onLatest && record.hashVerified !== false ? 'synced' : 'stale',
    overrides,
  };
}

/** Per breaker: how many connected instances of its service run its current version ("38 of 40"). */
export function driftSummary(breakers: LiveBreaker[], instances: InstanceStatus[]): BreakerDrift[] {
  return breakers.map((breaker) => {
    const fleet = instances.filter((i) => i.connected && i.service === breaker.service);
    const current = fleet.filter((i) => i.appliedRevision !== null && i.appliedRevision >= breaker.revision).length;
    return {
      service: breaker.service,
      breaker: breaker.name,
      version: breaker.version,
      revision: breaker.revision,
      current,
      total: fleet.length,
      summary: `${current} of ${fleet.length} instances on the current version`,
    };
  });
}
