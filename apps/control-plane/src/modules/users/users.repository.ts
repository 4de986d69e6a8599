import { Injectable } from '@nestjs/common';
import type { Role } from '@breakwater/contracts';
import { toUserRecord, USER_COLUMNS, type UserRow } from '../../core/auth/credentials.repository.js';
import type { UserRecord } from '../../core/auth/principal.js';
import type { Tx } from '../../core/database/transactions.js';

export interface NewUser {
  email: string;
  passwordHash: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface UserChanges {
  role?: Role | undefined;
  disabled?: boolean | undefined;
  passwordHash?: string | undefined;
  mustChangePassword?: boolean | undefined;
}

@Injectable()
export class UsersRepository {
  async list(tx: Tx): Promise<UserRecord[]> {
    const rows = await tx.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.email`);
    return rows.map(toUserRecord);
  }

  async byId(tx: Tx, id: string, forUpdate = false): Promise<UserRecord | undefined> {
    const rows = await tx.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id::text = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toUserRecord(rows[0]) : undefined;
  }

  async withPasswordHash(
    tx: Tx,
    by: { email: string } | { id: string },
  ): Promise<(UserRecord & { passwordHash: string }) | undefined> {
    const [column, value] = 'email' in by ? ['u.email', by.email] : ['u.id::text', by.id];
    const rows = await tx.query<UserRow & { password_hash: string }>(
      `SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE ${column} = $1`,
      [value],
    );
    const row = rows[0];
    return row ? { ...toUserRecord(row), passwordHash: row.password_hash } : undefined;
  }

  /** Undefined when the email is taken. */
  async insert(tx: Tx, user: NewUser): Promise<UserRecord | undefined> {
    const rows = await tx.query<UserRow>(
      `INSERT INTO users AS u (email, password_hash, role, must_change_password) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
      [user.email, user.passwordHash, user.role, user.mustChangePassword],
    );
    return rows[0] ? toUserRecord(rows[0]) : undefined;
  }

  async update(tx: Tx, id: string, changes: UserChanges): Promise<UserRecord> {
    const rows = await tx.query<UserRow>(
      `UPDATE users AS u SET
         role = COALESCE($2, role),
         disabled = COALESCE($3, disabled),
         password_hash = COALESCE($4, password_hash),
         must_change_password = COALESCE($5, must_change_password),
         updated_at = now()
       WHERE u.id::text = $1 RETURNING ${USER_COLUMNS}`,
      [
        id,
        changes.role ?? null,
        changes.disabled ?? null,
        changes.passwordHash ?? null,
        changes.mustChangePassword ?? null,
      ],
    );
    return toUserRecord(rows[0] as UserRow);
  }

  async countActiveAdmins(tx: Tx): Promise<number> {
    const rows = await tx.query<{ count: string }>(
      "SELECT count(*) AS count FROM users WHERE role = 'admin' AND NOT disabled",
    );
    return Number(rows[0]?.count ?? 0);
  }

  async count(tx: Tx): Promise<number> {
    const rows = await tx.query<{ count: string }>('SELECT count(*) AS count FROM users');
    return Number(rows[0]?.count ?? 0);
  }

  /** Serialises first-start bootstrapping across control-plane instances. */
  async lockBootstrap(tx: Tx): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('breakwater:first-admin'))");
  }

  /** Starts a session (and clears expired ones, so the table does not grow with every sign-in). */
  async createSession(tx: Tx, userId: string, tokenHash: string, ttlHours: number): Promise<Date> {
    await tx.query('DELETE FROM sessions WHERE expires_at < now()');
    const rows = await tx.query<{ expires_at: Date }>(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       RETURNING expires_at`,
      [tokenHash, userId, ttlHours * 3600],
    );
    return (rows[0] as { expires_at: Date }).expires_at;
  }

  async deleteSession(tx: Tx, tokenHash: string): Promise<void> {
    await tx.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** Ends every session of a user (except `keep`), e.g. after a password change or when disabled. */
  async deleteSessionsOf(tx: Tx, userId: string, keep?: string): Promise<void> {
    await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
      userId,
      keep ?? null,
    ]);
  }
}
