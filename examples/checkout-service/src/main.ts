/**
 * checkout-service: an HTTP service that charges payments through a flaky upstream, protected by a Breakwater
 * breaker that follows the control plane live. See README.md for the one command that starts it.
 *
 *   GET  /checkout   one checkout (calls the upstream through the `payment-provider` breaker)
 *   GET  /status     breaker state, config in force, metrics, sync status and revision
 *   POST /upstream   {"failureRate": 0.8, "latencyMs": 200} changes the upstream while it runs
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { getStandardizedCircuitBreaker, isCircuitOpenError } from '@breakwater/sdk';
import { connectToControlPlane } from '@breakwater/sdk/sync';
import { FlakyUpstream } from './flaky-upstream.js';

const env = process.env;
const PORT = Number(env['PORT'] ?? 3000);
const CONTROL_PLANE_URL = env['BREAKWATER_URL'] ?? 'http://localhost:8080';
const SDK_KEY = env['BREAKWATER_SDK_KEY'];
const LOAD_RPS = Number(env['LOAD_RPS'] ?? 5);

// The local config (code): what the breaker runs with until the control plane says otherwise, and again if the
// remote config is deleted.
const breaker = getStandardizedCircuitBreaker({
  name: 'payment-provider',
  breakerType: 'external',
  config: { failureRateThreshold: 0.5, minimumCalls: 10, slidingWindowSize: 30, timeout: 10 },
});
breaker.addStateTransitionCallback((name, from, to) => log(`breaker ${name}: ${from} -> ${to}`));

const upstream = new FlakyUpstream();

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

async function charge(): Promise<unknown> {
  const response = await fetch(`${upstream.url}/charge`, { method: 'POST' });
  if (!response.ok) throw new Error(`upstream answered ${response.status}`);
  return response.json();
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body, null, 2)}\n`);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? (JSON.parse(text) as unknown) : {};
}

async function main(): Promise<void> {
  if (!SDK_KEY) {
    process.stderr.write(
      'Set BREAKWATER_SDK_KEY to an SDK key of the control plane (POST /api/v1/api-keys {"type":"sdk",...}); see README.md\n',
    );
    process.exit(1);
  }
  await upstream.start();
  const sync = connectToControlPlane({
    url: CONTROL_PLANE_URL,
    sdkKey: SDK_KEY,
    service: 'checkout',
    cacheFile: join(process.cwd(), '.data', 'checkout-service.sync.json'),
    logger: { info: log, warn: log },
  });
  sync.on('status', (status) => log(`control plane: ${status} (revision ${String(sync.revision)})`));
  sync.on('applied', ({ revision, kind }) => {
    const c = breaker.config;
    log(`applied ${kind} at revision ${revision}: ${c.circuitType}, failureRateThreshold ${c.failureRateThreshold}`);
  });
  sync.on('override', ({ breaker: name, action }) => log(`override ${action} on ${name}`));

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'GET' && url.pathname === '/checkout') {
        try {
          json(response, 200, { ok: true, payment: await breaker.call(charge) });
        } catch (error) {
          const open = isCircuitOpenError(error);
          json(response, open ? 503 : 502, { ok: false, error: String(error), circuitOpen: open });
        }
      } else if (request.method === 'GET' && url.pathname === '/status') {
        const metrics = breaker.getMetrics();
        json(response, 200, {
          breaker: { name: 'payment-provider', state: breaker.getState(), config: breaker.config, metrics },
          sync: { status: sync.status, revision: sync.revision, environment: sync.environment },
          upstream: upstream.settings,
        });
      } else if (request.method === 'POST' && url.pathname === '/upstream') {
        json(response, 200, upstream.update((await readBody(request)) as { failureRate?: number; latencyMs?: number }));
      } else {
        json(response, 404, { error: 'GET /checkout, GET /status or POST /upstream' });
      }
    })().catch((error: unknown) => json(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(PORT, resolve));
  log(`checkout-service on http://localhost:${PORT} (upstream ${upstream.url}, control plane ${CONTROL_PLANE_URL})`);

  // Steady traffic, so state changes show without a load generator.
  const load =
    LOAD_RPS > 0
      ? setInterval(() => void breaker.tryCall(charge), Math.max(1, Math.round(1000 / LOAD_RPS)))
      : undefined;
  const stop = (): void => {
    clearInterval(load);
    server.close();
    void Promise.all([sync.close(), upstream.stop()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `checkout-service failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
