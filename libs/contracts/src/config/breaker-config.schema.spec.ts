import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../validation/field-errors.js';
import {
  breakerConfigSchema,
  breakerOverridesSchema,
  LIMITS,
  type BreakerConfig,
  type BreakerConfigInput,
} from './breaker-config.schema.js';
import { DEFAULT_SETTINGS } from './templates.js';

/** A complete, valid config whose fields the tables below change one at a time. */
const base: BreakerConfig = {
  name: 'svc',
  ...structuredClone(DEFAULT_SETTINGS),
  circuitType: 'time_based',
  maxTimeout: LIMITS.maxSeconds,
  callTimeout: 30,
  bulkheadConfig: { maxConcurrentCalls: 10, isolationPoolName: 'pool', queueTimeout: 5, maxQueue: 10 },
  healthCheckConfig: { healthCheckInterval: 30, healthCheckTimeout: 5 },
  metadata: { version: '1.0.0', environment: 'production', template: 'ai_provider', description: 'd', tags: ['ai'] },
};

function withValue(path: string, value: unknown): BreakerConfigInput {
  const config = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  const [head, inner] = path.split('.') as [string, string | undefined];
  if (inner === undefined) (config as Record<string, unknown>)[head] = value;
  else config[head] = { ...config[head], [inner]: value };
  return config as unknown as BreakerConfigInput;
}

function errorsFor(input: unknown) {
  const parsed = breakerConfigSchema.safeParse(input);
  return parsed.success ? [] : toFieldErrors(parsed.error, { schema: breakerConfigSchema });
}

const long = (n: number) => 'a'.repeat(n);

