import { Body, Controller, Get, HttpCode, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import { CurrentCaller, type Caller } from '../audit/caller';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { AuthService } from './auth.service';
import { AllowRoles, CurrentActor, Public } from '../common/access/decorators';
import { CreateUserDto, LoginDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import type { Role, ScopeType } from '../common/access/roles';
import { UsersService } from './users.service';

@ApiTags('identidad')
@Controller('api/v1')
export class AuthApiController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('auth/tokens')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @UseInterceptors(RetryAfterInterceptor)
  @HttpCode(201)
  @ApiOperation({ summary: 'Obtener un token personal (Bearer) con correo y contraseña; vence en 30 días' })
  @ApiCreatedResponse({ description: '{ token, expiresAt }' })
  @ApiUnauthorizedResponse({ description: 'Credenciales incorrectas (la misma respuesta si el correo no existe)' })
  @ApiTooManyRequestsResponse({
    description:
      'Demasiados intentos desde la misma IP (por minuto, o fallidos: esperas crecientes); Retry-After dice cuántos segundos esperar',
  })
  async token(@Body() dto: LoginDto, @Req() req: Request) {
    const { token, expiresAt } = await this.auth.issueToken(dto.email, dto.password, auditContextFrom(req));
    return { token, expiresAt };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'El usuario del token y sus roles' })
  me(@CurrentActor() actor: Actor) {
    return {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      ...(actor.personId ? { personId: actor.personId } : {}),
      roles: actor.roles.map((r) => ({
        role: r.role,
        scopeType: r.scopeType,
        ...(r.scopeId ? { scopeId: r.scopeId } : {}),
        ...(r.source ? { source: r.source } : {}),
      })),
    };
  }

  @Post('users')
  @ApiBearerAuth()
  @AllowRoles('admin', 'municipal_officer')
  @ApiOperation({ summary: 'Crear un usuario con roles; sin contraseña se le envía una invitación por correo' })
  async createUser(@Body() dto: CreateUserDto, @CurrentCaller() who: Caller) {
    const user = await this.users.create(
      who.actor,
      {
        email: dto.email,
        name: dto.name,
        password: dto.password,
        personId: dto.personId ?? null,
        roles: dto.roles.map((r) => ({
          role: r.role as Role,
          scopeType: r.scopeType as ScopeType,
          scopeId: r.scopeId ?? null,
        })),
      },
      who.audit,
    );
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      ...(user.personId ? { personId: user.personId } : {}),
      roles: user.roles.map((r) => ({
        role: r.role,
        scopeType: r.scopeType,
        ...(r.scopeId ? { scopeId: r.scopeId } : {}),
      })),
    };
  }
}
