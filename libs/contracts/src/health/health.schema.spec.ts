import { describe, expect, it } from 'vitest';
import { healthReportSchema } from './health.schema.js';

describe('healthReportSchema', () => {
  it('accepts a terminus report with extra indicator fields', () => {
    const report = {
      status: 'error',
      info: { postgres: { status: 'up', responseTime: 3 } },
      error: { redis: { status: 'down', message: 'connect ECONNREFUSED' } },
      details: {
        postgres: { status: 'up', responseTime: 3 },
        redis: { status: 'down', message: 'connect ECONNREFUSED' },
      },
    };
    expect(healthReportSchema.parse(report).details['redis']?.status).toBe('down');
  });

  it('rejects an unknown indicator status', () => {
    const result = healthReportSchema.safeParse({ status: 'ok', details: { x: { status: 'sideways' } } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['details', 'x', 'status']);
  });
});
