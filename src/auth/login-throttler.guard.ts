import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { Clock } from '../common/clock';
import { isApiPath } from '../common/web/paths';
import { DEVICE_COOKIE, DeviceCookies } from './device-cookies';

/**
 * One budget per IP for sign-in, password reset, setting a password and API token requests together
 * (LOGIN_RATE_LIMIT a minute: with the default 5, the sixth attempt in a minute gets 429 with Retry-After).
 * A sign-in from a browser known to the account (its device cookie) counts on that device's own budget instead,
 * so a stranger at the same address cannot keep the owner out (issue 22 item 8).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly devices: DeviceCookies,
    private readonly clock: Clock,
  ) {
    super(options, storage, reflector);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((t) => t.name === 'login');
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as {
      path: string;
      cookies?: Record<string, unknown>;
      body?: { email?: unknown; password?: unknown };
    };
    if (!isApiPath(request.path) && typeof request.body?.password === 'string') {
      const device = await this.devices.deviceFor(
        request.cookies?.[DEVICE_COOKIE],
        request.body.email,
        this.clock.now(),
      );
      if (device) return `device:${device}`;
    }
    return super.getTracker(req);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `login:${throttlerName}:${tracker}`;
  }
}
