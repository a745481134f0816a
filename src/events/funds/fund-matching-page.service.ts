import { Injectable } from '@nestjs/common';
import type { AuditContext } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { type ApplicantRef, FundApplicantAccess } from './fund-application-access';
import { FundApplicationsService, type FundApplicationView } from './fund-applications.service';
import { FundDeclarationsService, type FundDeclarationView } from './fund-declarations.service';
import { FundMatchingFacts } from './fund-matching-facts';
import { type FundMatchItem, FundMatchingService } from './fund-matching.service';
import { FundException } from './funds.exception';

/** Everything the funds page of an applicant shows (issue 18 item 3). */
export interface FundsOverview {
  applicant: { type: 'association' | 'beneficiary'; id: string; name: string; programId: string | null };
  canAct: boolean;
  matches: FundMatchItem[];
  applications: FundApplicationView[];
  declarations: FundDeclarationView[];
}

/** The page "Fondos para esta organización" (and a beneficiary's): matches, applications and declarations at once. */
@Injectable()
export class FundMatchingPageService {
  constructor(
    private readonly access: FundApplicantAccess,
    private readonly matching: FundMatchingService,
    private readonly applications: FundApplicationsService,
    private readonly declarations: FundDeclarationsService,
    private readonly facts: FundMatchingFacts,
  ) {}

  /** A beneficiary's page lives under its program's address: another program's id there is not found. */
  async assertProgram(actor: Actor, ref: ApplicantRef, programId: string, context: AuditContext = {}): Promise<void> {
    if ('associationId' in ref) return;
    const found = await this.access.beneficiary(actor, ref.beneficiaryId, context);
    if (found.programId !== programId) throw FundException.notFound();
  }

  async overview(
    actor: Actor,
    ref: ApplicantRef,
    context: AuditContext = {},
    programId?: string,
  ): Promise<FundsOverview> {
    if (programId !== undefined) await this.assertProgram(actor, ref, programId, context);
    let applicant: FundsOverview['applicant'];
    let canAct: boolean;
    let matches: FundMatchItem[];
    if ('associationId' in ref) {
      const a = await this.access.association(actor, ref.associationId, false, context);
      applicant = { type: 'association', id: a.id, name: a.name, programId: null };
      canAct = a.canAct;
      matches = (await this.matching.matchesForAssociation(actor, a.id, { pageSize: 200 }, context)).items;
    } else {
      const { programId } = await this.access.beneficiary(actor, ref.beneficiaryId, context);
      const b = await this.facts.beneficiary(programId, ref.beneficiaryId);
      if (!b) throw FundException.notFound();
      applicant = { type: 'beneficiary', id: b.id, name: `${b.name} · ${b.businessName}`, programId };
      canAct = true;
      matches = (await this.matching.matchesForBeneficiary(actor, b.id, { pageSize: 200 }, context)).items;
    }
    const [applications, declarations] = await Promise.all([
      this.applications.listFor(ref),
      this.declarations.listFor(ref),
    ]);
    return { applicant, canAct, matches, applications, declarations };
  }
}
