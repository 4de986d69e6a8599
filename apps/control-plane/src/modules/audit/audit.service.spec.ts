import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors/domain-error.js';
import { decodeCursor, encodeCursor, toCsvRow } from './audit.service.js';

describe('audit cursors', () => {
  it('round-trip a position with microseconds', () => {
    const position = { createdAt: '2026-11-28T12:00:00.123456Z', id: '42' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    'garbage',
    Buffer.from('["x","1"]').toString('base64url'),
    Buffer.from('["2026-01-01T00:00:00Z","1;drop"]').toString('base64url'),
  ])('refuse a cursor this server did not make: %s', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(DomainError);
  });
});

describe('toCsvRow', () => {
  it('quotes commas, quotes and newlines, neutralises formulas and writes JSON for objects', () => {
    const row = toCsvRow({
      id: '1',
      createdAt: '2026-11-28T12:00:00.000Z',
      actor: { type: 'user', id: 'u1', label: 'a@b.c' },
      action: 'service.updated',
      resourceType: 'service',
      resourceId: 'svc',
      message: 'line one,\n"two"',
      before: { owner: '=HYPERLINK()' },
      after: '@SUM(A1)',
    });
    expect(row).toBe(
      '1,2026-11-28T12:00:00.000Z,user,u1,a@b.c,service.updated,service,svc,,"line one,\n""two""",,"{""owner"":""=HYPERLINK()""}","\'@SUM(A1)"',
    );
  });
});
