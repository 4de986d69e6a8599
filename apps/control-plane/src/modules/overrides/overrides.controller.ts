import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  FLEET_ROUTES,
  type FleetOverride,
  instanceListQuerySchema,
  nameSchema,
  type OverrideRequest,
  overrideRequestSchema,
  type OverrideResponse,
} from '@breakwater/contracts';
import { ApiRoute, CurrentActor } from '../../core/auth/auth.decorators.js';
import type { Actor } from '../../core/auth/principal.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { envParam } from '../environments/environments.controller.js';
import { OverridesService } from './overrides.service.js';

const serviceParam = new ZodPipe(nameSchema, 'path parameter service');
const nameParam = new ZodPipe(nameSchema, 'path parameter name');

@Controller()
export class OverridesController {
  constructor(private readonly overrides: OverridesService) {}

  @ApiRoute(FLEET_ROUTES.listOverrides)
  async list(
    @Param('env', envParam) env: string,
    @Query(new ZodPipe(instanceListQuerySchema, 'query')) query: { service?: string | undefined },
  ): Promise<{ items: FleetOverride[] }> {
    return { items: await this.overrides.list(env, query.service) };
  }

  @ApiRoute(FLEET_ROUTES.setOverride)
  set(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) env: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
    @Body(new ZodPipe(overrideRequestSchema)) body: OverrideRequest,
  ): Promise<OverrideResponse> {
    return this.overrides.set(actor, { environment: env, service, breaker: name }, body);
  }

  @ApiRoute(FLEET_ROUTES.clearOverride)
  clear(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) env: string,
    @Param('service', serviceParam) service: string,
    @Param('name', nameParam) name: string,
  ): Promise<OverrideResponse> {
    return this.overrides.clear(actor, { environment: env, service, breaker: name });
  }
}
