/**
 * The guide's YAML files use snake_case keys (`failure_rate_threshold`, `bulkhead_config.max_concurrent_calls`);
 * the wire format and TypeScript use camelCase. These convert keys (never values) between the two.
 */

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Objects whose keys are data, not field names: their keys are never converted. */
const OPAQUE_KEYS = new Set<string>();

function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[convert(key)] = OPAQUE_KEYS.has(key) ? inner : convertKeys(inner, convert);
  }
  return out;
}

/** A camelCase config (or overrides) as the guide's snake_case YAML document. */
export function toSnakeCaseKeys(value: unknown): unknown {
  return convertKeys(value, camelToSnake);
}

/** A snake_case YAML document as camelCase, ready for the contracts schemas. */
export function toCamelCaseKeys(value: unknown): unknown {
  return convertKeys(value, snakeToCamel);
}

/** A camelCase field path of an error (`bulkheadConfig.maxConcurrentCalls`) as the YAML file spells it. */
export function toSnakeCasePath(path: string): string {
  return path
    .split('.')
    .map((segment) => camelToSnake(segment))
    .join('.');
}
