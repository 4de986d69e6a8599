import { Controller, Get, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { DenyByDefaultGuard } from './deny-by-default.guard.js';
import { Public } from './public.decorator.js';

@Controller()
class Mixed {
  @Get('open')
  @Public()
  open(): void {}

  @Get('closed')
  closed(): void {}
}

@Controller()
@Public()
class AllPublic {
  @Get()
  any(): void {}
}

function contextFor(cls: new () => object, method: string): ExecutionContext {
  const handler = (cls.prototype as Record<string, unknown>)[method] as () => void;
  return { getHandler: () => handler, getClass: () => cls } as unknown as ExecutionContext;
}

describe('DenyByDefaultGuard', () => {
  const guard = new DenyByDefaultGuard(new Reflector());

  it('lets a @Public() route through', () => {
    expect(guard.canActivate(contextFor(Mixed, 'open'))).toBe(true);
  });

  it('lets every route of a @Public() controller through', () => {
    expect(guard.canActivate(contextFor(AllPublic, 'any'))).toBe(true);
  });

  it('refuses a route that is not marked public', () => {
    expect(() => guard.canActivate(contextFor(Mixed, 'closed'))).toThrow(UnauthorizedException);
  });
});
