import { Body, Controller, Inject, Ip, Res } from '@nestjs/common';
import {
  API_ROUTES,
  type ChangePasswordRequest,
  changePasswordRequestSchema,
  type LoginRequest,
  loginRequestSchema,
  type LoginResponse,
  type PrincipalView,
} from '@breakwater/contracts';
import type { Response } from 'express';
import { ApiRoute, CurrentPrincipal } from '../../core/auth/auth.decorators.js';
import { AuthError } from '../../core/auth/auth.errors.js';
import { SESSION_COOKIE } from '../../core/auth/credentials.js';
import type { Principal } from '../../core/auth/principal.js';
import { ENV } from '../../core/config/config.module.js';
import type { Env } from '../../core/config/env.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { toUserView } from '../users/user-view.js';
import { AuthService } from './auth.service.js';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  private cookieOptions() {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.env.COOKIE_SECURE ?? this.env.NODE_ENV === 'production',
      path: '/',
    };
  }

  @ApiRoute(API_ROUTES.login)
  async login(
    @Body(new ZodPipe(loginRequestSchema)) body: LoginRequest,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    const session = await this.auth.login(body, ip);
    res.cookie(SESSION_COOKIE, session.token, { ...this.cookieOptions(), expires: session.expiresAt });
    return { user: session.user, expiresAt: session.expiresAt.toISOString() };
  }

  @ApiRoute(API_ROUTES.logout)
  async logout(
    @CurrentPrincipal() principal: Principal | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (principal?.kind === 'user') await this.auth.logout(principal.sessionTokenHash);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @ApiRoute(API_ROUTES.me)
  me(@CurrentPrincipal() principal: Principal): PrincipalView {
    if (principal.kind === 'user') return { kind: 'user', user: toUserView(principal.user) };
    const { id, name, type, role, environment } = principal.key;
    return { kind: 'api_key', id, name, type, ...(role ? { role } : {}), ...(environment ? { environment } : {}) };
  }

  @ApiRoute(API_ROUTES.changePassword)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(changePasswordRequestSchema)) body: ChangePasswordRequest,
    @Ip() ip: string,
  ): Promise<void> {
    if (principal.kind !== 'user') throw new AuthError('FORBIDDEN', 'API keys have no password');
    await this.auth.changePassword(principal.user, principal.sessionTokenHash, body, ip);
  }
}
