/**
 * What each configuration field means, in words and units: the README's configuration reference is generated
 * from this table and the schemas (bounds), and the admin UI can show it as help text. A test keeps it covering
 * every field of the schema.
 */
export interface ConfigFieldReference {
  /** camelCase path (`bulkheadConfig.maxQueue`); the YAML key is its snake_case form. */
  path: string;
  unit: string;
  description: string;
  /** A rule that relates this field to another (checked after layering). */
  crossFieldRule?: string;
}

export const CONFIG_FIELD_REFERENCE: ReadonlyArray<ConfigFieldReference> = [
  {
    path: 'name',
    unit: 'name',
    description: 'Breaker name, unique in a process (and per environment in the control plane).',
  },
  {
    path: 'circuitType',
    unit: 'enum',
    description:
      'How failures are counted: consecutive failures (`count_based`), failure rate over the last calls (`percentage_based`) or seconds (`time_based`), or `adaptive` (learned latency baseline and progressive load shedding).',
  },
  {
    path: 'failureThreshold',
    unit: 'calls',
    description: '`count_based`: consecutive recorded failures that open the circuit.',
  },
  {
    path: 'timeout',
    unit: 'seconds',
    description: 'How long the circuit stays open before it lets probes through (half-open).',
  },
  {
    path: 'failureRateThreshold',
    unit: 'rate',
    description: 'Rate types: failure rate in the window at or above which the circuit opens (0.5 = 50 %).',
  },
  {
    path: 'minimumCalls',
    unit: 'calls',
    description: 'Rate types: recorded calls the window must hold before it may trip.',
    crossFieldRule: 'at most `sliding_window_size` for `percentage_based`',
  },
  {
    path: 'slidingWindowSize',
    unit: 'seconds or calls',
    description: 'Window of the rate types: seconds for `time_based` and `adaptive`, calls for `percentage_based`.',
    crossFieldRule: 'at most 3600 when counted in seconds',
  },
  { path: 'slowCallDurationThreshold', unit: 'seconds', description: 'A call that takes longer counts as slow.' },
  {
    path: 'slowCallRateThreshold',
    unit: 'rate',
    description:
      'Rate of slow calls in the window at or above which the circuit opens (1 = slowness alone never trips).',
  },
  {
    path: 'halfOpenMaxCalls',
    unit: 'calls',
    description: 'Probes admitted while half-open; further callers are rejected.',
  },
  {
    path: 'maxWaitInHalfOpen',
    unit: 'seconds',
    description: 'A half-open probe that takes longer re-opens the circuit.',
  },
  {
    path: 'backoffMultiplier',
    unit: 'factor',
    description: 'The open duration is multiplied by this on each consecutive re-open (1 = no backoff).',
  },
  {
    path: 'maxTimeout',
    unit: 'seconds',
    description: 'Ceiling of the backed-off open duration.',
    crossFieldRule: 'at least `timeout`',
  },
  {
    path: 'callTimeout',
    unit: 'seconds',
    description:
      'A call still running after this is aborted (its AbortSignal fires) and counts as a failure. Absent or `null`: no limit.',
  },
  {
    path: 'excludedExceptions',
    unit: 'list',
    description: 'Error class names that never count as failures (nor as successes), e.g. `ValidationError`.',
  },
  {
    path: 'serviceCategory',
    unit: 'enum',
    description:
      'Kind of dependency protected (`ai`, `mcp`, `database`, `external`, `http`): for grouping and dashboards.',
  },
  { path: 'priority', unit: '1-5', description: '1 is the most important, 5 the least: for alerting and dashboards.' },
  {
    path: 'bulkheadConfig',
    unit: 'section',
    description: 'Concurrency limit in front of the breaker. Absent or `null`: no limit.',
  },
  { path: 'bulkheadConfig.maxConcurrentCalls', unit: 'calls', description: 'Calls allowed to run at the same time.' },
  {
    path: 'bulkheadConfig.isolationPoolName',
    unit: 'name',
    description: 'Breakers naming the same pool share one limit. Absent: the breaker has a limit of its own.',
  },
  {
    path: 'bulkheadConfig.queueTimeout',
    unit: 'seconds',
    description: 'How long a call may wait for a slot before it is rejected with `BulkheadFullError`.',
  },
  {
    path: 'bulkheadConfig.maxQueue',
    unit: 'calls',
    description: 'Calls that may wait for a slot; 0 rejects at once when full.',
  },
  {
    path: 'healthCheckConfig',
    unit: 'section',
    description: 'While open, poll a health check to move to half-open early. Absent or `null`: no health checks.',
  },
  { path: 'healthCheckConfig.healthCheckInterval', unit: 'seconds', description: 'Time between two health checks.' },
  {
    path: 'healthCheckConfig.healthCheckTimeout',
    unit: 'seconds',
    description: 'A health check that takes longer has failed.',
    crossFieldRule: 'at most `health_check_interval`',
  },
  {
    path: 'adaptiveConfig.throttleK',
    unit: 'factor',
    description:
      '`adaptive`: K of client-side throttling, reject probability max(0, (requests - K x accepts) / (requests + 1)).',
  },
  {
    path: 'adaptiveConfig.latencyMultiplier',
    unit: 'factor',
    description: '`adaptive`: a call slower than this many times the learned latency baseline is slow.',
  },
  {
    path: 'adaptiveConfig.baselineHalfLife',
    unit: 'seconds',
    description: '`adaptive`: time over which the latency baseline forgets half of its past.',
  },
  {
    path: 'adaptiveConfig.minimumBaselineCalls',
    unit: 'calls',
    description: '`adaptive`: calls observed before the baseline is trusted to judge slowness.',
  },
  {
    path: 'metadata.version',
    unit: 'semver',
    description: 'Version of this configuration, e.g. `"1.0.0"` (descriptive).',
  },
  {
    path: 'metadata.environment',
    unit: 'name',
    description: 'Environment the values were resolved for; in a YAML file, selects the environment profile.',
  },
  {
    path: 'metadata.template',
    unit: 'enum',
    description: 'Template the values started from; in a YAML file, selects the template.',
  },
  { path: 'metadata.description', unit: 'text', description: 'Free text for people.' },
  {
    path: 'metadata.tags',
    unit: 'list',
    description: 'Names to find configurations by (`getConfigurationsByTag`); no repeats.',
  },
];
