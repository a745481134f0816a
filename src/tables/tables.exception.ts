import { ModuleException } from '../common/errors/domain.exception';

/** Refusals of the tables module (tables, participants, axes, the board, evidence, share links), with stable codes. */
export class TableException extends ModuleException {
  static override readonly codes = [
    'ACCOUNT_EXISTS',
    'COUNCIL_SEAT_FULL',
    'MEETING_CANCELLED',
    'MEETING_NOT_SCHEDULED',
    'NO_ADMINISTRATOR',
    'VERSION_CONFLICT',
  ] as const;
}
