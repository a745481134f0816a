import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { InstitutionsModule } from '../../institutions/institutions.module';
import { ProgramsModule } from '../../programs/programs.module';
import { TerritoryModule } from '../../territory/territory.module';
import { FundCallEditorService } from './fund-call-editor.service';
import { FundCallImportService } from './fund-call-import.service';
import { FundCallPagesController } from './fund-call-pages.controller';
import { FundCallsApiController } from './fund-calls.api.controller';
import { FundCallsService } from './fund-calls.service';

/**
 * The fund calendar's calls (DOM-FND-1, DOM-FND-3): creating, editing and importing calls, their state in their
 * zone, the public calendar. FundCallsService is exported: matching, applications, mails and feeds read calls
 * through it.
 */
@Module({
  imports: [AuditModule, TerritoryModule, InstitutionsModule, ProgramsModule],
  controllers: [FundCallsApiController, FundCallPagesController],
  providers: [FundCallsService, FundCallEditorService, FundCallImportService],
  exports: [FundCallsService],
})
export class FundsModule {}
