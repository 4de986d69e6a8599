import { describe, expect, it } from 'vitest';
import { errorEnvelopeSchema } from './error-envelope.schema.js';

describe('errorEnvelopeSchema', () => {
  it('accepts an envelope with code and message', () => {
    expect(errorEnvelopeSchema.parse({ code: 'NOT_FOUND', message: 'no such breaker' })).toEqual({
      code: 'NOT_FOUND',
      message: 'no such breaker',
    });
  });

  it('rejects an envelope without a code', () => {
    const result = errorEnvelopeSchema.safeParse({ message: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['code']);
  });
});
