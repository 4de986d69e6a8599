import { z } from 'zod';
import { nameSchema } from '../config/breaker-config.schema.js';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/** True when `role` is at least `minimum` (viewer < editor < admin). */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** An optional change message, recorded with versions and audit events ("why"). */
export const changeMessageSchema = z
  .string({ error: 'must be a string' })
  .max(1_000, 'must be at most 1000 characters')
  .optional();

export const timestampSchema = z.string().datetime({ offset: true });

/** A path parameter that names an environment, service or breaker. */
export const pathNameSchema = nameSchema;

/** Query string booleans arrive as text. */
export const queryBooleanSchema = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

/** A page of results with an opaque cursor to the next page (absent on the last page). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().optional() });
}
