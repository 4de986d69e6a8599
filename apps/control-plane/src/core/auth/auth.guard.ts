import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RouteAccess } from '@breakwater/contracts';
import { IS_PUBLIC } from '../http/public.decorator.js';
import { type AuthenticatedRequest, ROUTE_ACCESS } from './auth.decorators.js';
import { AuthError } from './auth.errors.js';
import { Authenticator } from './authenticator.js';
import { authorize } from './authorize.js';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from './credentials.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard, deny by default: a route without @Public(), @MinRole(), @SdkAccess() or @AnySession() is
 * refused to everyone. Authenticates the bearer key or session cookie, applies the CSRF rule to cookie writes,
 * then `authorize()`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets);
    const access: RouteAccess | undefined = isPublic
      ? { public: true }
      : this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    let authenticated;
    try {
      authenticated = await this.authenticator.authenticate({
        authorization: request.headers.authorization,
        cookie: request.headers.cookie,
      });
    } catch (error) {
      if (isPublic) return true; // stale cookie on the login page: let it through anonymously
      throw error;
    }
    if (authenticated) request.principal = authenticated.principal;
    if (!access) throw new AuthError('FORBIDDEN', 'This route is not open to anyone');
    if (authenticated?.via === 'cookie' && !SAFE_METHODS.has(request.method)) checkCsrf(request);
    const env = request.params['env'];
    authorize(authenticated?.principal, { access, environment: typeof env === 'string' ? env : undefined });
    return true;
  }
}

/** Cookie-authenticated writes must carry `X-Requested-With: breakwater` and, if sent, a same-origin Origin. */
function checkCsrf(request: AuthenticatedRequest): void {
  if (request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE)
    throw new AuthError(
      'CSRF_CHECK_FAILED',
      `Cookie-authenticated writes must send the header X-Requested-With: ${CSRF_HEADER_VALUE}`,
    );
  const origin = request.headers.origin;
  if (!originAllowed(origin, request.headers.host))
    throw new AuthError('CSRF_CHECK_FAILED', `Origin ${origin ?? ''} does not match this server`);
}

/** A browser's Origin, when sent, must be this server (cookie writes, and the /admin socket handshake). */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
