import { BadRequestException, ForbiddenException, ServiceUnavailableException } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { DomainError } from './domain-error.js';
import { HttpExceptionFilter } from './http-exception.filter.js';

describe('HttpExceptionFilter.toEnvelope', () => {
  const filter = new HttpExceptionFilter();

  it('keeps a domain error code, status and details', () => {
    const error = new DomainError('VERSION_CONFLICT', 'stale', 409, { currentVersion: 4 });
    expect(filter.toEnvelope(error)).toEqual({
      status: 409,
      body: { code: 'VERSION_CONFLICT', message: 'stale', details: { currentVersion: 4 } },
    });
  });

  it('maps 4xx HttpExceptions to a stable code', () => {
    expect(filter.toEnvelope(new ForbiddenException('viewers cannot write')).body).toEqual({
      code: 'FORBIDDEN',
      message: 'viewers cannot write',
    });
    expect(filter.toEnvelope(new BadRequestException(['a', 'b'])).body.message).toBe('a; b');
  });

  it('reports malformed JSON as a 400, not a 500', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token'), {
      status: 400,
      expose: true,
      type: 'entity.parse.failed',
    });
    expect(filter.toEnvelope(parseError)).toEqual({
      status: 400,
      body: { code: 'BAD_REQUEST', message: 'Request body is not valid JSON' },
    });
  });

  it('hides unexpected errors behind an errorId', () => {
    const logged = vi.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    const { status, body } = filter.toEnvelope(new Error('secret connection string leaked'));
    expect(status).toBe(500);
    expect(body.code).toBe('INTERNAL');
    expect(body.message).not.toContain('secret');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged.mock.calls[0]?.[0]).toContain(body.errorId);
  });

  it('keeps the status of a 5xx HttpException', () => {
    vi.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    expect(filter.toEnvelope(new ServiceUnavailableException()).status).toBe(503);
  });
});
