import { Body, Controller, Param } from '@nestjs/common';
import {
  API_ROUTES,
  type CreateServiceRequest,
  createServiceRequestSchema,
  nameSchema,
  type Service,
  type UpdateServiceRequest,
  updateServiceRequestSchema,
} from '@breakwater/contracts';
import { ApiRoute, CurrentActor } from '../../core/auth/auth.decorators.js';
import type { Actor } from '../../core/auth/principal.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { ServicesService } from './services.service.js';

export const serviceParam = new ZodPipe(nameSchema, 'path parameter service');

@Controller()
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @ApiRoute(API_ROUTES.listServices)
  async list(): Promise<{ items: Service[] }> {
    return { items: await this.services.list() };
  }

  @ApiRoute(API_ROUTES.createService)
  create(
    @CurrentActor() actor: Actor,
    @Body(new ZodPipe(createServiceRequestSchema)) body: CreateServiceRequest,
  ): Promise<Service> {
    return this.services.create(actor, body);
  }

  @ApiRoute(API_ROUTES.getService)
  get(@Param('service', serviceParam) service: string): Promise<Service> {
    return this.services.get(service);
  }

  @ApiRoute(API_ROUTES.updateService)
  update(
    @CurrentActor() actor: Actor,
    @Param('service', serviceParam) service: string,
    @Body(new ZodPipe(updateServiceRequestSchema)) body: UpdateServiceRequest,
  ): Promise<Service> {
    return this.services.update(actor, service, body);
  }

  @ApiRoute(API_ROUTES.deleteService)
  delete(@CurrentActor() actor: Actor, @Param('service', serviceParam) service: string): Promise<void> {
    return this.services.delete(actor, service);
  }
}
