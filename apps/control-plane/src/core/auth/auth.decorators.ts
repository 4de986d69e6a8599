import {
  applyDecorators,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Patch,
  Post,
  Put,
  SetMetadata,
} from '@nestjs/common';
import type { ApiRouteDef, Role, RouteAccess } from '@breakwater/contracts';
import type { Request } from 'express';
import { Public } from '../http/public.decorator.js';
import { actorOf, type Actor, type Principal } from './principal.js';

export { Public } from '../http/public.decorator.js';

export const ROUTE_ACCESS = 'breakwater:access';

/** The minimum role a user or admin key needs. */
export const MinRole = (role: Role): ClassDecorator & MethodDecorator =>
  SetMetadata(ROUTE_ACCESS, { minRole: role } satisfies RouteAccess);

/** Also open to SDK keys, for the environment named by the route's `:env` parameter only. */
export const SdkAccess = (role: Role = 'viewer'): ClassDecorator & MethodDecorator =>
  SetMetadata(ROUTE_ACCESS, { minRole: role, sdk: true } satisfies RouteAccess);

/** Any signed-in user (even one who must change their password) or admin key. */
export const AnySession = (): ClassDecorator & MethodDecorator =>
  SetMetadata(ROUTE_ACCESS, { session: true } satisfies RouteAccess);

const METHOD = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete } as const;

/** `/environments/{env}` -> `environments/:env` */
export function nestPath(path: string): string {
  return path.replace(/^\//, '').replace(/\{(\w+)\}/g, ':$1');
}

/** Declares a handler from its entry in the contracts route list: method, path, status and who may call it. */
export function ApiRoute(route: ApiRouteDef): MethodDecorator {
  const access =
    'public' in route.access
      ? Public()
      : 'session' in route.access
        ? AnySession()
        : route.access.sdk
          ? SdkAccess(route.access.minRole)
          : MinRole(route.access.minRole);
  return applyDecorators(METHOD[route.method](nestPath(route.path)), HttpCode(route.status), access);
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The authenticated caller (undefined on public routes without credentials). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

/** The caller as the audit log records it, with the client address. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return actorOf(request.principal, request.ip);
});
