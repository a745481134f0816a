import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountController } from './account.controller';
import { AdminUsersController } from './admin-users.controller';
import { AuthApiController } from './auth.api.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginController } from './login.controller';
import { PasswordHasher } from './password-hasher';
import { ScopeRegistry } from './scope-registry';
import { SessionJanitor } from './session-janitor';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Global()
@Module({
  controllers: [LoginController, AuthApiController, AdminUsersController, AccountController],
  providers: [
    UsersRepository,
    PasswordHasher,
    ScopeRegistry,
    AuthService,
    UsersService,
    SessionJanitor,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService, PasswordHasher, ScopeRegistry],
})
export class AuthModule {}
