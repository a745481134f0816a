import { Injectable } from '@nestjs/common';
import { AssociationAccess } from '../../associations/association-access';
import type { AuditContext } from '../../audit/audit.service';
import { type Actor, hasRole, isAdmin } from '../../common/access/actor';
import { ProgramAccess } from '../../programs/program-access';
import { FundException } from './funds.exception';

/** Who applies: an association, or a program's beneficiary. */
export type ApplicantRef = { associationId: string } | { beneficiaryId: string };

/**
 * Who may see an applicant's matches and act for it (API.md "Who may do what"): an association's matches are read by
 * whoever reads the association (its officers and members, the commune's municipal officer, the officers of a program
 * it is enrolled in, the admin), and only its officers (and the admin) declare and apply for it; a beneficiary's are
 * the program officers' of its program (and the admin's). Outside scope 404, in scope without the right 403.
 */
@Injectable()
export class FundApplicantAccess {
  constructor(
    private readonly associations: AssociationAccess,
    private readonly programs: ProgramAccess,
  ) {}

  async association(
    actor: Actor,
    associationId: string,
    act: boolean,
    context: AuditContext = {},
  ): Promise<{ id: string; name: string; communeCode: string; canAct: boolean }> {
    const { association } = await this.associations.load(actor, associationId, 'read', context);
    const canAct = isAdmin(actor) || hasRole(actor, 'association_officer', association.id);
    if (act && !canAct) throw FundException.forbidden();
    return { id: association.id, name: association.name, communeCode: association.communeCode, canAct };
  }

  /** The beneficiary's program, once the actor may work on it (404 otherwise). */
  async beneficiary(actor: Actor, beneficiaryId: string, context: AuditContext = {}): Promise<{ programId: string }> {
    const programId = await this.programs.programOfBeneficiary(beneficiaryId);
    if (!programId) throw FundException.notFound();
    await this.programs.load(actor, programId, context);
    return { programId };
  }
}
