import { ActivityRecords } from './activity-records.service';
import { BodyStats } from './body-stats.service';
import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { AuditModule } from '../audit/audit.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { ActaEngine } from './acta-engine';
import { CalendarFeedService } from './calendar-feed.service';
import { ConvocationService } from './convocation.service';
import { MinutesChain } from './minutes-chain.service';
import { MinutesDistribution } from './minutes-distribution.service';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';
import { MeetingRecords } from './meeting-records.service';
import { MeetingsApiController } from './meetings.api.controller';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { MinutesApiController } from './minutes.api.controller';
import { MinutesController } from './minutes.controller';
import { MinutesRepository } from './minutes.repository';
import { MinutesService } from './minutes.service';
import { MeetingBodies } from './meeting-bodies';
import { MeetingsCalendar } from './meetings-calendar';
import { MeetingAccess } from './meeting-access.service';
import { MeetingAgenda } from './meeting-agenda.service';
import { MeetingAttendance } from './meeting-attendance.service';
import { MeetingMoves } from './meeting-moves.service';
import { MinutesViews } from './minutes-views.service';
import { MinutesEditor } from './minutes-editor.service';
import { MinutesDrafts } from './minutes-drafts.service';
import { MinutesApproval } from './minutes-approval.service';

/**
 * The acta engine for every body that meets (DOMAIN.md §5, ARCHITECTURE.md §3.7): series and calendar, the ICS
 * feed, convocation, agenda, attendance and quorum, minutes, agreements, commitments, approval, numbering, chain,
 * PDF and sending. Bodies plug in through MeetingBodies: the associations module and the tables module register
 * theirs; this module imports neither.
 */
@Module({
  imports: [TerritoryModule, AuditModule, InstitutionsModule],
  controllers: [MeetingsController, MeetingsApiController, MinutesController, MinutesApiController],
  providers: [
    ActivityRecords,
    BodyStats,
    MeetingsCalendar,
    ActaEngine,
    MeetingRecords,
    MeetingsRepository,
    MeetingsService,
    MeetingAccess,
    MeetingAgenda,
    MeetingAttendance,
    MeetingMoves,
    CalendarFeedService,
    ConvocationService,
    MinutesRepository,
    CommitmentsRepository,
    MinutesService,
    MinutesViews,
    MinutesEditor,
    MinutesDrafts,
    MinutesApproval,
    MinutesDistribution,
    MinutesChain,
    CommitmentsService,
    MeetingBodies,
  ],
  exports: [
    ActivityRecords,
    BodyStats,
    ActaEngine,
    MeetingRecords,
    MeetingsService,
    MeetingAccess,
    MeetingAgenda,
    MeetingAttendance,
    MinutesService,
    MinutesDistribution,
    MinutesChain,
    CommitmentsService,
    MeetingBodies,
  ],
})
export class MeetingsModule {}
