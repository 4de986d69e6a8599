import { Body, Controller, Param } from '@nestjs/common';
import {
  API_ROUTES,
  type ApiKey,
  type CreateApiKeyRequest,
  createApiKeyRequestSchema,
  type CreatedApiKey,
} from '@breakwater/contracts';
import { z } from 'zod';
import { ApiRoute, CurrentActor } from '../../core/auth/auth.decorators.js';
import type { Actor } from '../../core/auth/principal.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { ApiKeysService } from './api-keys.service.js';

@Controller()
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @ApiRoute(API_ROUTES.listApiKeys)
  async list(): Promise<{ items: ApiKey[] }> {
    return { items: await this.keys.list() };
  }

  @ApiRoute(API_ROUTES.createApiKey)
  create(
    @CurrentActor() actor: Actor,
    @Body(new ZodPipe(createApiKeyRequestSchema)) body: CreateApiKeyRequest,
  ): Promise<CreatedApiKey> {
    return this.keys.create(actor, body);
  }

  @ApiRoute(API_ROUTES.revokeApiKey)
  revoke(
    @CurrentActor() actor: Actor,
    @Param('id', new ZodPipe(z.uuid('must be an API key id (UUID)'), 'path parameter id')) id: string,
  ): Promise<void> {
    return this.keys.revoke(actor, id);
  }
}
