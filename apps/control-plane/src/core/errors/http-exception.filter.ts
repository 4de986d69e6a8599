import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorEnvelope } from '@breakwater/contracts';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError } from './domain-error.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

function messageOf(response: string | object, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return fallback;
}

/** Turns every error into the one JSON envelope `{code, message, details?, errorId?}`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toEnvelope(exception);
    if (response.headersSent) return;
    response.status(status).json(body);
  }

  toEnvelope(exception: unknown): { status: number; body: ErrorEnvelope } {
    if (exception instanceof DomainError) {
      const body: ErrorEnvelope = { code: exception.code, message: exception.message };
      if (exception.details !== undefined) body.details = exception.details;
      return { status: exception.status, body };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        const code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
        return { status, body: { code, message: messageOf(exception.getResponse(), exception.message) } };
      }
    }
    // Body-parser errors (malformed JSON, too large) carry a status and `expose`; they are the client's fault.
    const candidate = exception as { status?: unknown; expose?: unknown; message?: unknown; type?: unknown };
    if (typeof candidate.status === 'number' && candidate.status < 500 && candidate.expose === true) {
      const status = candidate.status;
      const message =
        candidate.type === 'entity.parse.failed' ? 'Request body is not valid JSON' : String(candidate.message);
      return { status, body: { code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, message } };
    }
    const errorId = randomUUID();
    this.logger.error(
      `errorId=${errorId} ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
    );
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    return { status, body: { code: 'INTERNAL', message: 'Internal server error', errorId } };
  }
}
