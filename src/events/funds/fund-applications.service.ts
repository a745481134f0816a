import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuditContext, AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { Clock } from '../../common/clock';
import { addMonths, formatDate, formatDateTime, localDate } from '../../common/format/dates';
import { FundApplication, type FundApplicationStatus } from './entities/fund-application.entity';
import type { FundCall } from './entities/fund-call.entity';
import { type ApplicantRef, FundApplicantAccess } from './fund-application-access';
import type { FundApplicationChangeDto, FundApplicationDto } from './fund-application.dto';
import { FundCallsService } from './fund-calls.service';
import { targetsApplicant } from './fund-eligibility';
import { matchTexts as t } from './fund-matching.messages';
import { FundException } from './funds.exception';

/** An application as the API answers it (DOM-FND-4). */
export interface FundApplicationView {
  id: string;
  fundCallId: string;
  fundCallName: string;
  associationId: string | null;
  beneficiaryId: string | null;
  status: FundApplicationStatus;
  amountRequestedClp: number;
  amountAwardedClp: number | null;
  awardedOn: string | null;
  expenseReportDueOn: string | null;
  expenseReportSubmittedOn: string | null;
  /** awarded, not submitted and due before today in the call's zone */
  expenseReportOverdue: boolean;
  version: number;
}

/** Months after an award its expense report is due when the award does not say (DOM-FND-4). */
export const DEFAULT_REPORT_MONTHS = 6;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Applications to fund calls (DOM-FND-4): an association (by its officers) or a program's beneficiary (by the
 * program's officers) applies once per call while it is not closed; the outcome is recorded later, and an award sets
 * the expense report's due date, which the matcher reads for later calls ("no pending expense report").
 */
