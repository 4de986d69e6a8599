import { Controller, Param, Query } from '@nestjs/common';
import { FLEET_ROUTES, type InstanceListResponse, instanceListQuerySchema } from '@breakwater/contracts';
import { ApiRoute } from '../../core/auth/auth.decorators.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { envParam } from '../environments/environments.controller.js';
import { InstancesService } from './instances.service.js';

@Controller()
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  @ApiRoute(FLEET_ROUTES.listInstances)
  list(
    @Param('env', envParam) env: string,
    @Query(new ZodPipe(instanceListQuerySchema, 'query')) query: { service?: string | undefined },
  ): Promise<InstanceListResponse> {
    return this.instances.list(env, query.service);
  }
}
