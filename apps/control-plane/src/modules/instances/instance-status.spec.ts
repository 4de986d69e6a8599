import { describe, expect, it } from 'vitest';
import { driftSummary, type InstanceRecord, toInstanceStatus } from './instance-status.js';

const now = new Date('2026-11-28T12:00:00Z');

function record(overrides: Partial<InstanceRecord>): InstanceRecord {
  return {
    environment: 'production',
    service: 'checkout',
    instanceId: 'i-1',
    hostname: 'h',
    pid: 1,
    sdkVersion: '0.1.0',
    breakers: [],
    nodeId: 'n',
    socketId: 's-1',
    connectedAt: now,
    lastSeenAt: now,
    disconnectedAt: null,
    appliedRevision: 10,
    appliedHash: null,
    appliedAt: now,
    hashVerified: true,
    lastNack: null,
    ...overrides,
  };
}

describe('toInstanceStatus', () => {
  it('is synced only when connected, at or past the latest revision, and not contradicted by its hash', () => {
    expect(toInstanceStatus(record({}), 10, now, 30_000).syncStatus).toBe('synced');
    expect(toInstanceStatus(record({ appliedRevision: 9 }), 10, now, 30_000).syncStatus).toBe('stale');
    expect(toInstanceStatus(record({ appliedRevision: null }), 10, now, 30_000).syncStatus).toBe('stale');
    expect(toInstanceStatus(record({ hashVerified: false }), 10, now, 30_000).syncStatus).toBe('stale');
    expect(toInstanceStatus(record({ hashVerified: null }), 10, now, 30_000).syncStatus).toBe('synced');
    expect(toInstanceStatus(record({ socketId: null, disconnectedAt: now }), 10, now, 30_000).syncStatus).toBe(
      'offline',
    );
  });

  it('does not believe a connection that has been silent for longer than the limit (its node died)', () => {
    const silent = record({ lastSeenAt: new Date(now.getTime() - 30_001) });
    expect(toInstanceStatus(silent, 10, now, 30_000)).toMatchObject({ connected: false, syncStatus: 'offline' });
  });
});

describe('driftSummary', () => {
  it('counts connected instances of the breaker service on or after its current revision', () => {
    const instances = [
      record({ instanceId: 'a', appliedRevision: 12 }),
      record({ instanceId: 'b', appliedRevision: 11 }),
      record({ instanceId: 'c', appliedRevision: 9 }),
      record({ instanceId: 'd', appliedRevision: 12, socketId: null, disconnectedAt: now }),
      record({ instanceId: 'e', service: 'search', appliedRevision: 12 }),
    ].map((r) => toInstanceStatus(r, 0, now, 30_000));
    const [drift] = driftSummary([{ service: 'checkout', name: 'payments', version: 4, revision: 11 }], instances);
    expect(drift).toMatchObject({ current: 2, total: 3, summary: '2 of 3 instances on the current version' });
  });
});
