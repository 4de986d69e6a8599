import { describe, expect, it } from 'vitest';
import { resolveBreakerConfig } from '../config/resolve.js';
import { toFieldErrors } from '../validation/field-errors.js';
import { overrideRequestSchema } from './fleet.schema.js';
import { SYNC_PROTOCOL_VERSION } from './sync-events.js';
import {
  ackMessageSchema,
  deltaMessageSchema,
  helloMessageSchema,
  nackMessageSchema,
  overrideMessageSchema,
  revisionProbeSchema,
  snapshotMessageSchema,
} from './sync-messages.schema.js';

const resolved = resolveBreakerConfig({ name: 'payments', template: 'external_api' });
if (!resolved.success) throw new Error('fixture config is invalid');
const validConfig = resolved.config;

const hello = {
  protocol: SYNC_PROTOCOL_VERSION,
  service: 'checkout',
  instanceId: 'host-1-123-abcd',
  hostname: 'host-1',
  pid: 123,
  sdkVersion: '0.1.0',
  lastRevision: null,
  breakers: [{ name: 'payments', type: 'time_based' }],
};

describe('hello', () => {
  it('accepts a complete announce and a known revision', () => {
    expect(helloMessageSchema.parse(hello)).toEqual(hello);
    expect(helloMessageSchema.parse({ ...hello, lastRevision: 42 }).lastRevision).toBe(42);
  });

  it('names the field and rule of each problem', () => {
    const result = helloMessageSchema.safeParse({ ...hello, protocol: 99, service: 'Bad Name', lastRevision: -1 });
    expect(result.success).toBe(false);
    const errors = toFieldErrors(result.error!);
    expect(errors.map((e) => e.path).sort()).toEqual(['lastRevision', 'protocol', 'service']);
    expect(errors.find((e) => e.path === 'lastRevision')?.rule).toBe('min 0');
  });

  it('rejects an unknown circuit type among the announced breakers', () => {
    const result = helloMessageSchema.safeParse({ ...hello, breakers: [{ name: 'x', type: 'magic' }] });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!)[0]?.path).toBe('breakers[0].type');
  });
});

describe('snapshot and delta', () => {
  const synced = { name: 'payments', version: 3, revision: 17, config: validConfig };

  it('accepts valid configs', () => {
    expect(
      snapshotMessageSchema.safeParse({ service: 'checkout', revision: 17, configs: [synced], overrides: [] }).success,
    ).toBe(true);
    expect(
      deltaMessageSchema.safeParse({
        service: 'checkout',
        fromRevision: 16,
        toRevision: 17,
        upserts: [synced],
        removals: ['old'],
      }).success,
    ).toBe(true);
  });

  it('rejects an invalid config inside a delta, naming the field', () => {
    const bad = { ...synced, config: { ...validConfig, failureThreshold: 0 } };
    const result = deltaMessageSchema.safeParse({
      service: 'checkout',
      fromRevision: 16,
      toRevision: 17,
      upserts: [bad],
      removals: [],
    });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!).map((e) => e.path)).toContain('upserts[0].config.failureThreshold');
    // The revision can still be read to answer with a NACK.
    expect(revisionProbeSchema.parse({ toRevision: 17, upserts: 'garbage' }).toRevision).toBe(17);
  });

  it('rejects a delta that goes backwards', () => {
    const result = deltaMessageSchema.safeParse({
      service: 'checkout',
      fromRevision: 9,
      toRevision: 8,
      upserts: [],
      removals: [],
    });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!)[0]).toMatchObject({ path: 'toRevision', rule: 'at least fromRevision' });
  });
});

describe('ack, nack and overrides', () => {
  it('requires a well-formed content hash in an ACK', () => {
    expect(ackMessageSchema.safeParse({ revision: 3, contentHash: `sha256:${'a'.repeat(64)}` }).success).toBe(true);
    expect(ackMessageSchema.safeParse({ revision: 3, contentHash: 'md5:abc' }).success).toBe(false);
  });

  it('requires a reason in a NACK', () => {
    expect(nackMessageSchema.safeParse({ revision: 3, reason: '' }).success).toBe(false);
    expect(nackMessageSchema.safeParse({ revision: 3, reason: 'failureThreshold: must be positive' }).success).toBe(
      true,
    );
  });

  it('accepts the four override actions and rejects others', () => {
    for (const action of ['force_open', 'force_close', 'reset', 'clear'])
      expect(overrideMessageSchema.safeParse({ service: 's', breaker: 'b', action }).success).toBe(true);
    expect(overrideMessageSchema.safeParse({ service: 's', breaker: 'b', action: 'disable' }).success).toBe(false);
  });

  it('does not let an override request say "clear" (that is DELETE)', () => {
    const result = overrideRequestSchema.safeParse({ action: 'clear' });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!)[0]?.path).toBe('action');
  });
});
