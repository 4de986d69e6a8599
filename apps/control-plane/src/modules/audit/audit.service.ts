import { Injectable } from '@nestjs/common';
import type { AuditEvent, AuditExportQuery, AuditPage, AuditQuery } from '@breakwater/contracts';
import { DomainError } from '../../core/errors/domain-error.js';
import { AuditRepository, type Position } from './audit.repository.js';

const EXPORT_BATCH = 1_000;

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof createdAt === 'string' &&
      !Number.isNaN(Date.parse(createdAt)) &&
      typeof id === 'string' &&
      /^\d{1,19}$/.test(id)
    )
      return { createdAt, id };
  } catch {
    // reported below
  }
  throw new DomainError('VALIDATION_FAILED', 'Invalid query: cursor: is not a cursor this server returned', 400, {
    fields: [{ path: 'cursor', rule: 'cursor', message: 'cursor: is not a cursor this server returned' }],
  });
}

const CSV_COLUMNS = [
  'id',
  'createdAt',
  'actorType',
  'actorId',
  'actor',
  'action',
  'resourceType',
  'resourceId',
  'environment',
  'message',
  'ip',
  'before',
  'after',
];

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Quote everything that could break the row; prefix formula starters so spreadsheets do not evaluate them.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsvRow(event: AuditEvent): string {
  return [
    event.id,
    event.createdAt,
    event.actor.type,
    event.actor.id,
    event.actor.label,
    event.action,
    event.resourceType,
    event.resourceId,
    event.environment,
    event.message,
    event.ip,
    event.before,
    event.after,
  ]
    .map(csvCell)
    .join(',');
}

export const CSV_HEADER = CSV_COLUMNS.join(',');

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async page(query: AuditQuery): Promise<AuditPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repository.find(query, query.limit + 1, after);
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const page: AuditPage = { items: items.map((row) => row.event) };
    if (rows.length > query.limit && last) page.nextCursor = encodeCursor(last.position);
    return page;
  }

  /** Every matching event, newest first, in batches (memory stays bounded by the batch). */
  async *all(query: Omit<AuditExportQuery, 'format'>): AsyncGenerator<AuditEvent> {
    let after: Position | undefined;
    for (;;) {
      const rows = await this.repository.find(query, EXPORT_BATCH, after);
      for (const row of rows) yield row.event;
      if (rows.length < EXPORT_BATCH) return;
      after = rows.at(-1)?.position;
    }
  }
}
