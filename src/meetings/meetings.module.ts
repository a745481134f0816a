import { Module } from '@nestjs/common';
import { AssociationsModule } from '../associations/associations.module';
import { AuditModule } from '../audit/audit.module';
import { InstitutionsModule } from '../institutions/institutions.module';
import { ActaEngine } from './acta-engine';
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

/** Meetings (DOMAIN.md §5): series and calendar, the ICS feed; convocation, agenda, attendance and minutes build on it. */
@Module({
  imports: [AssociationsModule, AuditModule, InstitutionsModule],
  controllers: [MeetingsController, MeetingsApiController, MinutesController, MinutesApiController],
  providers: [ActaEngine, MeetingRecords, MeetingsRepository, MeetingsService, MinutesRepository, MinutesService, CommitmentsService, MeetingBodies],
  exports: [ActaEngine, MeetingRecords, MeetingsService, MinutesService, CommitmentsService, MeetingBodies],
})
export class MeetingsModule {}
