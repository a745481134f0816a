import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';
import { RequestKeysJanitor } from './request-keys.janitor';

/** Requests that run once: API POSTs with an Idempotency-Key, page forms with a one-time id (issue 22 item 2). */
@Module({
  providers: [IdempotencyService, RequestKeysJanitor, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
