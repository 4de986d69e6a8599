/**
 * Client-side cost of applying a pushed change, without the network: N SDK instances (the real sync client with
 * real CircuitBreakers, over an in-memory transport) each decode and apply the same delta as socket.io would hand
 * it over (a fresh JSON.parse per client), then ACK. Prints the time per client per change.
 *
 *   npm run bench:sync-apply -w @breakwater/bench      (BENCH_CLIENTS=1000, BENCH_ROUNDS=30, BENCH_BREAKERS=10)
 */
import { connectToControlPlane, type ConnectionHandlers } from '@breakwater/sdk/sync';
import { resolveBreakerConfig, SYNC_EVENTS, type DeltaMessage, type SnapshotMessage } from '@breakwater/contracts';
import { benchRegistry } from './bench-registry.js';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 30);
const BREAKERS = Number(process.env['BENCH_BREAKERS'] ?? 10);

function config(name: string, failureThreshold: number) {
  const result = resolveBreakerConfig({ name, template: 'external_api', overrides: { failureThreshold } });
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

const names = Array.from({ length: BREAKERS }, (_, i) => `upstream-${i}`);
const handlers: ConnectionHandlers[] = [];
let acks = 0;
for (let i = 0; i < CLIENTS; i++) {
  connectToControlPlane({
    url: 'http://in-memory',
    sdkKey: 'bw_sdk_bench',
    service: 'bench',
    instanceId: `bench-${i}`,
    registry: benchRegistry(),
    logger: { info: () => undefined, warn: (m) => process.stderr.write(`${m}\n`) },
    scheduler: { setTimeout: () => undefined, clearTimeout: () => undefined },
    transport: (_target, h) => {
      handlers.push(h);
      return { emit: (event) => void (event === SYNC_EVENTS.ack && acks++), close: () => undefined };
    },
  });
}
const snapshot: SnapshotMessage = {
  service: 'bench',
  revision: 1,
  configs: names.map((name) => ({ name, version: 1, revision: 1, config: config(name, 5) })),
  overrides: [],
};
const snapshotJson = JSON.stringify(snapshot);
for (const h of handlers) {
  h.onConnect();
  h.onMessage(SYNC_EVENTS.snapshot, JSON.parse(snapshotJson));
}
if (acks !== CLIENTS) throw new Error(`snapshot: ${acks} ACKs of ${CLIENTS}`);

const perClient: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const revision = round + 2;
  const delta: DeltaMessage = {
    service: 'bench',
    fromRevision: revision - 1,
    toRevision: revision,
    upserts: [{ name: names[0] ?? '', version: revision, revision, config: config(names[0] ?? '', 6 + (round % 20)) }],
    removals: [],
  };
  const json = JSON.stringify(delta);
  acks = 0;
  const started = performance.now();
  for (const h of handlers) h.onMessage(SYNC_EVENTS.delta, JSON.parse(json));
  const elapsed = performance.now() - started;
  if (acks !== CLIENTS) throw new Error(`round ${round}: ${acks} ACKs of ${CLIENTS}`);
  perClient.push((elapsed * 1000) / CLIENTS);
}
const sorted = perClient.slice(ROUNDS >= 10 ? 5 : 0).sort((a, b) => a - b); // first rounds warm up
const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
process.stdout.write(
  `apply-bench: ${CLIENTS} clients x ${BREAKERS} breakers, ${ROUNDS} deltas of 1 breaker: ` +
    `median ${median.toFixed(1)} µs per client per change (min ${(sorted[0] ?? 0).toFixed(1)}), ` +
    `${((median * CLIENTS) / 1000).toFixed(1)} ms for the fleet\n`,
);
