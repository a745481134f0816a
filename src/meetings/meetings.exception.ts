import { ModuleException } from '../common/errors/domain.exception';

/** Refusals of the acta engine (meetings, agendas, attendance, minutes, commitments), with stable codes (API.md). */
export class MeetingException extends ModuleException {}
