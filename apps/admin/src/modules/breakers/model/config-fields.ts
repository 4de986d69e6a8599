import { CIRCUIT_TYPES, SERVICE_CATEGORIES, type CircuitType } from '@breakwater/contracts';

export type FieldKind = 'int' | 'seconds' | 'rate' | 'number' | 'select' | 'text' | 'list';

/** One input of the config form; `path` is the contracts field path (`bulkheadConfig.maxConcurrentCalls`). */
export interface ConfigField {
  path: string;
  label: string;
  kind: FieldKind;
  help: string;
  options?: readonly string[];
  /** Shown only for these circuit types (the field has no effect on the others). */
  circuitTypes?: readonly CircuitType[];
  /** Optional fields may be left unset (e.g. no call timeout). */
  optional?: boolean;
}

/** An optional section (`bulkheadConfig`) that can be switched on and off as a whole. */
export interface ConfigSection {
  title: string;
  /** Key of the nullable section, when the section can be switched off. */
  toggle?: 'bulkheadConfig' | 'healthCheckConfig';
  circuitTypes?: readonly CircuitType[];
  fields: ConfigField[];
}

const RATE_TYPES: readonly CircuitType[] = ['time_based', 'percentage_based', 'adaptive'];

/** The form's layout: every settings field of the contracts schema, grouped as the guide explains them. */
export const CONFIG_SECTIONS: ConfigSection[] = [
  {
    title: 'Tripping',
    fields: [
      {
        path: 'circuitType',
        label: 'Circuit type',
        kind: 'select',
        options: CIRCUIT_TYPES,
        help: 'How failures are counted',
      },
      {
        path: 'failureThreshold',
        label: 'Failure threshold',
        kind: 'int',
        help: 'Consecutive failures that open the circuit',
        circuitTypes: ['count_based'],
      },
      {
        path: 'failureRateThreshold',
        label: 'Failure rate threshold',
        kind: 'rate',
        help: 'Failure rate in the window that opens the circuit (0-1]',
        circuitTypes: RATE_TYPES,
      },
      {
        path: 'minimumCalls',
        label: 'Minimum calls',
        kind: 'int',
        help: 'Calls the window must hold before it may trip',
        circuitTypes: RATE_TYPES,
      },
      {
        path: 'slidingWindowSize',
        label: 'Sliding window size',
        kind: 'int',
        help: 'Seconds (time based, adaptive) or calls (percentage based)',
        circuitTypes: RATE_TYPES,
      },
    ],
  },
  {
    title: 'Recovery',
    fields: [
      { path: 'timeout', label: 'Open timeout (s)', kind: 'seconds', help: 'Seconds open before half-open probes' },
      { path: 'halfOpenMaxCalls', label: 'Half-open max calls', kind: 'int', help: 'Probes admitted while half-open' },
      { path: 'maxWaitInHalfOpen', label: 'Max wait in half-open (s)', kind: 'seconds', help: 'Probe time limit' },
      { path: 'backoffMultiplier', label: 'Backoff multiplier', kind: 'number', help: '1 = no backoff' },
      { path: 'maxTimeout', label: 'Max open timeout (s)', kind: 'seconds', help: 'Ceiling of the backed-off timeout' },
    ],
  },
  {
    title: 'Slow calls and timeouts',
    fields: [
      {
        path: 'slowCallDurationThreshold',
        label: 'Slow call duration (s)',
        kind: 'seconds',
        help: 'Above this a call counts as slow',
      },
      { path: 'slowCallRateThreshold', label: 'Slow call rate threshold', kind: 'rate', help: 'Rate that opens' },
      {
        path: 'callTimeout',
        label: 'Call timeout (s)',
        kind: 'seconds',
        optional: true,
        help: 'Calls running longer are aborted; empty = no limit',
      },
    ],
  },
  {
    title: 'Classification',
    fields: [
      { path: 'serviceCategory', label: 'Service category', kind: 'select', options: SERVICE_CATEGORIES, help: '' },
      { path: 'priority', label: 'Priority', kind: 'int', help: '1 (highest) to 5 (lowest)' },
      {
        path: 'excludedExceptions',
        label: 'Excluded errors',
        kind: 'list',
        help: 'Error class names that never count as failures',
      },
    ],
  },
  {
    title: 'Bulkhead',
    toggle: 'bulkheadConfig',
    fields: [
      { path: 'bulkheadConfig.maxConcurrentCalls', label: 'Max concurrent calls', kind: 'int', help: '' },
      {
        path: 'bulkheadConfig.isolationPoolName',
        label: 'Isolation pool',
        kind: 'text',
        optional: true,
        help: 'Breakers with the same pool share one limit',
      },
      { path: 'bulkheadConfig.queueTimeout', label: 'Queue timeout (s)', kind: 'seconds', help: '' },
      { path: 'bulkheadConfig.maxQueue', label: 'Max queue', kind: 'int', help: '0 rejects at once when full' },
    ],
  },
  {
    title: 'Health check',
    toggle: 'healthCheckConfig',
    fields: [
      { path: 'healthCheckConfig.healthCheckInterval', label: 'Interval (s)', kind: 'seconds', help: '' },
      { path: 'healthCheckConfig.healthCheckTimeout', label: 'Timeout (s)', kind: 'seconds', help: '' },
    ],
  },
  {
    title: 'Adaptive tuning',
    circuitTypes: ['adaptive'],
    fields: [
      { path: 'adaptiveConfig.throttleK', label: 'Throttle K', kind: 'number', help: '1 sheds the most, 2 usual' },
      { path: 'adaptiveConfig.latencyMultiplier', label: 'Latency multiplier', kind: 'number', help: '' },
      { path: 'adaptiveConfig.baselineHalfLife', label: 'Baseline half-life (s)', kind: 'seconds', help: '' },
      { path: 'adaptiveConfig.minimumBaselineCalls', label: 'Minimum baseline calls', kind: 'int', help: '' },
    ],
  },
];
