import { Injectable, Logger } from '@nestjs/common';

/** Something that changed, announced after its transaction committed (never for a rolled-back write). */
export type DomainEvent =
  | { type: 'config.changed'; environment: string; service: string; name: string; revision: number; deleted: boolean }
  | { type: 'environment.defaults_changed'; environment: string; revision: number }
  | {
      type: 'instance.changed';
      environment: string;
      service: string;
      instanceId: string;
      change: 'connected' | 'disconnected' | 'applied' | 'nacked';
    }
  | {
      type: 'override.changed';
      environment: string;
      service: string;
      breaker: string;
      change: 'set' | 'cleared' | 'reset';
    }
  /** Sessions ended: one (sign-out) or all of a user's (disabled, password changed, except `keep`). */
  | { type: 'sessions.ended'; sessionTokenHash: string }
  | { type: 'sessions.ended'; userId: string; keep?: string | undefined };

export type DomainEventType = DomainEvent['type'];
type Handler<T extends DomainEventType> = (event: Extract<DomainEvent, { type: T }>) => void;

/** In-process publish/subscribe for domain events; handlers run synchronously and their errors are only logged. */
@Injectable()
export class DomainEventBus {
  private readonly logger = new Logger('DomainEventBus');
  private readonly handlers = new Map<DomainEventType, Set<(event: DomainEvent) => void>>();

  /** Subscribes; the returned function unsubscribes. */
  on<T extends DomainEventType>(type: T, handler: Handler<T>): () => void {
    const set = this.handlers.get(type) ?? new Set();
    this.handlers.set(type, set);
    const wrapped = handler as (event: DomainEvent) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  emit(event: DomainEvent): void {
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        handler(event);
      } catch (error) {
        this.logger.error(`handler of ${event.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
