import { Inject, Injectable } from '@nestjs/common';
import type { ChangePasswordRequest, LoginRequest, User } from '@breakwater/contracts';
import { AuthError } from '../../core/auth/auth.errors.js';
import { hashPassword, hashToken, newSessionToken, verifyPassword } from '../../core/auth/credentials.js';
import { type Actor, actorOf, type UserRecord } from '../../core/auth/principal.js';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { Transactions } from '../../core/database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { AuditRepository } from '../audit/audit.repository.js';
import { toUserView } from '../users/user-view.js';
import { UsersRepository } from '../users/users.repository.js';

/** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('breakwater-dummy-password'));

export interface Session {
  token: string;
  user: User;
  expiresAt: Date;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Transactions,
    private readonly users: UsersRepository,
    private readonly audit: AuditLog,
    private readonly auditRepository: AuditRepository,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async login(request: LoginRequest, ip: string | undefined): Promise<Session> {
    const failures = await this.auditRepository.countFailedLogins(request.email, ip, this.env.LOGIN_WINDOW_SECONDS);
    if (failures >= this.env.LOGIN_MAX_FAILURES)
      throw new AuthError(
        'TOO_MANY_LOGIN_ATTEMPTS',
        `Too many failed sign-ins for this account from your address; try again within ${this.env.LOGIN_WINDOW_SECONDS} s`,
      );
    const user = await this.users.withPasswordHash(this.db.read, { email: request.email });
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), request.password);
    if (!user || !valid || user.disabled) {
      const anonymous: Actor = { type: 'anonymous', id: undefined, label: request.email, ip };
      await this.db.run((tx) =>
        this.audit.record(tx, anonymous, {
          action: 'auth.login_failed',
          resourceType: 'user',
          resourceId: request.email,
          after: { reason: !user ? 'unknown email' : user.disabled ? 'disabled' : 'wrong password' },
        }),
      );
      throw new AuthError('INVALID_CREDENTIALS', 'Wrong email or password');
    }
    const token = newSessionToken();
    const expiresAt = await this.db.run(async (tx) => {
      const expires = await this.users.createSession(tx, user.id, hashToken(token), this.env.SESSION_TTL_HOURS);
      await this.audit.record(
        tx,
        { type: 'user', id: user.id, label: user.email, ip },
        {
          action: 'auth.login',
          resourceType: 'user',
          resourceId: user.id,
        },
      );
      return expires;
    });
    return { token, user: toUserView(user), expiresAt };
  }

  async logout(sessionTokenHash: string): Promise<void> {
    await this.db.run(async (tx) => {
      await this.users.deleteSession(tx, sessionTokenHash);
      tx.afterCommit({ type: 'sessions.ended', sessionTokenHash });
    });
  }

  /** Changes the caller's password; ends their other sessions. */
  async changePassword(
    user: UserRecord,
    sessionTokenHash: string,
    request: ChangePasswordRequest,
    ip: string | undefined,
  ): Promise<void> {
    const current = await this.users.withPasswordHash(this.db.read, { id: user.id });
    if (!current || !(await verifyPassword(current.passwordHash, request.currentPassword)))
      throw new AuthError('INVALID_CREDENTIALS', 'The current password is wrong');
    if (request.currentPassword === request.newPassword)
      throw new AuthError('INVALID_CREDENTIALS', 'The new password must differ from the current one');
    const passwordHash = await hashPassword(request.newPassword);
    await this.db.run(async (tx) => {
      await this.users.update(tx, user.id, { passwordHash, mustChangePassword: false });
      await this.users.deleteSessionsOf(tx, user.id, sessionTokenHash);
      tx.afterCommit({ type: 'sessions.ended', userId: user.id, keep: sessionTokenHash });
      await this.audit.record(tx, actorOf({ kind: 'user', user, sessionTokenHash }, ip), {
        action: 'user.password_changed',
        resourceType: 'user',
        resourceId: user.id,
      });
    });
  }
}
