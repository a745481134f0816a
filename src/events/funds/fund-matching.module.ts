import { Module } from '@nestjs/common';
import { AssociationsModule } from '../../associations/associations.module';
import { AuditModule } from '../../audit/audit.module';
import { ProgramsModule } from '../../programs/programs.module';
import { FundApplicantAccess } from './fund-application-access';
import { FundCallQualifiers } from './fund-call-qualifiers.service';
import { FundApplicationsService } from './fund-applications.service';
import { FundDeclarationsService } from './fund-declarations.service';
import { FundMatchingFacts } from './fund-matching-facts';
import { FundMatchingApiController } from './fund-matching.api.controller';
import { FundMatchingPageService } from './fund-matching-page.service';
import { FundMatchingPagesController } from './fund-matching-pages.controller';
import { FundMatchingService } from './fund-matching.service';
import { FundsModule } from './funds.module';

/**
 * Fund matching with reasons (DOM-FND-2), declarations and applications (DOM-FND-4). FundMatchingService is exported:
 * the delivery mails the eligible associations of a call's territory and reminds those preparing an application.
 */
@Module({
  imports: [AuditModule, AssociationsModule, ProgramsModule, FundsModule],
  controllers: [FundMatchingApiController, FundMatchingPagesController],
  providers: [
    FundApplicantAccess,
    FundMatchingFacts,
    FundMatchingService,
    FundApplicationsService,
    FundDeclarationsService,
    FundMatchingPageService,
    FundCallQualifiers,
  ],
  exports: [FundMatchingService],
})
export class FundMatchingModule {}
