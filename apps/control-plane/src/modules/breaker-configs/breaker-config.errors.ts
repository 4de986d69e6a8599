import type { FieldError } from '@breakwater/contracts';
import { DomainError } from '../../core/errors/domain-error.js';

export type BreakerConfigErrorCode =
  'BREAKER_NOT_FOUND' | 'VERSION_NOT_FOUND' | 'VERSION_CONFLICT' | 'PRECONDITION_REQUIRED' | 'VALIDATION_FAILED';

const STATUS: Record<BreakerConfigErrorCode, number> = {
  BREAKER_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  PRECONDITION_REQUIRED: 428,
  VALIDATION_FAILED: 400,
};

export class BreakerConfigError extends DomainError {
  constructor(
    override readonly code: BreakerConfigErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(code, message, STATUS[code], details);
  }

  static invalid(fields: FieldError[]): BreakerConfigError {
    return new BreakerConfigError(
      'VALIDATION_FAILED',
      `Invalid breaker config: ${fields.map((field) => field.message).join('; ')}`,
      { fields },
    );
  }

  static notFound(environment: string, service: string, name: string): BreakerConfigError {
    return new BreakerConfigError('BREAKER_NOT_FOUND', `No breaker ${service}/${name} in environment ${environment}`);
  }
}
