import {
  resolveBreakerConfig,
  type BreakerConfig,
  type BreakerOverrides,
  type CircuitType,
  type SyncedConfig,
} from '@breakwater/contracts';
import type { Scheduler } from '../scheduler.js';
import type { SyncableBreaker, SyncRegistry } from '../sync-registry.js';
import type { ConnectionHandlers, SyncConnection, SyncTransport } from '../transport.js';

export function config(name: string, overrides: BreakerOverrides = {}): BreakerConfig {
  const result = resolveBreakerConfig({ name, template: 'external_api', overrides });
  if (!result.success) throw new Error(`invalid fixture: ${JSON.stringify(result.errors)}`);
  return result.config;
}

export function synced(name: string, revision: number, overrides: BreakerOverrides = {}): SyncedConfig {
  return { name, version: revision, revision, config: config(name, overrides) };
}

export class FakeBreaker implements SyncableBreaker {
  forced: 'open' | 'closed' | undefined;
  resets = 0;
  failNextUpdate = false;
  constructor(public current: BreakerConfig) {}
  getConfig(): BreakerConfig {
    return this.current;
  }
  updateConfig(next: BreakerConfig): void {
    if (this.failNextUpdate) {
      this.failNextUpdate = false;
      throw new Error('breaker refused the config');
    }
    this.current = next;
  }
  forceOpen(): void {
    this.forced = 'open';
  }
  forceClose(): void {
    this.forced = 'closed';
  }
  reset(): void {
    this.forced = undefined;
    this.resets++;
  }
}

export class FakeRegistry implements SyncRegistry {
  readonly breakers = new Map<string, FakeBreaker>();
  add(name: string, overrides: BreakerOverrides = {}): FakeBreaker {
    const breaker = new FakeBreaker(config(name, overrides));
    this.breakers.set(name, breaker);
    return breaker;
  }
  get(name: string): FakeBreaker | undefined {
    return this.breakers.get(name);
  }
  create(name: string, initial: BreakerConfig): FakeBreaker {
    const breaker = new FakeBreaker(initial);
    this.breakers.set(name, breaker);
    return breaker;
  }
  list(): Array<{ name: string; type: CircuitType }> {
    return [...this.breakers].map(([name, b]) => ({ name, type: b.current.circuitType }));
  }
}

/** Timers that fire only when the test advances time. */
export class ManualScheduler implements Scheduler {
  now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.now).sort((a, b) => a - b);
  }
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = target;
  }
}

/** A control plane in memory: each connection attempt is recorded; the test plays the server. */
export class FakeServer {
  readonly connections: FakeConnection[] = [];
  refuse = false;
  transport: SyncTransport = (_target, handlers) => {
    const connection = new FakeConnection(handlers);
    this.connections.push(connection);
    return connection;
  };
  get last(): FakeConnection {
    const connection = this.connections[this.connections.length - 1];
    if (!connection) throw new Error('no connection attempt yet');
    return connection;
  }
}

/** What the SDK sent, loosely typed on purpose: tests read the fields they assert. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sent = any;

export class FakeConnection implements SyncConnection {
  readonly sent: Array<{ event: string; payload: Sent }> = [];
  closed = false;
  constructor(private readonly handlers: ConnectionHandlers) {}
  emit(event: string, payload: unknown): void {
    this.sent.push({ event, payload });
  }
  close(): void {
    this.closed = true;
  }
  /** Server side: */
  accept(): void {
    this.handlers.onConnect();
  }
  send(event: string, payload: unknown): void {
    this.handlers.onMessage(event, payload);
  }
  drop(reason = 'transport close'): void {
    this.handlers.onClose(reason);
  }
  sentOf(event: string): Sent[] {
    return this.sent.filter((m) => m.event === event).map((m): Sent => m.payload);
  }
}
