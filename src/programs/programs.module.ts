import { Module, OnModuleInit } from '@nestjs/common';
import { AssociationAccess } from '../associations/association-access';
import { AssociationsModule } from '../associations/associations.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { DocumentsModule } from '../documents/documents.module';
import { PeopleModule } from '../people/people.module';
import { TerritoryModule } from '../territory/territory.module';
import { ScopeRegistry } from '../auth/scope-registry';
import { InstitutionsModule } from '../institutions/institutions.module';
import { MeetingBodies } from '../meetings/meeting-bodies';
import { MeetingsModule } from '../meetings/meetings.module';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';
import { ActivitiesService } from './activities.service';
import { BeneficiariesService } from './beneficiaries.service';
import { BenefitsService } from './benefits.service';
import { PortfolioService } from './portfolio.service';
import { ProgramFilesService } from './program-files.service';
import { ProgramReportService } from './program-report.service';
import { ProgramAccess } from './program-access';
import { ProgramConsentService } from './program-consent.service';
import { ActivityPagesController } from './activity-pages.controller';
import { BeneficiaryImportService } from './beneficiary-import.service';
import { BeneficiaryPagesController } from './beneficiary-pages.controller';
import { BenefitPagesController } from './benefit-pages.controller';
import { ConsentPagesController } from './consent-pages.controller';
import { ProgramPagesController } from './program-pages.controller';
import { ProgramsApiController } from './programs.api.controller';
import { ProgramsService } from './programs.service';

const noActa = async (): Promise<never> => {
  throw ProgramException.rule('ACTIVITY_HAS_NO_ACTA', programTexts.activityHasNoActa());
};

/**
 * Programs and beneficiaries (DOMAIN.md §7, DOM-PRG-1 to 7): programs of an agency, enrolled associations, the
 * association's consent to share its roster, beneficiaries of the one person registry, benefits against the budget,
 * activities as meetings of the acta engine, and the officer's portfolio.
 */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    DocumentsModule,
    TerritoryModule,
    PeopleModule,
    InstitutionsModule,
    MeetingsModule,
    AssociationsModule,
  ],
  controllers: [
    ProgramsApiController,
    ProgramPagesController,
    BeneficiaryPagesController,
    BenefitPagesController,
    ActivityPagesController,
    ConsentPagesController,
  ],
  providers: [
    ProgramAccess,
    ProgramsService,
    ProgramConsentService,
    BeneficiariesService,
    BenefitsService,
    ActivitiesService,
    PortfolioService,
    BeneficiaryImportService,
    ProgramFilesService,
    ProgramReportService,
  ],
  exports: [ProgramsService, PortfolioService, ProgramAccess, BeneficiariesService],
})
export class ProgramsModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeRegistry,
    private readonly access: ProgramAccess,
    private readonly programs: ProgramsService,
    private readonly associations: AssociationAccess,
    private readonly bodies: MeetingBodies,
    private readonly activities: ActivitiesService,
  ) {}

  onModuleInit(): void {
    // a program_officer role is scoped to a program (API.md); programs lie in no single commune
    this.scopes.register('program', {
      communeOf: async () => null,
      idsInCommunes: async () => [],
      exists: async (id) => await this.programs.exists(id),
      names: (ids) => this.programs.scopeNames(ids),
      choices: async (codes) => (codes ? [] : this.programs.scopeChoices()),
    });
    // DOM-PRG-6: officers read (never edit) the associations enrolled in their program
    this.associations.registerReader((actor, associationId) => this.access.officerOfEnrolling(actor, associationId));
    // an activity is a meeting of the engine: the meetings API answers for it through this body
    this.bodies.register('program', {
      meetings: {
        get: async (actor, meetingId, context) => {
          const activity = await this.activities.byMeeting(meetingId);
          if (!activity) throw ProgramException.notFound();
          return this.activities.get(actor, activity.id, context);
        },
        setAttendance: async (actor, meetingId, marks, context) => {
          const activity = await this.activities.byMeeting(meetingId);
          if (!activity) throw ProgramException.notFound();
          return this.activities.setAttendance(
            actor,
            activity.id,
            marks.map((m) => ({ beneficiaryId: m.participantId ?? m.memberId ?? '', status: m.status as 'present' })),
            context,
          );
        },
        addAgendaItem: noActa,
        convene: noActa,
        readMinutes: noActa,
        saveMinutes: noActa,
        approve: noActa,
        pdfOf: noActa,
      },
      commitments: { list: noActa, get: noActa, addUpdate: noActa },
    });
  }
}
