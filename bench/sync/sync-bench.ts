/**
 * Live-sync benchmark: how long after a config change is committed through the REST API does every SDK instance
 * run it? Starts real control-plane nodes (built code, own database, shared Redis), a fleet of simulated SDK
 * instances in a separate process, changes one breaker a few times and prints p50/p95/p99/max apply latency and
 * the ACKs recorded, for one node and for the fleet split over two nodes.
 *
 *   npm run bench:sync -w @breakwater/bench            (BENCH_CLIENTS=1000, BENCH_ROUNDS=5 by default)
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { ClientsConfig, ClientsMessage, ParentMessage } from './sync-clients.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainJs = `${root}apps/control-plane/dist/src/main.js`;
const serverUrl = process.env['BREAKWATER_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
/** Processes the simulated fleet is spread over (each applies its clients' changes one after the other). */
const PROCESSES = Number(process.env['BENCH_CLIENT_PROCESSES'] ?? 1);
const ADMIN = { email: 'bench@breakwater.test', password: 'bench-password-123' };

const now = (): number => performance.timeOrigin + performance.now();

async function adminQuery(sql: string, url = serverUrl): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Node {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startNode(databaseUrl: string, prefix: string): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      BREAKWATER_ADMIN_EMAIL: ADMIN.email,
      BREAKWATER_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`control plane exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('control plane not ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

class Api {
  private cookie = '';
  constructor(private readonly url: string) {}
  async login(): Promise<void> {
    const response = await fetch(`${this.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
    this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-requested-with': 'breakwater',
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

interface Round {
  latencies: number[];
  acks: number;
}

async function scenario(name: string, nodes: Node[], api: Api, sdkKey: string, databaseUrl: string) {
  const messages: ClientsMessage[] = [];
  const wakers: Array<() => void> = [];
  const children = Array.from({ length: PROCESSES }, (_, p) => {
    const count = Math.floor(CLIENTS / PROCESSES) + (p < CLIENTS % PROCESSES ? 1 : 0);
    const offset = p * Math.floor(CLIENTS / PROCESSES) + Math.min(p, CLIENTS % PROCESSES);
    const config: ClientsConfig = { urls: nodes.map((n) => n.url), sdkKey, service: 'bench', count, offset };
    const child = fork(fileURLToPath(new URL('./sync-clients.ts', import.meta.url)), [JSON.stringify(config)], {
      execArgv: [
        '--import',
        'tsx',
        ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/bwprof'] : []),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: ClientsMessage) => {
      messages.push(m);
      for (const wake of wakers.splice(0)) wake();
    });
    return child;
  });
  const next = async (type: ClientsMessage['type']): Promise<ClientsMessage> => {
    for (;;) {
      const index = messages.findIndex((m) => m.type === type || m.type === 'error');
      if (index >= 0) {
        const [message] = messages.splice(index, 1);
        if (message?.type === 'error') throw new Error(`clients: ${message.message}`);
        return message as ClientsMessage;
      }
      await new Promise<void>((resolve) => wakers.push(resolve));
    }
  };
  const started = now();
  for (let p = 0; p < PROCESSES; p++) await next('ready');
  process.stdout.write(`  ${name}: ${CLIENTS} clients synced in ${((now() - started) / 1000).toFixed(1)} s\n`);

  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const path = '/environments/production/services/bench/breakers/upstream';
    const current = await api.call<{ version: number }>('GET', path);
    const sentAt = now();
    const written = await api.call<{ revision: number }>(
      'PUT',
      path,
      { template: 'external_api', overrides: { failureThreshold: 5 + ((round + 1) % 20) }, message: `round ${round}` },
      { 'if-match': String(current.version) },
    );
    for (const child of children) child.send({ type: 'await', revision: written.revision } satisfies ParentMessage);
    const times: number[] = [];
    for (let p = 0; p < PROCESSES; p++) {
      const report = await next('applied');
      if (report.type === 'applied') times.push(...report.times);
    }
    // NaN (not applied within 30 s) crosses IPC as null.
    const latencies = times.filter((t) => typeof t === 'number' && Number.isFinite(t)).map((t) => t - sentAt);
    if (latencies.length < CLIENTS)
      process.stdout.write(`  ${name}: change ${round + 1}: ${CLIENTS - latencies.length} clients did not apply it\n`);
    // ACKs are written by the control plane in batches after the socket message: wait until all are in, or until
    // the count has not moved for a second (a busy database can take longer than one poll to write a batch).
    let acks = -1;
    for (let i = 0, unchanged = 0; i < 100 && unchanged < 10; i++) {
      const { rows } = await adminQuery(
        `SELECT count(*)::int AS n FROM sdk_instances WHERE service = 'bench' AND applied_revision >= ${written.revision}`,
        databaseUrl,
      );
      const n = (rows[0] as { n: number }).n;
      unchanged = n === acks ? unchanged + 1 : 0;
      acks = n;
      if (n === CLIENTS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    rounds.push({ latencies, acks });
  }
  for (const child of children) {
    child.send({ type: 'stop' } satisfies ParentMessage);
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return rounds;
}

function row(name: string, rounds: Round[]): string {
  const all = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const applied = rounds.map((r) => r.latencies.length);
  const acks = rounds.map((r) => r.acks);
  const f = (ms: number) => ms.toFixed(1);
  return `| ${name} | ${CLIENTS} | ${rounds.length} | ${f(all[0] ?? Number.NaN)} | ${f(percentile(all, 50))} | ${f(percentile(all, 95))} | ${f(
    percentile(all, 99),
  )} | ${f(all[all.length - 1] ?? Number.NaN)} | ${Math.min(...applied)}/${CLIENTS} | ${Math.min(...acks)}/${CLIENTS} |`;
}

async function main(): Promise<void> {
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: build first (the npm script does)`);
  const database = `bw_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  const prefix = `bwbench:${database}`;
  const nodes: Node[] = [];
  const results: string[] = [];
  try {
    nodes.push(await startNode(databaseUrl.toString(), prefix));
    const api = new Api(nodes[0]?.url ?? '');
    await api.login();
    await api.call('POST', '/services', { name: 'bench' });
    await api.call('PUT', '/environments/production/services/bench/breakers/upstream', { template: 'external_api' });
    const key = await api.call<{ secret: string }>('POST', '/api-keys', {
      name: 'bench',
      type: 'sdk',
      environment: 'production',
    });
    process.stdout.write(
      `Sync benchmark: ${CLIENTS} clients in ${PROCESSES} process(es), ${ROUNDS} changes per scenario\n`,
    );
    results.push(row('1 node', await scenario('1 node', nodes, api, key.secret, databaseUrl.toString())));
    nodes.push(await startNode(databaseUrl.toString(), prefix));
    results.push(
      row(
        '2 nodes (clients split, change via node 1)',
        await scenario('2 nodes', nodes, api, key.secret, databaseUrl.toString()),
      ),
    );
  } finally {
    for (const node of nodes) await node.stop();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} x ${cpu}\n` +
      'Latency: from sending the PUT to the moment each client applied the change (ms), all rounds pooled.\n\n' +
      '| scenario | clients | changes | first | p50 | p95 | p99 | max | applied (min per change) | ACKs recorded (min per change) |\n' +
      '|---|---|---|---|---|---|---|---|---|---|\n' +
      `${results.join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:sync failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
