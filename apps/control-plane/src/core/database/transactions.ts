import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { type DomainEvent, DomainEventBus } from '../events/domain-event-bus.js';

/** A database transaction as repositories see it: SQL with `$1` parameters, and events to announce on commit. */
export interface Tx {
  /** The rows a statement returns (`RETURNING` rows for INSERT, UPDATE and DELETE). */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Queues a domain event; it is emitted only if and after the transaction commits. */
  afterCommit(event: DomainEvent): void;
}

async function rows<T>(runner: QueryRunner, sql: string, parameters?: unknown[]): Promise<T[]> {
  const result = await runner.query(sql, parameters, true);
  return (result as { records: T[] }).records;
}

/**
 * Runs a unit of work in one transaction: a change, its version and its audit event commit or roll back together;
 * the events it queued are emitted after the commit. `read` runs single statements without a transaction.
 */
@Injectable()
export class Transactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEventBus,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const queued: DomainEvent[] = [];
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      let result: T;
      try {
        result = await work({
          query: (sql, parameters) => rows(runner, sql, parameters),
          afterCommit: (event) => queued.push(event),
        });
        await runner.commitTransaction();
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      for (const event of queued) this.events.emit(event);
      return result;
    } finally {
      await runner.release();
    }
  }

  /** Single statements outside a transaction (reads, bookkeeping); events are emitted at once. */
  readonly read: Tx = {
    query: async <T>(sql: string, parameters?: unknown[]) => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await rows<T>(runner, sql, parameters);
      } finally {
        await runner.release();
      }
    },
    afterCommit: (event) => this.events.emit(event),
  };
}