/** [field, valid edge values, invalid edge values with the rule they break] */
const BOUNDS: Array<[string, unknown[], Array<[unknown, string]>]> = [
  [
    'name',
    ['a', '0', long(128), 'a.b_c-d'],
    [
      ['', 'format regex'],
      [long(129), 'format regex'],
      ['Upper', 'format regex'],
      ['-a', 'format regex'],
      [7, 'type string'],
    ],
  ],
  [
    'circuitType',
    ['count_based', 'time_based', 'percentage_based', 'adaptive'],
    [
      ['COUNT_BASED', 'allowed values'],
      ['', 'allowed values'],
    ],
  ],
  [
    'failureThreshold',
    [1, LIMITS.maxCount],
    [
      [0, 'min 1'],
      [LIMITS.maxCount + 1, `max ${LIMITS.maxCount}`],
      [1.5, 'type int'],
      ['5', 'type number'],
    ],
  ],
  [
    'timeout',
    [0.001, LIMITS.maxSeconds],
    [
      [0, 'greater than 0'],
      [-1, 'greater than 0'],
      [LIMITS.maxSeconds + 0.5, `max ${LIMITS.maxSeconds}`],
    ],
  ],
  [
    'failureRateThreshold',
    [0.0001, 1],
    [
      [0, 'greater than 0'],
      [1.0001, 'max 1'],
      [50, 'max 1'],
    ],
  ],
  [
    'minimumCalls',
    [1, LIMITS.maxCount],
    [
      [0, 'min 1'],
      [LIMITS.maxCount + 1, `max ${LIMITS.maxCount}`],
      [2.5, 'type int'],
    ],
  ],
  [
    'slidingWindowSize',
    [1, LIMITS.maxWindowSeconds],
    [
      [0, 'min 1'],
      [LIMITS.maxWindowSeconds + 1, `max ${LIMITS.maxWindowSeconds}`],
    ],
  ],
  [
    'slowCallDurationThreshold',
    [0.001, LIMITS.maxSeconds],
    [
      [0, 'greater than 0'],
      [LIMITS.maxSeconds + 1, `max ${LIMITS.maxSeconds}`],
    ],
  ],
  [
    'slowCallRateThreshold',
    [0.01, 1],
    [
      [0, 'greater than 0'],
      [1.01, 'max 1'],
    ],
  ],
  [
    'halfOpenMaxCalls',
    [1, LIMITS.maxHalfOpenCalls],
    [
      [0, 'min 1'],
      [LIMITS.maxHalfOpenCalls + 1, `max ${LIMITS.maxHalfOpenCalls}`],
    ],
  ],
  [
    'maxWaitInHalfOpen',
    [0.5, LIMITS.maxSeconds],
    [
      [0, 'greater than 0'],
      [LIMITS.maxSeconds + 1, `max ${LIMITS.maxSeconds}`],
    ],
  ],
  [
    'backoffMultiplier',
    [1, 10],
    [
      [0.99, 'min 1'],
      [10.01, 'max 10'],
    ],
  ],
  [
    'maxTimeout',
    [60, LIMITS.maxSeconds],
    [
      [0, 'greater than 0'],
      [LIMITS.maxSeconds + 1, `max ${LIMITS.maxSeconds}`],
    ],
  ],
  [
    'callTimeout',
    [undefined, 0.001, LIMITS.maxSeconds],
    [
      [0, 'greater than 0'],
      [LIMITS.maxSeconds + 1, `max ${LIMITS.maxSeconds}`],
      [null, 'type number'],
    ],
  ],
  [
    'excludedExceptions',
    [
      [],
      ['ValidationError', 'HttpError.NotFound', '$x'],
      Array.from({ length: LIMITS.maxExcludedExceptions }, (_, i) => `E${i}`),
    ],
    [
      [['Not an error'], 'format regex'],
      [
        Array.from({ length: LIMITS.maxExcludedExceptions + 1 }, (_, i) => `E${i}`),
        `max ${LIMITS.maxExcludedExceptions}`,
      ],
      [['E', 'E'], 'unique'],
      ['E', 'type array'],
    ],
  ],
  ['serviceCategory', ['ai', 'mcp', 'database', 'external', 'http'], [['web', 'allowed values']]],
  [
    'priority',
    [1, 5],
    [
      [0, 'min 1'],
      [6, 'max 5'],
      [2.5, 'type int'],
    ],
  ],
  [
    'bulkheadConfig',
    [undefined],
    [
      [{}, 'required'],
      ['x', 'type object'],
    ],
  ],
  [
    'bulkheadConfig.maxConcurrentCalls',
    [1, LIMITS.maxConcurrentCalls],
    [
      [0, 'min 1'],
      [LIMITS.maxConcurrentCalls + 1, `max ${LIMITS.maxConcurrentCalls}`],
    ],
  ],
  ['bulkheadConfig.isolationPoolName', [undefined, 'p', long(128)], [['Bad Pool', 'format regex']]],
  [
    'bulkheadConfig.queueTimeout',
    [0.001, LIMITS.maxQueueTimeout],
    [
      [0, 'greater than 0'],
      [LIMITS.maxQueueTimeout + 1, `max ${LIMITS.maxQueueTimeout}`],
    ],
  ],
  [
    'bulkheadConfig.maxQueue',
    [0, LIMITS.maxQueue],
    [
      [-1, 'min 0'],
      [LIMITS.maxQueue + 1, `max ${LIMITS.maxQueue}`],
      [0.5, 'type int'],
    ],
  ],
  [
    'healthCheckConfig.healthCheckInterval',
    [5, LIMITS.maxHealthCheckInterval],
    [
      [0, 'greater than 0'],
      [LIMITS.maxHealthCheckInterval + 1, `max ${LIMITS.maxHealthCheckInterval}`],
    ],
  ],
  [
    'healthCheckConfig.healthCheckTimeout',
    [0.1, 30],
    [
      [0, 'greater than 0'],
      [30.5, 'at most healthCheckInterval'],
    ],
  ],
  [
    'adaptiveConfig.throttleK',
    [1, 10],
    [
      [0.9, 'min 1'],
      [10.1, 'max 10'],
    ],
  ],
  [
    'adaptiveConfig.latencyMultiplier',
    [1.01, 100],
    [
      [1, 'greater than 1'],
      [100.1, 'max 100'],
    ],
  ],
  [
    'adaptiveConfig.baselineHalfLife',
    [0.1, LIMITS.maxSeconds],
    [
      [0, 'greater than 0'],
      [LIMITS.maxSeconds + 1, `max ${LIMITS.maxSeconds}`],
    ],
  ],
  [
    'adaptiveConfig.minimumBaselineCalls',
    [1, LIMITS.maxCount],
    [
      [0, 'min 1'],
      [LIMITS.maxCount + 1, `max ${LIMITS.maxCount}`],
    ],
  ],
  [
    'metadata.version',
    [undefined, '0.0.0', '1.2.3-rc.1'],
    [
      ['1.0', 'format regex'],
      [1, 'type string'],
    ],
  ],
  ['metadata.environment', [undefined, 'production', 'eu-west.1'], [['Prod', 'format regex']]],
  ['metadata.template', [undefined, 'http_route'], [['ai', 'allowed values']]],
  [
    'metadata.description',
    [undefined, '', long(LIMITS.maxDescription)],
    [[long(LIMITS.maxDescription + 1), `max ${LIMITS.maxDescription}`]],
  ],
  [
    'metadata.tags',
    [undefined, [], ['a', 'b'], Array.from({ length: LIMITS.maxTags }, (_, i) => `t${i}`)],
    [
      [['a', 'a'], 'unique'],
      [['A'], 'format regex'],
      [Array.from({ length: LIMITS.maxTags + 1 }, (_, i) => `t${i}`), `max ${LIMITS.maxTags}`],
    ],
  ],
];

