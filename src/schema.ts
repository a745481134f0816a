import { AgendaItem } from './meetings/entities/agenda-item.entity';
import { Commitment } from './meetings/entities/commitment.entity';
import { Attendance } from './meetings/entities/attendance.entity';
import { CalendarFeed } from './meetings/entities/calendar-feed.entity';
import { Meeting } from './meetings/entities/meeting.entity';
import { MeetingSeries } from './meetings/entities/meeting-series.entity';
import { Association } from './associations/entities/association.entity';
import { BoardSeat } from './associations/entities/board-seat.entity';
import { BoardTerm } from './associations/entities/board-term.entity';
import { Constitution } from './associations/entities/constitution.entity';
import { ConstitutionFounder } from './associations/entities/constitution-founder.entity';
import { ConstitutionStatutes } from './associations/entities/constitution-statutes.entity';
import { AssociationStatusChange } from './associations/entities/association-status-change.entity';
import { Membership } from './associations/entities/membership.entity';
import { MembershipEvent } from './associations/entities/membership-event.entity';
import { Person } from './people/entities/person.entity';
import { Consent } from './people/entities/consent.entity';
import { RosterImport } from './associations/entities/roster-import.entity';
import { ApiToken } from './auth/entities/api-token.entity';
import { AuthLink } from './auth/entities/auth-link.entity';
import { RoleAssignment } from './auth/entities/role-assignment.entity';
import { User } from './auth/entities/user.entity';
import { UserSession } from './auth/entities/user-session.entity';
import { LoginThrottle } from './auth/entities/login-throttle.entity';
import { RateLimit } from './auth/entities/rate-limit.entity';
import { RequestKey } from './idempotency/request-key.entity';
import { AuditLog } from './audit/entities/audit-log.entity';
import { IssuedDocument } from './documents/entities/document.entity';
import { StoredFile } from './documents/entities/stored-file.entity';
import { OutboxMessage } from './mail/entities/outbox-message.entity';
import { Commune } from './territory/entities/commune.entity';
import { Municipality } from './territory/entities/municipality.entity';
import { Province } from './territory/entities/province.entity';
import { Region } from './territory/entities/region.entity';
import { SystemSetting } from './database/entities/system-setting.entity';

import { Agreement } from './meetings/entities/agreement.entity';
import { CommitmentUpdate } from './meetings/entities/commitment-update.entity';
import { Minutes } from './meetings/entities/minutes.entity';
import { MinutesAmendment } from './meetings/entities/minutes-amendment.entity';
import { MinutesDistribution } from './meetings/entities/minutes-distribution.entity';

import { Institution } from './institutions/entities/institution.entity';
import { Mesa } from './tables/entities/mesa.entity';
import { TableAxis, TableAxisMember } from './tables/entities/table-axis.entity';
import { TableParticipant } from './tables/entities/table-participant.entity';
import { CommitmentEvidence } from './tables/entities/commitment-evidence.entity';
import { TableShareLink } from './tables/entities/table-share-link.entity';
import { Program } from './programs/entities/program.entity';
import { ProgramEnrolment } from './programs/entities/program-enrolment.entity';
import { ProgramBeneficiary } from './programs/entities/beneficiary.entity';
import { ProgramBenefit } from './programs/entities/benefit.entity';
import { ProgramActivity } from './programs/entities/activity.entity';
import { FUND_ENTITIES } from './events/funds/entities';
import { MARKET_ENTITIES } from './events/market/entities';

/** Every entity of the schema; the migration check compares these with the migrations. */
export const ENTITIES = [
  SystemSetting,
  Region,
  Province,
  Commune,
  Municipality,
  AuditLog,
  OutboxMessage,
  IssuedDocument,
  StoredFile,
  User,
  RoleAssignment,
  UserSession,
  ApiToken,
  AuthLink,
  LoginThrottle,
  RateLimit,
  RequestKey,
  Person,
  Consent,
  Association,
  AssociationStatusChange,
  Membership,
  MembershipEvent,
  RosterImport,
  Constitution,
  ConstitutionFounder,
  ConstitutionStatutes,
  BoardTerm,
  BoardSeat,
  MeetingSeries,
  Meeting,
  CalendarFeed,
  Attendance,
  Commitment,
  AgendaItem,
  Minutes,
  Agreement,
  MinutesAmendment,
  MinutesDistribution,
  CommitmentUpdate,
  Institution,
  Mesa,
  TableParticipant,
  TableAxis,
  TableAxisMember,
  CommitmentEvidence,
  TableShareLink,
  Program,
  ProgramEnrolment,
  ProgramBeneficiary,
  ProgramBenefit,
  ProgramActivity,
  ...FUND_ENTITIES,
  ...MARKET_ENTITIES,
];
