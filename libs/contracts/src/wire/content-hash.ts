import { sha256Hex } from './sha256.js';

/**
 * JSON with object keys sorted at every level, so equal values give equal text whatever the key order.
 * `undefined` object members are left out (as JSON.stringify does); non-finite numbers are rejected.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('stableStringify: non-finite number');
    if (value === undefined) return 'null';
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`);
  return `{${members.join(',')}}`;
}

/** A named config, as hashed: only the content counts (not its version number or revision). */
export interface HashableConfig {
  name: string;
  config: unknown;
}

/**
 * The content hash of a set of breaker configs (order-insensitive): what an SDK reports in its ACK and what the
 * control plane computes for the same revision, so "applied" can be checked, not just claimed.
 */
export function contentHash(configs: ReadonlyArray<HashableConfig>): string {
  return `sha256:${sha256Hex(contentHashInput(configs))}`;
}

/** The text contentHash() hashes: for callers with a faster sha256 of their own (node:crypto in the SDK). */
export function contentHashInput(configs: ReadonlyArray<HashableConfig>): string {
  const sorted = [...configs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return joinContentHashEntries(sorted.map(contentHashEntry));
}

/**
 * One config's part of contentHashInput(), for callers that keep it between changes (an SDK re-hashes after every
 * delta, and most of its configs did not change).
 */
export function contentHashEntry({ name, config }: HashableConfig): string {
  return stableStringify({ name, config });
}

/** contentHashInput() from the contentHashEntry() of each config, already sorted by name. */
export function joinContentHashEntries(entries: ReadonlyArray<string>): string {
  return `[${entries.join(',')}]`;
}
