/**
 * The one launcher behind `npm start` and `npm test`: makes sure PostgreSQL and Redis are there (see
 * postgres.ts and redis.ts for the order in which it looks), then runs the product or the test suite against
 * them, and stops whatever it started on exit.
 *
 *   npm start                  build, then run the control plane with the admin UI on http://localhost:8080
 *   npm test                   build, type-check, lint, format check, unit + integration tests, browser tests
 *   npm test -- vitest e2e     only the named steps (build, typecheck, lint, format, vitest, e2e)
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LauncherError } from './errors.js';
import { ensureDatabase, ensurePostgres, redact, withDatabase } from './postgres.js';
import { ensureRedis } from './redis.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
const cleanups: Array<() => Promise<void>> = [];

const quietNx = {
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NX_SKIP_NX_CACHE: process.env['NX_SKIP_NX_CACHE'] ?? '',
};

function log(message: string): void {
  process.stdout.write(`[breakwater] ${message}\n`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 128 : 1));
    });
    child.once('error', (error) => {
      log(`could not run ${command}: ${error.message}`);
      resolvePromise(127);
    });
  });
}

async function stopAll(): Promise<void> {
  while (cleanups.length > 0)
    await cleanups
      .pop()?.()
      .catch(() => undefined);
}

async function services(mode: 'start' | 'test') {
  const dataRoot = join(root, '.data');
  mkdirSync(dataRoot, { recursive: true });
  const postgres = await ensurePostgres(process.env, mode, dataRoot);
  cleanups.push(() => postgres.stop());
  log(`PostgreSQL: ${postgres.origin}`);
  const redis = await ensureRedis(process.env);
  cleanups.push(() => redis.stop());
  log(`Redis: ${redis.origin}`);
  return { postgres, redis };
}

async function start(): Promise<number> {
  const { postgres, redis } = await services('start');
  let databaseUrl = postgres.url;
  if (!postgres.explicit && !postgres.origin.startsWith('embedded')) {
    await ensureDatabase(postgres.url, 'breakwater');
    databaseUrl = withDatabase(postgres.url, 'breakwater');
  }
  log(`Database: ${redact(databaseUrl)}`);
  const env = { ...process.env, ...quietNx };
  const built = await run(
    bin('nx'),
    ['run-many', '-t', 'build', '-p', '@breakwater/control-plane', '@breakwater/admin', '--outputStyle=static'],
    env,
  );
  if (built !== 0) return built;
  return run(process.execPath, [join(root, 'apps/control-plane/dist/src/main.js')], {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
  });
}

interface Step {
  name: string;
  command: string;
  args: string[];
}

const STEPS: Step[] = [
  { name: 'build', command: bin('nx'), args: ['run-many', '-t', 'build', '--outputStyle=static'] },
  { name: 'typecheck', command: bin('nx'), args: ['run-many', '-t', 'typecheck', '--outputStyle=static'] },
  { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '.', '--log-level=warn'] },
  { name: 'vitest', command: bin('vitest'), args: ['run'] },
  { name: 'e2e', command: bin('playwright'), args: ['test', '-c', 'e2e/playwright.config.ts'] },
];

async function test(selected: string[]): Promise<number> {
  const unknown = selected.filter((name) => !STEPS.some((step) => step.name === name));
  if (unknown.length > 0)
    throw new LauncherError(
      `Unknown test step ${unknown.join(', ')}; the steps are ${STEPS.map((s) => s.name).join(', ')}.`,
    );
  const wanted = new Set(selected.length > 0 ? selected : STEPS.map((step) => step.name));
  if (wanted.has('e2e')) wanted.add('build');
  const { postgres, redis } = await services('test');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...quietNx,
    CI: process.env['CI'] ?? 'true',
    BREAKWATER_TEST_DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
  };
  delete env['DATABASE_URL'];
  const results: Array<{ name: string; code: number; seconds: number }> = [];
  for (const step of STEPS.filter((candidate) => wanted.has(candidate.name))) {
    log(`── ${step.name} ──`);
    const began = Date.now();
    const code = await run(step.command, step.args, env);
    results.push({ name: step.name, code, seconds: (Date.now() - began) / 1000 });
    if (code !== 0) break;
  }
  log('summary:');
  for (const result of results)
    log(`  ${result.code === 0 ? 'pass' : 'FAIL'}  ${result.name.padEnd(10)} ${result.seconds.toFixed(1)} s`);
  const failed = results.find((result) => result.code !== 0);
  return failed ? failed.code : 0;
}

async function main(): Promise<number> {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'start') return start();
  if (mode === 'test') return test(rest);
  throw new LauncherError('usage: tsx tools/launcher/cli.ts start | test [step ...]');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // The child gets the signal too (see run); services are stopped when main() returns.
  });
}

main()
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    await stopAll();
    if (error instanceof LauncherError) {
      process.stderr.write(`\nbreakwater: ${error.message}\n\n`);
    } else {
      process.stderr.write(`breakwater: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
