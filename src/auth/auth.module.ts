import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountController } from './account.controller';
import { AdminUsersController } from './admin-users.controller';
import { AuthApiController } from './auth.api.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DeviceCookies } from './device-cookies';
import { LoginController } from './login.controller';
import { LoginThrottleJanitor } from './login-throttle.janitor';
import { RateLimitJanitor } from './rate-limit.janitor';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { ScopeRegistry } from './scope-registry';
import { SessionJanitor } from './session-janitor';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { UserAccess } from './user-access.service';
import { UserSeeds } from './user-seeds.service';

@Global()
@Module({
  controllers: [LoginController, AuthApiController, AdminUsersController, AccountController],
  providers: [
    UsersRepository,
    PasswordHasher,
    ScopeRegistry,
    LoginThrottleRepository,
    LoginThrottleService,
    LoginThrottleJanitor,
    RateLimitJanitor,
    DeviceCookies,
    AuthService,
    UsersService,
    UserAccess,
    UserSeeds,
    SessionJanitor,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, PasswordHasher, ScopeRegistry],
})
export class AuthModule {}
