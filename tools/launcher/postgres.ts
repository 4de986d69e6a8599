import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { INSTALL_HINT, LauncherError } from './errors.js';
import { freePort } from './net.js';

export interface PostgresHandle {
  /** A URL of the server's `postgres` maintenance database (or exactly DATABASE_URL when it was given). */
  url: string;
  origin: string;
  /** True when the URL came from DATABASE_URL: use it exactly as given. */
  explicit: boolean;
  stop(): Promise<void>;
}

export type PostgresMode = 'start' | 'test';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Debian/Ubuntu install PostgreSQL's server binaries under /usr/lib/postgresql/<major>/bin. */
function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((entry) => existsSync(join(root, entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : undefined;
}

/** PostgreSQL refuses to run as root; when we are root, run its tools as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

async function startPrivateCluster(bin: string, dataRoot: string): Promise<PostgresHandle> {
  const dataDir = join(dataRoot, 'postgres');
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const [cmd, args] = asPostgresUser(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '--auth=trust',
      '--username=postgres',
      '--encoding=UTF8',
      '--no-instructions',
    ]);
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const port = await freePort();
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const [cmd, args] = asPostgresUser(join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-o',
    options,
    '-l',
    join(dataDir, 'server.log'),
    '-w',
    '-t',
    '60',
    'start',
  ]);
  const started = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (started.status !== 0) {
    throw new LauncherError(
      `Could not start a private PostgreSQL from ${bin}: ${started.stderr.trim()} (log: ${join(dataDir, 'server.log')}).`,
    );
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    origin: `a private PostgreSQL cluster in ${dataDir} on port ${port}`,
    explicit: false,
    stop: () => {
      const [stopCmd, stopArgs] = asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      spawnSync(stopCmd, stopArgs, { stdio: 'ignore' });
      return Promise.resolve();
    },
  };
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served over the wire protocol, so the control plane still talks
 * `pg`/TypeORM. Only for `npm start` on a machine without PostgreSQL: tests always use a real server.
 */
async function startPglite(dataRoot: string): Promise<PostgresHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dataDir = join(dataRoot, 'pglite');
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    origin: `embedded PGlite in ${dataDir} on port ${port}`,
    explicit: false,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * DATABASE_URL when set; else the PostgreSQL on 127.0.0.1:5432; else a private cluster from the installed
 * PostgreSQL binaries; else (for `npm start` only) embedded PGlite.
 * BREAKWATER_PRIVATE_SERVICES=1 skips the server on the default port; BREAKWATER_EMBEDDED_POSTGRES=1 makes
 * `npm start` use PGlite directly.
 */
export async function ensurePostgres(
  env: NodeJS.ProcessEnv,
  mode: PostgresMode,
  dataRoot: string,
): Promise<PostgresHandle> {
  const given = env['DATABASE_URL'];
  if (given) {
    if (!(await canConnect(given)))
      throw new LauncherError(`DATABASE_URL is set but PostgreSQL does not answer there (${redact(given)}).`);
    return { url: given, origin: 'DATABASE_URL', explicit: true, stop: () => Promise.resolve() };
  }
  const privateOnly = env['BREAKWATER_PRIVATE_SERVICES'] === '1';
  if (mode === 'start' && env['BREAKWATER_EMBEDDED_POSTGRES'] === '1') return startPglite(dataRoot);
  if (!privateOnly && (await canConnect(DEFAULT_URL))) {
    return {
      url: DEFAULT_URL,
      origin: 'the PostgreSQL on 127.0.0.1:5432',
      explicit: false,
      stop: () => Promise.resolve(),
    };
  }
  const bin = findPostgresBin();
  if (bin) return startPrivateCluster(bin, dataRoot);
  if (mode === 'start') return startPglite(dataRoot);
  throw new LauncherError(
    `No PostgreSQL found: DATABASE_URL is not set, nothing accepts connections on 127.0.0.1:5432 as user postgres, ` +
      `and no PostgreSQL binaries are installed under /usr/lib/postgresql. The tests need a real PostgreSQL server. ${INSTALL_HINT}`,
  );
}

/** Same server, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** A URL for logs: the password replaced. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
