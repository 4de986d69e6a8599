import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATE_NAMES, BUILT_IN_ENVIRONMENTS, type BreakerConfig } from '@breakwater/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCircuitBreakerConfig } from '../configuration-manager.js';
import { caughtConfigurationError } from '../testing/caught-configuration-error.js';
import { loadConfigurationsFromDirectory, parseConfigurationYaml, saveConfiguration } from '@breakwater/sdk/yaml';

const EXAMPLES = fileURLToPath(new URL('../../../../../examples/config/circuit_breakers/', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'breakwater-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the guide's claude_production.yaml", () => {
  it('loads unchanged and means the same as create_circuit_breaker_config with its values', async () => {
    const [config, ...others] = await loadConfigurationsFromDirectory(EXAMPLES);
    expect(others).toEqual([]);
    const expected = buildCircuitBreakerConfig({
      name: 'claude_production',
      template: 'ai_provider',
      environment: 'production',
      circuitType: 'adaptive',
      failureThreshold: 2,
      timeout: 30,
      failureRateThreshold: 0.3,
      minimumCalls: 10,
      serviceCategory: 'ai',
      priority: 1,
      bulkheadConfig: { maxConcurrentCalls: 20, isolationPoolName: 'ai_claude_prod', queueTimeout: 10 },
      healthCheckConfig: { healthCheckInterval: 30, healthCheckTimeout: 5 },
      metadata: {
        version: '1.0.0',
        description: 'Production Claude configuration',
        tags: ['ai', 'production', 'critical'],
      },
    });
    expect(config).toEqual(expected);
    // The fields the file leaves out come from the ai_provider template.
    expect(config).toMatchObject({
      callTimeout: 120,
      slidingWindowSize: 60,
      bulkheadConfig: { maxConcurrentCalls: 20, isolationPoolName: 'ai_claude_prod', queueTimeout: 10, maxQueue: 100 },
      healthCheckConfig: { healthCheckInterval: 30, healthCheckTimeout: 5 },
      metadata: { version: '1.0.0', environment: 'production', template: 'ai_provider' },
    });
  });
});

describe('YAML round trip', () => {
  const configs: BreakerConfig[] = [
    ...TEMPLATE_NAMES.flatMap((template) =>
      BUILT_IN_ENVIRONMENTS.map((environment) =>
        buildCircuitBreakerConfig({ name: `${template}.${environment}`, template, environment }),
      ),
    ),
    buildCircuitBreakerConfig({ name: 'bare' }),
    buildCircuitBreakerConfig({
      name: 'pooled',
      template: 'database',
      bulkheadConfig: { isolationPoolName: 'db_pool' },
    }),
    buildCircuitBreakerConfig({
      name: 'switched_off',
      template: 'ai_provider',
      callTimeout: null,
      bulkheadConfig: null,
      healthCheckConfig: null,
      excludedExceptions: ['ValidationError', 'HttpError.NotFound'],
      metadata: { version: '2.1.0', description: 'quotes: "x" and # not a comment', tags: ['a', 'b'] },
    }),
  ];

  it.each(configs.map((c) => [c.name, c]))('save then load gives an equal config: %s', async (_name, config) => {
    const file = await saveConfiguration(config, dir);
    expect(file).toBe(join(dir, `${config.name}.yaml`));
    const [loaded] = await loadConfigurationsFromDirectory(dir);
    expect(loaded).toEqual(config);
  });

  it('writes snake_case keys, seconds, and null for a switched-off part', async () => {
    const switchedOff = configs.at(-1)!;
    const text = await readFile(await saveConfiguration(switchedOff, dir), 'utf8');
    expect(text).toContain('\nname: switched_off\ncircuit_type: adaptive\nfailure_threshold: 3\ntimeout: 60\n');
    expect(text).toContain('\ncall_timeout: null\n');
    expect(text).toContain('\nbulkhead_config: null\n');
    const pooled = await readFile(await saveConfiguration(configs.at(-2)!, dir), 'utf8');
    expect(pooled).toContain('\n  isolation_pool_name: db_pool\n');
    const unpooled = await readFile(await saveConfiguration(configs[0]!, dir), 'utf8');
    expect(unpooled).toContain('\n  isolation_pool_name: null\n');
    expect(text).toContain('\nadaptive_config:\n  throttle_k: 2\n');
    expect(text).not.toMatch(/^\s*\w*[A-Z]\w*:/m);
  });

  it('refuses to save an invalid config', async () => {
    const bad = { ...configs[0]!, priority: 0 };
    const error = await caughtConfigurationError(() => saveConfiguration(bad, dir));
    expect(error.messages).toEqual(['priority: must be between 1 (highest) and 5 (lowest)']);
  });
});