describe('breakerConfigSchema bounds', () => {
  it('accepts the base config', () => {
    expect(errorsFor(base)).toEqual([]);
  });

  for (const [field, valid, invalid] of BOUNDS) {
    it.each(valid.map((v) => [JSON.stringify(v)?.slice(0, 40) ?? 'undefined', v]))(
      `${field} accepts %s`,
      (_label, value) => {
        expect(errorsFor(withValue(field, value))).toEqual([]);
      },
    );
    it.each(invalid.map(([v, rule]) => [JSON.stringify(v).slice(0, 40), v, rule]))(
      `${field} rejects %s (%s)`,
      (_label, value, rule) => {
        const errors = errorsFor(withValue(field, value));
        expect(errors.length).toBeGreaterThan(0);
        const error = errors[0]!;
        expect(error.rule).toBe(rule);
        expect(error.path.startsWith(field)).toBe(true);
        // Every message names the field first, then the rule in words.
        expect(error.message.startsWith(`${error.path}: `)).toBe(true);
        expect(error.message.length).toBeGreaterThan(error.path.length + 8);
      },
    );
  }

  it('says "is required" for a missing field instead of naming a type', () => {
    const { failureThreshold: _f, ...rest } = base;
    expect(errorsFor(rest)).toEqual([
      { path: 'failureThreshold', rule: 'required', message: 'failureThreshold: is required' },
    ]);
    expect(errorsFor({ ...base, adaptiveConfig: undefined })[0]).toMatchObject({
      path: 'adaptiveConfig',
      rule: 'required',
    });
    expect(errorsFor({ ...base, circuitType: undefined })[0]).toMatchObject({ path: 'circuitType', rule: 'required' });
  });

  it('reports a repeated tag at the repeat', () => {
    expect(errorsFor(withValue('metadata.tags', ['ai', 'prod', 'ai']))).toEqual([
      {
        path: 'metadata.tags[2]',
        rule: 'unique',
        message: 'metadata.tags[2]: repeats "ai": each entry may appear once',
      },
    ]);
  });
});

