import { z } from 'zod';

/** One dependency's result in a readiness report (the shape @nestjs/terminus produces, plus its extra fields). */
export const healthIndicatorResultSchema = z.looseObject({
  status: z.enum(['up', 'down', 'degraded']),
  message: z.string().optional(),
  responseTime: z.number().optional(),
});
export type HealthIndicatorResult = z.infer<typeof healthIndicatorResultSchema>;

/** Body of `GET /health/ready`: 200 when every dependency is up, 503 otherwise. */
export const healthReportSchema = z.object({
  status: z.enum(['ok', 'error', 'degraded', 'shutting_down']),
  info: z.record(z.string(), healthIndicatorResultSchema).optional(),
  error: z.record(z.string(), healthIndicatorResultSchema).optional(),
  details: z.record(z.string(), healthIndicatorResultSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** Body of `GET /health` (liveness: the process answers). */
export const livenessSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type Liveness = z.infer<typeof livenessSchema>;
