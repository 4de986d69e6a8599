import type { User } from '@breakwater/contracts';
import type { UserRecord } from '../../core/auth/principal.js';

/** The API shape of a user (never the password hash). */
export function toUserView(user: UserRecord): User {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
