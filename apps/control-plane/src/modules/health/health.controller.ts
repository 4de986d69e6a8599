import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, type HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Liveness } from '@breakwater/contracts';
import type { Response } from 'express';
import { Public } from '../../core/http/public.decorator.js';
import { APP_VERSION } from '../../core/config/app-version.js';
import { RedisHealthIndicator } from './redis.health.js';

const CHECK_TIMEOUT_MS = 1_500;

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Liveness: the process is up and answering. Depends on nothing else, so it never flaps with a dependency. */
  @Get()
  live(): Liveness {
    return { status: 'ok', version: APP_VERSION, uptimeSeconds: Math.round(process.uptime()) };
  }

  /**
   * Readiness: 200 when Postgres and Redis answer, 503 with the same report shape (contracts `HealthReport`)
   * when either does not.
   */
  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.postgres.pingCheck('postgres').withTimeout(CHECK_TIMEOUT_MS),
        () => this.redis.check('redis', CHECK_TIMEOUT_MS),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