describe('cross-field rules', () => {
  it('minimumCalls may equal but not exceed slidingWindowSize for percentage_based', () => {
    const config = { ...base, circuitType: 'percentage_based' as const, slidingWindowSize: 50 };
    expect(errorsFor({ ...config, minimumCalls: 50 })).toEqual([]);
    expect(errorsFor({ ...config, minimumCalls: 51 })).toEqual([
      expect.objectContaining({ path: 'minimumCalls', rule: 'at most slidingWindowSize' }),
    ]);
    // Other types count the window in seconds: a minimum above it is fine.
    expect(errorsFor({ ...base, circuitType: 'time_based', slidingWindowSize: 50, minimumCalls: 51 })).toEqual([]);
  });

  it('a window in seconds is at most an hour, a window in calls may be longer', () => {
    for (const circuitType of ['time_based', 'adaptive'] as const) {
      expect(errorsFor({ ...base, circuitType, slidingWindowSize: LIMITS.maxWindowSeconds })).toEqual([]);
      expect(errorsFor({ ...base, circuitType, slidingWindowSize: LIMITS.maxWindowSeconds + 1 })).toEqual([
        expect.objectContaining({ path: 'slidingWindowSize', rule: `max ${LIMITS.maxWindowSeconds}` }),
      ]);
    }
    expect(errorsFor({ ...base, circuitType: 'percentage_based', slidingWindowSize: LIMITS.maxWindowCalls })).toEqual(
      [],
    );
  });

  it('maxTimeout may equal but not be below timeout', () => {
    expect(errorsFor({ ...base, timeout: 100, maxTimeout: 100 })).toEqual([]);
    expect(errorsFor({ ...base, timeout: 100, maxTimeout: 99 })).toEqual([
      { path: 'maxTimeout', rule: 'at least timeout', message: 'maxTimeout: must not be below timeout (100 s)' },
    ]);
  });

  it('healthCheckTimeout may equal but not exceed healthCheckInterval', () => {
    expect(errorsFor(withValue('healthCheckConfig', { healthCheckInterval: 10, healthCheckTimeout: 10 }))).toEqual([]);
    expect(errorsFor(withValue('healthCheckConfig', { healthCheckInterval: 10, healthCheckTimeout: 11 }))).toHaveLength(
      1,
    );
  });

  it('each broken rule gives exactly one error', () => {
    const errors = errorsFor({
      ...base,
      circuitType: 'percentage_based',
      slidingWindowSize: 10,
      minimumCalls: 11,
      timeout: 100,
      maxTimeout: 50,
    });
    expect(errors.map((e) => e.path)).toEqual(['minimumCalls', 'maxTimeout']);
  });
});

describe('unknown fields', () => {
  it('are errors with the field the typo most likely meant', () => {
    expect(errorsFor({ ...base, failureTreshold: 3 })).toEqual([
      {
        path: 'failureTreshold',
        rule: 'unknown field',
        message: 'failureTreshold: unknown field, did you mean failureThreshold?',
      },
    ]);
    expect(errorsFor(withValue('bulkheadConfig.maxConcurrentCall', 3))[0]?.message).toBe(
      'bulkheadConfig.maxConcurrentCall: unknown field, did you mean maxConcurrentCalls?',
    );
    expect(errorsFor(withValue('metadata.tag', ['a']))[0]?.message).toBe(
      'metadata.tag: unknown field, did you mean tags?',
    );
  });

  it('without a close match, ask to check the spelling', () => {
    expect(errorsFor({ ...base, colour: 'red' })[0]?.message).toBe('colour: unknown field (check the spelling)');
  });
});

describe('breakerOverridesSchema', () => {
  it('takes any subset, partial sections and null to switch an optional part off', () => {
    for (const overrides of [
      {},
      { timeout: 5 },
      { callTimeout: null },
      { bulkheadConfig: null },
      { bulkheadConfig: { maxConcurrentCalls: 4 } },
      { bulkheadConfig: { isolationPoolName: null } },
      { healthCheckConfig: { healthCheckTimeout: 2 } },
      { adaptiveConfig: { throttleK: 1.5 } },
    ]) {
      expect(breakerOverridesSchema.safeParse(overrides).success).toBe(true);
    }
  });

  it('keeps the field bounds and the rules inside a section', () => {
    expect(breakerOverridesSchema.safeParse({ timeout: 0 }).success).toBe(false);
    expect(breakerOverridesSchema.safeParse({ timeout: null }).success).toBe(false);
    expect(breakerOverridesSchema.safeParse({ adaptiveConfig: null }).success).toBe(false);
    const parsed = breakerOverridesSchema.safeParse({
      healthCheckConfig: { healthCheckInterval: 1, healthCheckTimeout: 2 },
    });
    expect(parsed.success).toBe(false);
  });
});
