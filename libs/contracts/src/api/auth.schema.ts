import { z } from 'zod';
import { nameSchema } from '../config/breaker-config.schema.js';
import { roleSchema, timestampSchema } from './common.schema.js';

export const emailSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .email('must be an email address');

/** New passwords: long enough to resist guessing; the upper bound keeps hashing cheap to refuse. */
export const newPasswordSchema = z
  .string({ error: 'must be a string' })
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string({ error: 'must be a string' }).min(1, 'is required').max(256, 'must be at most 256 characters'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string({ error: 'must be a string' }).min(1, 'is required').max(256),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

/** Who is calling: a signed-in user or an API key. */
export const principalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), user: userSchema }),
  z.object({
    kind: z.literal('api_key'),
    id: z.string(),
    name: z.string(),
    type: z.enum(['sdk', 'admin']),
    role: roleSchema.optional(),
    environment: nameSchema.optional(),
  }),
]);
export type PrincipalView = z.infer<typeof principalSchema>;

export const loginResponseSchema = z.object({ user: userSchema, expiresAt: timestampSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const createUserRequestSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  role: roleSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .strictObject({
    role: roleSchema.optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
    /** An admin resets the password; the user must change it at next sign-in. */
    password: newPasswordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'must change at least one of role, disabled, password' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userListSchema = z.object({ items: z.array(userSchema) });
