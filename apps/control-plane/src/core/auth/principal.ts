import type { ApiKeyType, Role } from '@breakwater/contracts';

export interface UserRecord {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  type: ApiKeyType;
  role: Role | undefined;
  environment: string | undefined;
}

/** The authenticated caller of a request or socket. */
export type Principal =
  { kind: 'user'; user: UserRecord; sessionTokenHash: string } | { kind: 'api_key'; key: ApiKeyRecord };

/** Who did something, as the audit log records it. */
export interface Actor {
  type: 'user' | 'api_key' | 'anonymous' | 'system';
  id: string | undefined;
  label: string;
  ip: string | undefined;
}

export function actorOf(principal: Principal | undefined, ip: string | undefined): Actor {
  if (!principal) return { type: 'anonymous', id: undefined, label: 'anonymous', ip };
  if (principal.kind === 'user') return { type: 'user', id: principal.user.id, label: principal.user.email, ip };
  return { type: 'api_key', id: principal.key.id, label: `api-key:${principal.key.name}`, ip };
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: undefined, label: 'system', ip: undefined };
