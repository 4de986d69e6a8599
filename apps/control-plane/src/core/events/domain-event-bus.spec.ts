import { describe, expect, it, vi } from 'vitest';
import { type DomainEvent, DomainEventBus } from './domain-event-bus.js';

const changed: DomainEvent = {
  type: 'config.changed',
  environment: 'production',
  service: 'payments',
  name: 'stripe',
  revision: 3,
  deleted: false,
};

describe('DomainEventBus', () => {
  it('delivers an event to the handlers of its type only, until they unsubscribe', () => {
    const bus = new DomainEventBus();
    const configs: DomainEvent[] = [];
    const defaults: DomainEvent[] = [];
    const off = bus.on('config.changed', (event) => configs.push(event));
    bus.on('environment.defaults_changed', (event) => defaults.push(event));
    bus.emit(changed);
    off();
    bus.emit(changed);
    expect(configs).toEqual([changed]);
    expect(defaults).toEqual([]);
  });

  it('a failing handler does not stop the others', () => {
    const bus = new DomainEventBus();
    const logged = vi.spyOn(bus['logger'], 'error').mockImplementation(() => undefined);
    const seen: number[] = [];
    bus.on('config.changed', () => {
      throw new Error('boom');
    });
    bus.on('config.changed', (event) => seen.push(event.revision));
    bus.emit(changed);
    expect(seen).toEqual([3]);
    expect(logged.mock.calls[0]?.[0]).toContain('boom');
  });
});
