import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * One budget per IP for sign-in, password reset, setting a password and API token requests together
 * (LOGIN_RATE_LIMIT a minute: with the default 5, the sixth attempt in a minute gets 429 with Retry-After).
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((t) => t.name === 'login');
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `login:${throttlerName}:${tracker}`;
  }
}
