import { createHash } from 'node:crypto';
import {
  type BreakerConfig,
  type BreakerContent,
  type BreakerOverrides,
  type FieldChange,
  type FieldError,
  resolveBreakerConfig,
  type ValueSources,
} from '@breakwater/contracts';
import { BreakerConfigError } from './breaker-config.errors.js';

/** JSON with object keys sorted at every level, so equal content always serialises (and hashes) the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the stored content (template, overrides, metadata): equal hashes mean nothing changed. */
export function contentHash(content: BreakerContent): string {
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== undefined);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, value);
}

/** Field-level differences between two JSON values, by dotted path (arrays compare as a whole), sorted by path. */
export function diffValues(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  // An empty object on one side and fields under it on the other: the fields are the change, not the object.
  for (const [mine, other] of [
    [a, b],
    [b, a],
  ] as const)
    for (const [path, value] of mine)
      if (isEmptyObject(value) && [...other.keys()].some((key) => key.startsWith(`${path}.`))) mine.delete(path);
  const changes: FieldChange[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const inA = a.has(path);
    const inB = b.has(path);
    if (inA && !inB) changes.push({ path, kind: 'removed', before: a.get(path) });
    else if (!inA && inB) changes.push({ path, kind: 'added', after: b.get(path) });
    else if (canonicalJson(a.get(path)) !== canonicalJson(b.get(path)))
      changes.push({ path, kind: 'changed', before: a.get(path), after: b.get(path) });
  }
  return changes;
}

export interface Effective {
  config: BreakerConfig;
  sources: ValueSources;
}

/**
 * The effective config of stored content in an environment (contracts layering: defaults, template, environment
 * defaults, overrides); an invalid result is a 400 naming each field.
 */
export function effectiveConfig(
  name: string,
  environment: string,
  environmentDefaults: BreakerOverrides,
  content: BreakerContent,
  pathPrefix = '',
): Effective {
  const result = resolveBreakerConfig({
    name,
    environment,
    environmentDefaults,
    template: content.template,
    overrides: content.overrides,
    metadata: content.metadata,
  });
  if (result.success) return { config: result.config, sources: result.sources };
  throw BreakerConfigError.invalid(prefixFields(result.errors, pathPrefix));
}

export function prefixFields(errors: FieldError[], prefix: string): FieldError[] {
  if (!prefix) return errors;
  return errors.map((error) => ({
    ...error,
    path: error.path === '(root)' ? prefix : `${prefix}.${error.path}`,
    message: `${prefix}.${error.message}`,
  }));
}

/** `If-Match: "3"`, `W/"3"` or `3` -> 3. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1])
    throw BreakerConfigError.invalid([
      { path: 'If-Match', rule: 'version', message: 'If-Match: must be a version number such as "3"' },
    ]);
  return Number(match[1]);
}
