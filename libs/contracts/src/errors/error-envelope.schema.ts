import { z } from 'zod';

/** One failed rule of a request: which field, which rule, in words. */
export const fieldErrorSchema = z.object({
  path: z.string(),
  rule: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** The one JSON error envelope every HTTP error response and socket error uses. */
export const errorEnvelopeSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  errorId: z.string().optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
