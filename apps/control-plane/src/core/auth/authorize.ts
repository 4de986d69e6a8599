import { roleAtLeast, type RouteAccess } from '@breakwater/contracts';
import { AuthError } from './auth.errors.js';
import type { Principal } from './principal.js';

export interface AccessRequest {
  access: RouteAccess;
  /** The `:env` route parameter, when the route has one. */
  environment?: string | undefined;
}

/**
 * Decides whether `principal` may call a route with this access rule; throws an AuthError saying why not.
 * Deny by default: anything not explicitly allowed is refused. The socket gateway calls it too.
 */
export function authorize(principal: Principal | undefined, { access, environment }: AccessRequest): void {
  if ('public' in access) return;
  if (!principal) throw new AuthError('UNAUTHENTICATED', 'Authentication required: sign in or send an API key');
  if (principal.kind === 'user' && principal.user.mustChangePassword && !('session' in access))
    throw new AuthError(
      'PASSWORD_CHANGE_REQUIRED',
      'Change your password first (POST /api/v1/auth/password) before using the API',
    );
  if ('session' in access) {
    if (principal.kind === 'api_key' && principal.key.type === 'sdk')
      throw new AuthError('FORBIDDEN', 'SDK keys may only read their environment and report metrics');
    return;
  }
  if (principal.kind === 'api_key' && principal.key.type === 'sdk') {
    if (!access.sdk) throw new AuthError('FORBIDDEN', 'SDK keys may only read their environment and report metrics');
    if (environment === undefined || environment !== principal.key.environment)
      throw new AuthError(
        'ENVIRONMENT_FORBIDDEN',
        `This SDK key belongs to environment "${principal.key.environment ?? ''}"`,
      );
    return;
  }
  const role = principal.kind === 'user' ? principal.user.role : principal.key.role;
  if (!role || !roleAtLeast(role, access.minRole))
    throw new AuthError('FORBIDDEN', `This needs the ${access.minRole} role or higher (you are ${role ?? 'no role'})`);
}
