import { ModuleException } from '../common/errors/domain.exception';

/** Refusals of the acta engine (meetings, agendas, attendance, minutes, commitments), with stable codes (API.md). */
export class MeetingException extends ModuleException {
  static override readonly codes = [
    'ALREADY_APPROVED',
    'ASSOCIATION_DISSOLVED',
    'COMMITMENT_HAS_PROGRESS',
    'EARLIER_MINUTES_PENDING',
    'EXTRAORDINARY_MEETING_REQUIRED',
    'MEETING_CANCELLED',
    'MEETING_CONVENED',
    'MEETING_HAS_RECORDS',
    'MEETING_NOT_HELD',
    'MEETING_NOT_SCHEDULED',
    'MINUTES_LOCKED',
    'MINUTES_NOT_APPROVED',
    'MINUTES_NOT_WRITTEN',
    'NO_RECIPIENTS',
    'VERSION_CONFLICT',
    'VOTES_EXCEED_PRESENT',
  ] as const;
}
