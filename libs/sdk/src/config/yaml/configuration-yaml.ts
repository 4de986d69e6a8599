import {
  ADAPTIVE_KEYS,
  breakerConfigDocumentSchema,
  breakerConfigSchema,
  BULKHEAD_KEYS,
  camelToSnake,
  closestMatch,
  HEALTH_CHECK_KEYS,
  knownKeysAt,
  METADATA_KEYS,
  resolveBreakerConfigDocument,
  SETTINGS_KEYS,
  snakeToCamel,
  toCamelCaseKeys,
  toExactBreakerConfig,
  toFieldErrors,
  type BreakerConfig,
  type FieldError,
} from '@breakwater/contracts';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { ConfigurationError, type ConfigurationProblem } from '../configuration-error.js';
import { isPlainObject } from '../is-plain-object.js';
import { snakeCaseMessage } from '../snake-case-message.js';

/** `bulkhead_config.max_queue`, `metadata.tags[2]` as path segments. */
function splitPath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null) return segments;
    if (match[1]) segments.push(match[1]);
    for (const index of match[2]?.matchAll(/\[(\d+)\]/g) ?? []) segments.push(Number(index[1]));
  }
  return segments;
}

/** The offset of the deepest node of `path` that exists: the key itself when it names a field. */
function offsetOf(contents: unknown, path: ReadonlyArray<string | number>): number {
  let node = contents as Node | null | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (pair === undefined) return offset;
      const key = pair.key as Node;
      offset = key.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Keys must be spelt as in the guide: `failureThreshold` in a YAML file is a mistake, not a synonym. */
function checkSnakeCaseKeys(value: unknown, path: string[], errors: FieldError[]): void {
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const snake = camelToSnake(snakeToCamel(key));
    if (snake !== key) {
      const known = (knownKeysAt(breakerConfigDocumentSchema, path.map(snakeToCamel)) ?? []).map(camelToSnake);
      const suggestion = closestMatch(key, known);
      const at = [...path, key].join('.');
      errors.push({
        path: at,
        rule: 'unknown field',
        message: `${at}: unknown field${suggestion === undefined ? ' (keys are snake_case)' : `, did you mean ${suggestion}?`}`,
      });
    } else {
      checkSnakeCaseKeys(inner, [...path, key], errors);
    }
  }
}

function locate(problem: FieldError, file: string, contents: unknown, lines: LineCounter): ConfigurationProblem {
  const { line, col } = lines.linePos(offsetOf(contents, splitPath(problem.path)));
  return { ...problem, file, line, column: col, message: `${file}:${line}:${col}: ${problem.message}` };
}

/**
 * Reads one configuration in the guide's YAML format: snake_case keys, durations in seconds, `metadata.template`
 * and `metadata.environment` naming the layers the other fields override. Throws a `ConfigurationError` whose
 * problems each give the file, line, column and field.
 */
export function parseConfigurationYaml(source: string, file = '<yaml>'): BreakerConfig {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const summary = `Invalid breaker configuration file ${file}`;
  if (document.errors.length > 0) {
    const problems = document.errors.map((error): ConfigurationProblem => {
      const { line, col } = lines.linePos(error.pos[0]);
      const text = error.message.split('\n')[0] ?? error.message;
      return {
        path: '(root)',
        rule: 'yaml syntax',
        file,
        line,
        column: col,
        message: `${file}:${line}:${col}: ${text}`,
      };
    });
    throw new ConfigurationError('INVALID_CONFIG', summary, problems);
  }
  const data: unknown = document.toJS();
  if (!isPlainObject(data)) {
    const problem = {
      path: '(root)',
      rule: 'type object',
      message: '(root): must be a mapping of configuration fields',
    };
    throw new ConfigurationError('INVALID_CONFIG', summary, [locate(problem, file, document.contents, lines)]);
  }
  const keyErrors: FieldError[] = [];
  checkSnakeCaseKeys(data, [], keyErrors);
  const result = keyErrors.length > 0 ? undefined : resolveBreakerConfigDocument(toCamelCaseKeys(data));
  if (result?.success) return result.config;
  const errors = keyErrors.length > 0 ? keyErrors : result === undefined ? [] : result.errors.map(snakeCaseMessage);
  throw new ConfigurationError(
    'INVALID_CONFIG',
    summary,
    errors.map((error) => locate(error, file, document.contents, lines)),
  );
}

const SECTION_KEYS: Record<string, ReadonlyArray<string>> = {
  bulkheadConfig: BULKHEAD_KEYS,
  healthCheckConfig: HEALTH_CHECK_KEYS,
  adaptiveConfig: ADAPTIVE_KEYS,
  metadata: METADATA_KEYS,
};

/**
 * The YAML document of a configuration: every field in the guide's order, snake_case. Switched-off parts are
 * written as `null` so that loading the file does not bring a template's value back.
 */
function toDocument(config: BreakerConfig): Record<string, unknown> {
  const exact = toExactBreakerConfig(config) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ['name', ...SETTINGS_KEYS, 'metadata']) {
    const value = exact[key];
    const keys = SECTION_KEYS[key];
    if (value === undefined) continue;
    if (keys === undefined || value === null) {
      out[camelToSnake(key)] = value;
      continue;
    }
    const section: Record<string, unknown> = {};
    for (const inner of keys) {
      const innerValue = (value as Record<string, unknown>)[inner];
      if (innerValue !== undefined) section[camelToSnake(inner)] = innerValue;
    }
    out[camelToSnake(key)] = section;
  }
  return out;
}

/** A configuration as the guide's YAML: loading the text gives back an equal configuration. */
export function formatConfigurationYaml(config: BreakerConfig): string {
  const parsed = breakerConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new ConfigurationError(
      'INVALID_CONFIG',
      `Invalid breaker configuration "${String((config as { name?: unknown }).name)}"`,
      toFieldErrors(parsed.error, { schema: breakerConfigSchema }),
    );
  }
  const header = `# Breakwater breaker configuration (durations in seconds, rates in (0, 1]).\n`;
  return header + stringify(toDocument(parsed.data), { lineWidth: 0 });
}
