import { Body, Controller, Param } from '@nestjs/common';
import {
  API_ROUTES,
  type CreateEnvironmentRequest,
  createEnvironmentRequestSchema,
  type Environment,
  nameSchema,
  type UpdateEnvironmentRequest,
  updateEnvironmentRequestSchema,
} from '@breakwater/contracts';
import { ApiRoute, CurrentActor } from '../../core/auth/auth.decorators.js';
import type { Actor } from '../../core/auth/principal.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { EnvironmentsService } from './environments.service.js';

export const envParam = new ZodPipe(nameSchema, 'path parameter env');

@Controller()
export class EnvironmentsController {
  constructor(private readonly environments: EnvironmentsService) {}

  @ApiRoute(API_ROUTES.listEnvironments)
  async list(): Promise<{ items: Environment[] }> {
    return { items: await this.environments.list() };
  }

  @ApiRoute(API_ROUTES.createEnvironment)
  create(
    @CurrentActor() actor: Actor,
    @Body(new ZodPipe(createEnvironmentRequestSchema)) body: CreateEnvironmentRequest,
  ): Promise<Environment> {
    return this.environments.create(actor, body);
  }

  @ApiRoute(API_ROUTES.getEnvironment)
  get(@Param('env', envParam) env: string): Promise<Environment> {
    return this.environments.get(env);
  }

  @ApiRoute(API_ROUTES.updateEnvironment)
  update(
    @CurrentActor() actor: Actor,
    @Param('env', envParam) env: string,
    @Body(new ZodPipe(updateEnvironmentRequestSchema)) body: UpdateEnvironmentRequest,
  ): Promise<Environment> {
    return this.environments.update(actor, env, body);
  }
}