describe('bad YAML', () => {
  const valid = 'name: svc\nmetadata:\n  template: database\n';

  it('names file, line, column and field of a bound', async () => {
    const error = await caughtConfigurationError(() =>
      parseConfigurationYaml(`${valid}bulkhead_config:\n  max_concurrent_calls: 0\n`, 'svc.yaml'),
    );
    expect(error.problems).toEqual([
      {
        path: 'bulkhead_config.max_concurrent_calls',
        rule: 'min 1',
        file: 'svc.yaml',
        line: 5,
        column: 3,
        message: 'svc.yaml:5:3: bulkhead_config.max_concurrent_calls: must be a positive integer (at least 1)',
      },
    ]);
    expect(error.message).toContain('Invalid breaker configuration file svc.yaml:\n  - svc.yaml:5:3:');
  });

  it('a misspelt key is an error with the key it meant, in snake_case', async () => {
    const error = await caughtConfigurationError(() =>
      parseConfigurationYaml(`${valid}failure_treshold: 3\n`, 'svc.yaml'),
    );
    expect(error.messages).toEqual(['svc.yaml:4:1: failure_treshold: unknown field, did you mean failure_threshold?']);
  });

  it('a camelCase key is not a synonym', async () => {
    const error = await caughtConfigurationError(() =>
      parseConfigurationYaml(`${valid}health_check_config:\n  healthCheckInterval: 9\n`),
    );
    expect(error.messages).toEqual([
      '<yaml>:5:3: health_check_config.healthCheckInterval: unknown field, did you mean health_check_interval?',
    ]);
  });

  it('cross-field rules and wrong types speak the file spelling', async () => {
    const error = await caughtConfigurationError(() =>
      parseConfigurationYaml(`${valid}minimum_calls: 101\ntimeout: "30"\n`, 'f.yaml'),
    );
    expect(error.messages).toEqual(['f.yaml:5:1: timeout: must be a number']);
    const cross = await caughtConfigurationError(() =>
      parseConfigurationYaml(`${valid}minimum_calls: 101\n`, 'f.yaml'),
    );
    expect(cross.messages).toEqual([
      'f.yaml:4:1: minimum_calls: must not be above sliding_window_size (100 calls) for percentage_based: the window could never hold enough calls to trip',
    ]);
  });

  it('points at a repeated tag and at a missing name', async () => {
    const tags = await caughtConfigurationError(() =>
      parseConfigurationYaml('name: svc\nmetadata:\n  tags: [ai, db, ai]\n', 'f.yaml'),
    );
    expect(tags.messages).toEqual(['f.yaml:3:18: metadata.tags[2]: repeats "ai": each entry may appear once']);
    const nameless = await caughtConfigurationError(() => parseConfigurationYaml('timeout: 3\n', 'f.yaml'));
    expect(nameless.messages).toEqual(['f.yaml:1:1: name: is required']);
  });

  it('reports syntax errors and duplicate keys with their line', async () => {
    const syntax = await caughtConfigurationError(() =>
      parseConfigurationYaml('name: svc\ntimeout: 1\n\tpriority: 2\n', 'f.yaml'),
    );
    expect(syntax.problems[0]).toMatchObject({ file: 'f.yaml', line: 3, column: 1, rule: 'yaml syntax' });
    expect(syntax.messages[0]).toBe('f.yaml:3:1: Tabs are not allowed as indentation');
    const duplicate = await caughtConfigurationError(() =>
      parseConfigurationYaml('name: svc\ntimeout: 1\ntimeout: 2\n', 'f.yaml'),
    );
    expect(duplicate.problems[0]).toMatchObject({ line: 3, rule: 'yaml syntax' });
    expect(duplicate.messages[0]).toMatch(/^f\.yaml:3:1: .*unique/i);
  });

  it('a file that is not a mapping says so', async () => {
    expect((await caughtConfigurationError(() => parseConfigurationYaml('- a\n- b\n', 'f.yaml'))).messages).toEqual([
      'f.yaml:1:1: (root): must be a mapping of configuration fields',
    ]);
    expect((await caughtConfigurationError(() => parseConfigurationYaml('', 'f.yaml'))).messages).toEqual([
      'f.yaml:1:1: (root): must be a mapping of configuration fields',
    ]);
  });

  it('a directory load lists the problems of every bad file and refuses duplicate names', async () => {
    await writeFile(join(dir, 'a.yaml'), 'name: one\ntimeout: 0\n');
    await writeFile(join(dir, 'b.yml'), 'name: two\npriorty: 1\n');
    await writeFile(join(dir, 'c.yaml'), 'name: three\n');
    await writeFile(join(dir, 'd.yaml'), 'name: three\n');
    await writeFile(join(dir, 'notes.txt'), 'not: [yaml\n');
    const error = await caughtConfigurationError(() => loadConfigurationsFromDirectory(dir));
    expect(error.messages).toEqual([
      `${join(dir, 'a.yaml')}:2:1: timeout: must be a positive number of seconds (greater than 0)`,
      `${join(dir, 'b.yml')}:2:1: priorty: unknown field, did you mean priority?`,
      `${join(dir, 'd.yaml')}: name: "three" is already defined in ${join(dir, 'c.yaml')}`,
    ]);
  });
});
