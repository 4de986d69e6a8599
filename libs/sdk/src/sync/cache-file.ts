import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { snapshotMessageSchema, type SnapshotMessage } from '@breakwater/contracts';

/** Format of the last-known-good file. */
export const CACHE_FILE_FORMAT = 1;

/**
 * Reads the last applied snapshot. Returns undefined (and says why through `onProblem`) when the file is missing,
 * unreadable, of another service, or does not validate: a bad cache never stops a service from starting.
 */
export interface CachedSnapshot {
  snapshot: SnapshotMessage;
  /** Environment of the SDK key that received it (revisions are per environment). */
  environment: string | undefined;
}

export function readCacheFile(
  path: string,
  service: string,
  onProblem: (message: string) => void,
): CachedSnapshot | undefined {
  let text: string;
  try {
    // Synchronous on purpose: read once at start-up, so the cached configs are in force before the first call.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`cannot read ${path}: ${String(error)}`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    onProblem(`${path} is not JSON; ignoring it`);
    return undefined;
  }
  const record = parsed as { format?: unknown; snapshot?: unknown; environment?: unknown } | null;
  if (record?.format !== CACHE_FILE_FORMAT) {
    onProblem(`${path} has an unknown format; ignoring it`);
    return undefined;
  }
  const result = snapshotMessageSchema.safeParse(record.snapshot);
  if (!result.success) {
    onProblem(`${path} does not validate (${result.error.issues[0]?.message ?? 'invalid'}); ignoring it`);
    return undefined;
  }
  if (result.data.service !== service) {
    onProblem(`${path} belongs to service ${result.data.service}, not ${service}; ignoring it`);
    return undefined;
  }
  return {
    snapshot: result.data,
    environment: typeof record.environment === 'string' ? record.environment : undefined,
  };
}

/**
 * Writes the snapshot atomically: a temporary file in the same folder, then rename, so a crash mid-write leaves
 * the previous file whole.
 */
export async function writeCacheFile(
  path: string,
  snapshot: SnapshotMessage,
  savedAt: Date,
  environment?: string,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const body = JSON.stringify({ format: CACHE_FILE_FORMAT, savedAt: savedAt.toISOString(), environment, snapshot });
  try {
    await writeFile(temporary, body, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
