import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InstitutionsApiController } from './institutions.api.controller';
import { InstitutionsService } from './institutions.service';

/**
 * The shared list of institutions on the platform floor (ARCHITECTURE.md §3.6): tables, meetings, programs,
 * fund calls and venues name their institutions from it. It imports no feature.
 */
@Module({
  imports: [AuditModule],
  controllers: [InstitutionsApiController],
  providers: [InstitutionsService],
  exports: [InstitutionsService],
})
export class InstitutionsModule {}
