import { Module } from '@nestjs/common';
import { AssociationsModule } from '../associations/associations.module';
import { AuditModule } from '../audit/audit.module';
import { MeetingsApiController } from './meetings.api.controller';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** Meetings (DOMAIN.md §5): series and calendar, the ICS feed; convocation, agenda, attendance and minutes build on it. */
@Module({
  imports: [AssociationsModule, AuditModule],
  controllers: [MeetingsController, MeetingsApiController],
  providers: [MeetingsRepository, MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}
