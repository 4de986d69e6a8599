import { DomainError } from '../../core/errors/domain-error.js';

export type UserErrorCode = 'USER_NOT_FOUND' | 'EMAIL_TAKEN' | 'LAST_ADMIN';

const STATUS: Record<UserErrorCode, number> = { USER_NOT_FOUND: 404, EMAIL_TAKEN: 409, LAST_ADMIN: 409 };

export class UserError extends DomainError {
  constructor(
    override readonly code: UserErrorCode,
    message: string,
  ) {
    super(code, message, STATUS[code]);
  }
}
