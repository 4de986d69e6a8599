import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { MinRole, Public } from './auth.decorators.js';
import { AuthError } from './auth.errors.js';
import { AuthGuard } from './auth.guard.js';
import type { Authenticator } from './authenticator.js';

@Controller()
class Routes {
  @Get('open')
  @Public()
  open(): void {}

  @Get('viewers')
  @MinRole('viewer')
  viewers(): void {}

  @Get('undeclared')
  undeclared(): void {}
}

const anonymous = { authenticate: () => Promise.resolve(undefined) } as unknown as Authenticator;

function contextFor(method: keyof Routes): ExecutionContext {
  const request = { headers: {}, params: {}, method: 'GET' };
  return {
    getHandler: () => Routes.prototype[method],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AuthGuard (deny by default)', () => {
  const guard = new AuthGuard(new Reflector(), anonymous);

  it('lets a @Public() route through without credentials', async () => {
    await expect(guard.canActivate(contextFor('open'))).resolves.toBe(true);
  });

  it('asks for credentials on a role route', async () => {
    await expect(guard.canActivate(contextFor('viewers'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a route that declares no access rule, even to nobody in particular', async () => {
    await expect(guard.canActivate(contextFor('undeclared'))).rejects.toBeInstanceOf(AuthError);
  });
});
