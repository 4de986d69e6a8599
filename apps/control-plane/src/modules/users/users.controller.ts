import { Body, Controller, Param } from '@nestjs/common';
import {
  API_ROUTES,
  type CreateUserRequest,
  createUserRequestSchema,
  type UpdateUserRequest,
  updateUserRequestSchema,
  type User,
} from '@breakwater/contracts';
import { z } from 'zod';
import { ApiRoute, CurrentActor } from '../../core/auth/auth.decorators.js';
import type { Actor } from '../../core/auth/principal.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { UsersService } from './users.service.js';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiRoute(API_ROUTES.listUsers)
  async list(): Promise<{ items: User[] }> {
    return { items: await this.users.list() };
  }

  @ApiRoute(API_ROUTES.createUser)
  create(
    @CurrentActor() actor: Actor,
    @Body(new ZodPipe(createUserRequestSchema)) body: CreateUserRequest,
  ): Promise<User> {
    return this.users.create(actor, body);
  }

  @ApiRoute(API_ROUTES.updateUser)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ZodPipe(z.uuid('must be a user id (UUID)'), 'path parameter id')) id: string,
    @Body(new ZodPipe(updateUserRequestSchema)) body: UpdateUserRequest,
  ): Promise<User> {
    return this.users.update(actor, id, body);
  }
}
