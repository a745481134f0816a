import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { translate } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors } from '../common/web/form-errors.filter';
import { AuthException } from './auth.exception';
import { authTexts } from './auth.messages';
import { AuthService } from './auth.service';
import { DEVICE_COOKIE, deviceCookieOptions } from './device-cookies';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../common/access/decorators';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { ForgotPasswordDto, LoginDto, SetPasswordDto } from './dto/login.dto';

type SessionRequest = Request & { session: Request['session'] & { userId?: string; createdAt?: number } };

/** Sign in and out, forgotten password and setting a password from an invitation or reset link. */
@ApiExcludeController()
@Public()
@Controller()
export class LoginController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('ingresar')
  loginForm(@Query('volver') volver: string | undefined, @Res() res: Response): void {
    res.render('auth/login', {
      title: translate(res.locals.locale, 'auth.login.title'),
      values: { email: '', volver: safeReturn(volver) },
      errors: {},
      formError: null,
    });
  }

  @Post('ingresar')
  @UseGuards(LoginThrottlerGuard)
  @UseInterceptors(RetryAfterInterceptor)
  @UseFilters(formErrors('auth/login', 'auth.login.title', () => ({ values: { email: '', volver: '' } })))
  async login(@Body() dto: LoginDto, @Req() req: SessionRequest, @Res() res: Response): Promise<void> {
    const device = req.cookies?.[DEVICE_COOKIE] as unknown;
    const user = await this.auth.authenticate(dto.email, dto.password, auditContextFrom(req), device);
    await this.rememberDevice(req, res, user.email);
    // A new session id at login (no fixation); the absolute 12 h limit counts from here.
    await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
    req.session.userId = user.id;
    req.session.createdAt = Date.now();
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
    res.redirect(303, safeReturn(dto.volver) || this.landing());
  }

  /** Gives the browser its device cookie for the account (issue 22 item 8: its own budget of sign-in attempts). */
  private async rememberDevice(req: Request, res: Response, email: string): Promise<void> {
    const value = await this.auth.deviceCookieAfterSignIn(req.cookies?.[DEVICE_COOKIE] as unknown, email);
    res.cookie(DEVICE_COOKIE, value, deviceCookieOptions(this.config.publicUrl.startsWith('https://')));
  }

  /**
   * Where a user lands without a return address: their start page, "Inicio" (issue 20 item 1), with one section
   * per kind of role they hold (src/web/start-page.controller.ts); someone with no role sees what they can do.
   */
  private landing(): string {
    return '/inicio';
  }

  @Post('salir')
  @HttpCode(303)
  async logout(@Req() req: SessionRequest, @Res() res: Response): Promise<void> {
    if (req.session) await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie('quorum.sid', { path: '/' });
    setFlash(res, { type: 'info', key: 'flash.loggedOut' });
    res.redirect(303, '/');
  }

  @Get('clave/olvide')
  forgotForm(@Res() res: Response): void {
    res.render('auth/forgot', {
      title: translate(res.locals.locale, 'auth.forgot.title'),
      values: { email: '' },
      errors: {},
      formError: null,
      sent: false,
    });
  }

  @Post('clave/olvide')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @UseFilters(formErrors('auth/forgot', 'auth.forgot.title', () => ({ sent: false, values: { email: '' } })))
  async forgot(@Body() dto: ForgotPasswordDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.auth.requestReset(dto.email, auditContextFrom(req));
    // The same page whether or not the address has an account.
    res.render('auth/forgot', {
      title: translate(res.locals.locale, 'auth.forgot.title'),
      values: { email: dto.email },
      errors: {},
      formError: null,
      sent: true,
    });
  }

  @Get('clave/nueva')
  async setForm(@Query('token') token: string | undefined, @Res() res: Response): Promise<void> {
    const valid = typeof token === 'string' && token.length < 200 && (await this.auth.linkIsValid(token));
    res.status(valid ? 200 : 410).render('auth/set-password', {
      title: translate(res.locals.locale, 'auth.setPassword.title'),
      values: { token: valid ? token : '' },
      errors: {},
      formError: valid ? null : translate(res.locals.locale, 'auth.setPassword.invalidLink'),
      valid,
    });
  }

  @Post('clave/nueva')
  @UseGuards(LoginThrottlerGuard)
  @UseFilters(
    formErrors('auth/set-password', 'auth.setPassword.title', (req) => ({
      valid: true,
      values: { token: (req.body as { token?: string }).token ?? '' },
    })),
  )
  async setPassword(@Body() dto: SetPasswordDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (dto.password !== dto.passwordConfirmation) {
      throw new AuthException('VALIDATION_FAILED', authTexts.passwordsDiffer(), 400, [
        AuthException.fieldError('passwordConfirmation', authTexts.confirmationDiffers()),
      ]);
    }
    const user = await this.auth.setPasswordFromLink(dto.token, dto.password, auditContextFrom(req));
    // The link proved the mailbox: this browser becomes known to the account, like after a sign-in.
    await this.rememberDevice(req, res, user.email);
    setFlash(res, { type: 'success', key: 'flash.passwordSet' });
    res.redirect(303, '/ingresar');
  }
}

/** Only paths of this portal (no scheme, no //host): no open redirect after login. */
function safeReturn(value: string | undefined): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) && value.length < 500 ? value : '';
}
