import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { CreateUserRequest, UpdateUserRequest, User } from '@breakwater/contracts';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { hashPassword, oneTimePassword } from '../../core/auth/credentials.js';
import { type Actor, SYSTEM_ACTOR } from '../../core/auth/principal.js';
import { Transactions } from '../../core/database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { toUserView } from './user-view.js';
import { UserError } from './users.errors.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly db: Transactions,
    private readonly users: UsersRepository,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** First start: create the first admin from the environment, or with a one-time password printed once. */
  async onApplicationBootstrap(): Promise<void> {
    const configured = this.env.BREAKWATER_ADMIN_EMAIL;
    const password = this.env.BREAKWATER_ADMIN_PASSWORD ?? oneTimePassword();
    const email = configured ?? 'admin@breakwater.local';
    const passwordHash = await hashPassword(password);
    const created = await this.db.run(async (tx) => {
      await this.users.lockBootstrap(tx);
      if ((await this.users.count(tx)) > 0) return undefined;
      const user = await this.users.insert(tx, {
        email,
        passwordHash,
        role: 'admin',
        mustChangePassword: this.env.BREAKWATER_ADMIN_PASSWORD === undefined,
      });
      if (user)
        await this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'user.created',
          resourceType: 'user',
          resourceId: user.id,
          after: toUserView(user),
          message: 'first admin created at first start',
        });
      return user;
    });
    if (created && this.env.BREAKWATER_ADMIN_PASSWORD === undefined) {
      // Printed once, on the only start that creates it; it must be changed at first sign-in.
      process.stdout.write(
        `\n[breakwater] First admin created: ${email}\n[breakwater] One-time password: ${password}\n` +
          '[breakwater] Sign in and change it now; it is not shown again.\n\n',
      );
    } else if (created) {
      this.logger.log(`First admin created: ${email}`);
    }
  }

  async list(): Promise<User[]> {
    return (await this.users.list(this.db.read)).map(toUserView);
  }

  async create(actor: Actor, request: CreateUserRequest): Promise<User> {
    const passwordHash = await hashPassword(request.password);
    return this.db.run(async (tx) => {
      const user = await this.users.insert(tx, {
        email: request.email,
        passwordHash,
        role: request.role,
        mustChangePassword: true,
      });
      if (!user) throw new UserError('EMAIL_TAKEN', `A user with email ${request.email} already exists`);
      const view = toUserView(user);
      await this.audit.record(tx, actor, {
        action: 'user.created',
        resourceType: 'user',
        resourceId: user.id,
        after: view,
      });
      return view;
    });
  }

  async update(actor: Actor, id: string, request: UpdateUserRequest): Promise<User> {
    const passwordHash = request.password === undefined ? undefined : await hashPassword(request.password);
    return this.db.run(async (tx) => {
      const before = await this.users.byId(tx, id, true);
      if (!before) throw new UserError('USER_NOT_FOUND', `No user with id ${id}`);
      const losesAdmin =
        before.role === 'admin' &&
        !before.disabled &&
        ((request.role && request.role !== 'admin') || request.disabled === true);
      if (losesAdmin && (await this.users.countActiveAdmins(tx)) <= 1)
        throw new UserError('LAST_ADMIN', 'This is the last active admin: make another admin first');
      const after = await this.users.update(tx, id, {
        role: request.role,
        disabled: request.disabled,
        passwordHash,
        mustChangePassword: passwordHash ? true : undefined,
      });
      if (request.disabled === true || passwordHash) {
        await this.users.deleteSessionsOf(tx, id);
        tx.afterCommit({ type: 'sessions.ended', userId: id });
      }
      const view = toUserView(after);
      await this.audit.record(tx, actor, {
        action: passwordHash ? 'user.password_reset' : 'user.updated',
        resourceType: 'user',
        resourceId: id,
        before: toUserView(before),
        after: view,
      });
      return view;
    });
  }
}
