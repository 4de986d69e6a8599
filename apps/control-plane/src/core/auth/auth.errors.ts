import { DomainError } from '../errors/domain-error.js';

export type AuthErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ENVIRONMENT_FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'CSRF_CHECK_FAILED'
  | 'INVALID_CREDENTIALS'
  | 'TOO_MANY_LOGIN_ATTEMPTS';

const STATUS: Record<AuthErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ENVIRONMENT_FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  CSRF_CHECK_FAILED: 403,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_LOGIN_ATTEMPTS: 429,
};

export class AuthError extends DomainError {
  constructor(
    override readonly code: AuthErrorCode,
    message: string,
    details?: unknown,
  ) {
    super(code, message, STATUS[code], details);
  }
}
