import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { AccessPolicy } from './access-policy';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { IDENTITY_PROVIDER } from './identity-provider';
import { InvitationMailer } from './invitation-mailer';
import { PasswordHasher } from './password-hasher';
import { PasswordIdentityProvider } from './password-identity.provider';
import { SessionService } from './session.service';

/**
 * Login, sessions and the one global guard (authentication, @Roles, @Scoped through AccessPolicy).
 * Global, so every feature module can inject AccessPolicy without importing it.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController],
  providers: [
    PasswordHasher,
    SessionService,
    AccessPolicy,
    PasswordIdentityProvider,
    { provide: IDENTITY_PROVIDER, useExisting: PasswordIdentityProvider },
    AuthService,
    InvitationMailer,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessPolicy, SessionService, PasswordHasher, AuthService, InvitationMailer],
})
export class AuthModule {}
