import { type PipeTransform } from '@nestjs/common';
import { describeFieldErrors, toFieldErrors } from '@breakwater/contracts';
import type { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';

/** 400 VALIDATION_FAILED with one `{path, rule, message}` per failing field in `details.fields`. */
export class ValidationError extends DomainError {
  constructor(fields: ReturnType<typeof toFieldErrors>, where: string) {
    super('VALIDATION_FAILED', `Invalid ${where}: ${describeFieldErrors(fields)}`, 400, { fields });
  }
}

/** Parses a request part (body, query, path parameter) with a contracts schema. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    private readonly schema: T,
    private readonly where = 'request body',
  ) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value ?? (this.where === 'request body' ? undefined : {}));
    if (result.success) return result.data;
    throw new ValidationError(toFieldErrors(result.error), this.where);
  }
}
