import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { formatDate, localDate } from '../../common/format/dates';
import { FundDeclaration, type FundDeclarationKind } from './entities/fund-declaration.entity';
import { type ApplicantRef, FundApplicantAccess } from './fund-application-access';
import type { FundDeclarationDto } from './fund-application.dto';
import { matchTexts as t } from './fund-matching.messages';
import { FundException } from './funds.exception';

export interface FundDeclarationView {
  kind: FundDeclarationKind;
  value: boolean;
  declaredOn: string;
  recordedAt: string;
}

/**
 * What an applicant declares and the portal cannot know (DOM-FND-1): an association's registration as a receiver of
 * public funds (Ley 19.862), recorded by its officers; a beneficiary's too, and "no activity start at the SII",
 * recorded by the program's officers. One current declaration per kind; each change is audited with the previous one.
 */
@Injectable()
export class FundDeclarationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: FundApplicantAccess,
    private readonly audit: AuditService,
  ) {}

  async record(
    actor: Actor,
    applicant: ApplicantRef,
    dto: FundDeclarationDto,
    context: AuditContext = {},
  ): Promise<FundDeclarationView> {
    let scope: { scopeType: string; scopeId: string };
    if ('associationId' in applicant) {
      await this.access.association(actor, applicant.associationId, true, context);
      if (dto.kind !== 'public_funds_registry') throw FundException.field('kind', t.declarationKindForAssociation());
      scope = { scopeType: 'association', scopeId: applicant.associationId };
    } else {
      const { programId } = await this.access.beneficiary(actor, applicant.beneficiaryId, context);
      scope = { scopeType: 'program', scopeId: programId };
    }
    const today = localDate(this.clock.now(), 'America/Santiago');
    if (dto.declaredOn > today)
      throw FundException.field('declaredOn', t.declarationInFuture({ on: formatDate(dto.declaredOn) }));
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOneBy(FundDeclaration, { ...applicant, kind: dto.kind });
      const row = existing ?? em.create(FundDeclaration, { ...applicant, kind: dto.kind });
      const before = existing ? { value: existing.value, declaredOn: existing.declaredOn } : null;
      row.value = dto.value;
      row.declaredOn = dto.declaredOn;
      row.recordedBy = actor.id;
      const saved = await em.save(row);
      await this.audit.record(
        { ...context, userId: actor.id },
        {
          action: 'fund_declaration.recorded',
          objectType: 'fund_declaration',
          objectId: saved.id,
          ...scope,
          details: { kind: dto.kind, before, value: dto.value, declaredOn: dto.declaredOn },
        },
        em,
      );
      return view(saved);
    });
  }

  /** The applicant's current declarations (the caller checked access). */
  async listFor(applicant: ApplicantRef): Promise<FundDeclarationView[]> {
    const rows = await this.dataSource.manager.find(FundDeclaration, { where: applicant, order: { kind: 'ASC' } });
    return rows.map(view);
  }
}

function view(d: FundDeclaration): FundDeclarationView {
  return { kind: d.kind, value: d.value, declaredOn: d.declaredOn, recordedAt: d.updatedAt.toISOString() };
}