@Injectable()
export class FundApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calls: FundCallsService,
    private readonly access: FundApplicantAccess,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    callId: string,
    dto: FundApplicationDto,
    context: AuditContext = {},
  ): Promise<FundApplicationView> {
    const applicant = applicantOf(dto);
    const call = await this.calls.find(callId);
    if (!call) throw FundException.notFound();
    const scope = await this.checkApplicant(actor, applicant, true, context);
    if (!targetsApplicant(call, 'associationId' in applicant ? 'association' : 'beneficiary')) {
      const text =
        'associationId' in applicant ? t.applicantOrganizationForPersons() : t.applicantPersonForOrganizations();
      throw FundException.rule('FUND_APPLICANT_NOT_ADMITTED', text);
    }
    this.assertOpen(call);
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOneBy(FundApplication, { fundCallId: call.id, ...applicant });
      if (existing) throw FundException.conflict('FUND_APPLICATION_DUPLICATE', t.duplicateApplication());
      const saved = await em
        .save(
          em.create(FundApplication, {
            fundCallId: call.id,
            associationId: 'associationId' in applicant ? applicant.associationId : null,
            beneficiaryId: 'beneficiaryId' in applicant ? applicant.beneficiaryId : null,
            status: dto.status ?? 'preparing',
            amountRequestedClp: dto.amountRequestedClp,
            createdBy: actor.id,
          }),
        )
        .catch((err: unknown) => {
          // two requests at once: the unique index answers for the second
          if ((err as { code?: string }).code === '23505')
            throw FundException.conflict('FUND_APPLICATION_DUPLICATE', t.duplicateApplication());
          throw err;
        });
      await this.audit.record(
        { ...context, userId: actor.id },
        {
          action: 'fund_application.created',
          objectType: 'fund_application',
          objectId: saved.id,
          ...scope,
          details: { fundCallId: call.id, status: saved.status, amountRequestedClp: saved.amountRequestedClp },
        },
        em,
      );
      return this.view(saved, call);
    });
  }

  /** PATCH: the status and the award; an award sets the expense report's due date (DOM-FND-4). */
  async update(
    actor: Actor,
    applicationId: string,
    dto: FundApplicationChangeDto,
    context: AuditContext = {},
    /** the applicant whose page posted it: another applicant's application is not found there */
    expected?: ApplicantRef,
  ): Promise<FundApplicationView> {
    const found = UUID.test(applicationId)
      ? await this.dataSource.manager.findOne(FundApplication, {
          where: { id: applicationId },
          relations: { fundCall: true },
        })
      : null;
    if (!found?.fundCall) throw FundException.notFound();
    if (expected && JSON.stringify(refOf(found)) !== JSON.stringify(expected)) throw FundException.notFound();
    const scope = await this.checkApplicant(actor, refOf(found), true, context);
    const call = found.fundCall;
    const today = localDate(this.clock.now(), call.timeZone);
    const status = dto.status ?? found.status;
    const awarded = status === 'awarded';
    if (!awarded && (dto.amountAwardedClp !== undefined || dto.expenseReportDueOn))
      throw FundException.field('amountAwardedClp', t.amountOnlyWhenAwarded());
    if (!awarded && dto.expenseReportSubmittedOn)
      throw FundException.field('expenseReportSubmittedOn', t.reportOnlyWhenAwarded());
    if (dto.expenseReportSubmittedOn && dto.expenseReportSubmittedOn > today)
      throw FundException.field(
        'expenseReportSubmittedOn',
        t.reportSubmittedInFuture({ on: formatDate(dto.expenseReportSubmittedOn) }),
      );
    const amountAwarded = dto.amountAwardedClp ?? found.amountAwardedClp;
    if (awarded && (amountAwarded === null || amountAwarded === undefined))
      throw FundException.field('amountAwardedClp', t.awardedNeedsAmount());
    const before = { status: found.status, dueOn: found.expenseReportDueOn };
    if (awarded) {
      // the award sets the due date: the one given, else DEFAULT_REPORT_MONTHS after the award
      found.awardedOn = found.status === 'awarded' && found.awardedOn ? found.awardedOn : today;
      found.amountAwardedClp = amountAwarded;
      found.expenseReportDueOn =
        dto.expenseReportDueOn ?? found.expenseReportDueOn ?? addMonths(found.awardedOn, DEFAULT_REPORT_MONTHS);
      if (dto.expenseReportSubmittedOn !== undefined) found.expenseReportSubmittedOn = dto.expenseReportSubmittedOn;
    } else {
      found.awardedOn = null;
      found.amountAwardedClp = null;
      found.expenseReportDueOn = null;
      found.expenseReportSubmittedOn = null;
    }
    found.status = status;
    return this.dataSource.transaction(async (em) => {
      const { fundCall, ...row } = found;
      void fundCall;
      const saved = await em.save(FundApplication, row);
      await this.audit.record(
        { ...context, userId: actor.id },
        {
          action: 'fund_application.updated',
          objectType: 'fund_application',
          objectId: found.id,
          ...scope,
          details: { from: before, to: { status, dueOn: saved.expenseReportDueOn }, changes: { ...dto } },
        },
        em,
      );
      return this.view({ ...found, ...saved }, call);
    });
  }

  /** An applicant's applications, newest call first (the caller checked the actor's access). */
  async listFor(applicant: ApplicantRef, em?: EntityManager): Promise<FundApplicationView[]> {
    const rows = await (em ?? this.dataSource.manager).find(FundApplication, {
      where: applicant,
      relations: { fundCall: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return rows.map((r) => this.view(r, r.fundCall!));
  }

  /** Lists for an actor (the API's GET, the pages). */
  async listForActor(actor: Actor, applicant: ApplicantRef, context: AuditContext = {}) {
    await this.checkApplicant(actor, applicant, false, context);
    return { items: await this.listFor(applicant) };
  }

  view(a: FundApplication, call: Pick<FundCall, 'id' | 'name' | 'timeZone'>): FundApplicationView {
    const today = localDate(this.clock.now(), call.timeZone);
    return {
      id: a.id,
      fundCallId: call.id,
      fundCallName: call.name,
      associationId: a.associationId,
      beneficiaryId: a.beneficiaryId,
      status: a.status,
      amountRequestedClp: Number(a.amountRequestedClp),
      amountAwardedClp: a.amountAwardedClp === null ? null : Number(a.amountAwardedClp),
      awardedOn: a.awardedOn,
      expenseReportDueOn: a.expenseReportDueOn,
      expenseReportSubmittedOn: a.expenseReportSubmittedOn,
      expenseReportOverdue:
        a.status === 'awarded' && !a.expenseReportSubmittedOn && !!a.expenseReportDueOn && a.expenseReportDueOn < today,
      version: a.version,
    };
  }

  /** DOM-FND-4: a closed call takes no application (422 FUND_CALL_CLOSED, nothing written). */
  private assertOpen(call: FundCall): void {
    if (this.calls.stateOf(call) === 'closed')
      throw FundException.rule(
        'FUND_CALL_CLOSED',
        t.callClosed({ name: call.name, closedAt: formatDateTime(call.closesAt, call.timeZone) }),
      );
  }

  private async checkApplicant(
    actor: Actor,
    applicant: ApplicantRef,
    act: boolean,
    context: AuditContext,
  ): Promise<{ scopeType: string; scopeId: string }> {
    if ('associationId' in applicant) {
      await this.access.association(actor, applicant.associationId, act, context);
      return { scopeType: 'association', scopeId: applicant.associationId };
    }
    const { programId } = await this.access.beneficiary(actor, applicant.beneficiaryId, context);
    return { scopeType: 'program', scopeId: programId };
  }
}

function applicantOf(dto: FundApplicationDto): ApplicantRef {
  if (!!dto.associationId === !!dto.beneficiaryId) throw FundException.field('associationId', t.applicantRequired());
  return dto.associationId ? { associationId: dto.associationId } : { beneficiaryId: dto.beneficiaryId! };
}

function refOf(a: FundApplication): ApplicantRef {
  return a.associationId ? { associationId: a.associationId } : { beneficiaryId: a.beneficiaryId! };
}
