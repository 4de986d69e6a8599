/**
 * The simulated fleet of the sync benchmark, in its own process: N SDK instances (the real `@breakwater/sdk/sync`
 * client over socket.io, each with its own registry of real CircuitBreakers), spread over the given control-plane
 * URLs. Talks to the parent over IPC: "ready" once every client is synced, then the wall-clock time at which each
 * client applied each revision.
 */
import { connectToControlPlane, type ControlPlaneHandle } from '@breakwater/sdk/sync';
import { benchRegistry } from './bench-registry.js';

export interface ClientsConfig {
  urls: string[];
  sdkKey: string;
  service: string;
  count: number;
  /** Instance ids start here (several client processes share one fleet). */
  offset: number;
}

export type ClientsMessage =
  | { type: 'ready'; connected: number }
  | { type: 'applied'; revision: number; times: number[] }
  | { type: 'error'; message: string };

export type ParentMessage = { type: 'await'; revision: number } | { type: 'stop' };

const now = (): number => performance.timeOrigin + performance.now();

function send(message: ClientsMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as ClientsConfig;
  /** revision -> time each client applied it (index = client). */
  const applied = new Map<number, number[]>();
  /** revision -> how many clients applied it. */
  const appliedCount = new Map<number, number>();
  const waiting = new Map<number, () => void>();
  const handles: ControlPlaneHandle[] = [];
  const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`client: ${m}\n`) };

  for (let i = 0; i < config.count; i++) {
    const handle = connectToControlPlane({
      url: config.urls[i % config.urls.length] ?? '',
      sdkKey: config.sdkKey,
      service: config.service,
      instanceId: `bench-${config.offset + i}`,
      registry: benchRegistry(),
      logger: quiet,
    });
    handle.on('applied', ({ revision, kind }) => {
      if (kind !== 'delta') return;
      let times = applied.get(revision);
      if (!times) applied.set(revision, (times = new Array<number>(config.count).fill(Number.NaN)));
      if (!Number.isNaN(times[i] ?? Number.NaN)) return;
      times[i] = now();
      const count = (appliedCount.get(revision) ?? 0) + 1;
      appliedCount.set(revision, count);
      if (count === config.count) waiting.get(revision)?.();
    });
    handles.push(handle);
    // Connect in waves so the control plane is not asked for 1,000 handshakes in the same millisecond.
    if (i % 100 === 99) await Promise.all(handles.slice(i - 99).map((h) => h.waitFor('synced')));
  }
  await Promise.all(handles.map((h) => h.waitFor('synced')));
  send({ type: 'ready', connected: handles.length });

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') {
      void Promise.all(handles.map((h) => h.close())).then(() => process.exit(0));
      return;
    }
    const report = (): void => {
      send({ type: 'applied', revision: message.revision, times: applied.get(message.revision) ?? [] });
    };
    const timer = setTimeout(report, 30_000); // report what arrived, even if some never did
    const done = (): void => {
      clearTimeout(timer);
      waiting.delete(message.revision);
      report();
    };
    if (appliedCount.get(message.revision) === config.count) done();
    else waiting.set(message.revision, done);
  });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
