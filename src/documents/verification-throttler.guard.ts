import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** One budget per IP for every verification lookup, page and API together (VERIFY_RATE_LIMIT a minute). */
@Injectable()
export class VerificationThrottlerGuard extends ThrottlerGuard {
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((t) => t.name === 'verify');
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `verify:${throttlerName}:${tracker}`;
  }
}
