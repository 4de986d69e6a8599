import type { FieldError } from '@breakwater/contracts';
import { fieldErrorsOf } from './api-client';

/** The server's message for one field of a failed request (`{path, rule, message}` from a 400), if any. */
export function fieldError(error: unknown, path: string): string | undefined {
  return fieldErrorsOf(error).find((e: FieldError) => e.path === path)?.message;
}
