import { ModuleException } from '../common/errors/domain.exception';

/** Refusals of a keyed request (an API Idempotency-Key or a page form's one-time id). */
export class IdempotencyException extends ModuleException {
  static override readonly codes = [
    'IDEMPOTENCY_KEY_INVALID',
    'IDEMPOTENCY_KEY_REUSED',
    'REQUEST_IN_PROGRESS',
  ] as const;
}
