import { Global, Module } from '@nestjs/common';
import { Authenticator } from './authenticator.js';
import { CredentialsRepository } from './credentials.repository.js';

/** Authentication for HTTP (the global AuthGuard) and, later, sockets: `Authenticator` + `authorize()`. */
@Global()
@Module({ providers: [CredentialsRepository, Authenticator], exports: [Authenticator, CredentialsRepository] })
export class AuthCoreModule {}
