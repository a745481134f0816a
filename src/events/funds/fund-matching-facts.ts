import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AssociationDirectory, type AssociationFundFacts } from '../../associations/association-directory.service';
import { BeneficiariesService } from '../../programs/beneficiaries.service';
import { es } from '../../common/i18n/es';
import type { FundCall } from './entities/fund-call.entity';
import type { AssociationFacts, AwardFacts, BeneficiaryFacts, CallFacts, Declared, OwnerSex } from './fund-eligibility';
import { FundCallsService } from './fund-calls.service';
import { named } from '../../database/named-statement';

/** An association's facts with what the pages show beside them. */
export type LoadedAssociation = AssociationFacts & { id: string; name: string; timeZone: string };
export type LoadedBeneficiary = BeneficiaryFacts & {
  id: string;
  programId: string;
  name: string;
  businessName: string;
  timeZone: string;
};

export const KIND_LABELS: Record<string, string> = es.kinds;
const STATUS_LABELS: Record<string, string> = es.associationStatuses;

/** The call's facts the matcher reads (DOM-FND-1). */
export function callFacts(call: FundCall): CallFacts {
  return {
    scope: call.scope,
    regionCodes: call.regionCodes ?? [],
    communeCodes: call.communeCodes ?? [],
    targetApplicant: call.targetApplicant,
    associationKinds: call.associationKinds ?? [],
    requirements: call.requirements ?? {},
  };
}

/**
 * Loads applicants' facts for the matcher (DOM-FND-2) in bulk: the associations' registry facts through
 * AssociationDirectory (one statement for any number), then this module's declarations and awards, one statement
 * each. Live data, no cache: fixing a board term or submitting a report changes the next answer.
 */
@Injectable()
export class FundMatchingFacts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: AssociationDirectory,
    private readonly beneficiaries: BeneficiariesService,
    private readonly calls: FundCallsService,
  ) {}

  async associations(
    filter: { ids?: string[]; communeCodes?: string[]; regionCodes?: string[] },
    em?: EntityManager,
  ): Promise<LoadedAssociation[]> {
    const rows = await this.directory.fundFacts(filter, em);
    if (!rows.length) return [];
    const { declarations, awards } = await this.declaredAndAwarded(
      'association_id',
      rows.map((r) => r.id),
      em,
    );
    return rows.map((r) => this.association(r, declarations.get(r.id), awards.get(r.id) ?? []));
  }

  private association(
    r: AssociationFundFacts,
    declared: Map<string, Declared> | undefined,
    awards: AwardFacts[],
  ): LoadedAssociation {
    return {
      type: 'association',
      id: r.id,
      name: r.name,
      timeZone: r.timeZone,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind] ?? r.kind,
      communeCode: r.communeCode,
      communeName: r.communeName,
      regionCode: r.regionCode,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status] ?? r.status,
      statusSince: r.statusSince,
      constitutedOn: r.constitutedOn,
      boardEndsOn: r.boardEndsOn,
      rut: r.rut,
      publicFundsRegistry: declared?.get('public_funds_registry') ?? null,
      awards,
    };
  }

  /** One beneficiary of a program (the caller checked the actor's access), or null when the program hides it. */
  async beneficiary(programId: string, beneficiaryId: string): Promise<LoadedBeneficiary | null> {
    const [rows, visible] = await Promise.all([
      this.beneficiaries.rows(programId, { id: beneficiaryId }),
      this.beneficiaries.visibleIds(programId),
    ]);
    const b = rows[0];
    // DOM-PRG-3: a roster's member stays hidden while its association's consent is withdrawn
    if (!b || !visible.has(b.id)) return null;
    const [{ declarations, awards }, index] = await Promise.all([
      this.declaredAndAwarded('beneficiary_id', [b.id]),
      this.calls.territoryIndex(),
    ]);
    const commune = index.communes.get(b.communeCode);
    const declared = declarations.get(b.id);
    return {
      type: 'beneficiary',
      id: b.id,
      programId,
      name: b.fullName,
      businessName: b.businessName,
      timeZone: commune?.timeZone ?? 'America/Santiago',
      communeCode: b.communeCode,
      communeName: commune?.name ?? b.communeCode,
      regionCode: commune?.regionCode ?? '',
      birthDate: b.birthDate,
      ownerSex: (b.ownerSex as OwnerSex) ?? null,
      noActivityStart: declared?.get('no_activity_start') ?? null,
      publicFundsRegistry: declared?.get('public_funds_registry') ?? null,
      awards: awards.get(b.id) ?? [],
    };
  }

  /**
   * The applicants' declarations (DOM-FND-2's declared flags) and their awards with the expense reports (DOM-FND-4,
   * what "no pending expense report" reads), in one statement: every matching request reads both.
   */
  private async declaredAndAwarded(
    column: 'association_id' | 'beneficiary_id',
    ids: string[],
    em?: EntityManager,
  ): Promise<{ declarations: Map<string, Map<string, Declared>>; awards: Map<string, AwardFacts[]> }> {
    const rows: {
      owner: string;
      kind: string | null;
      value: boolean | null;
      on: string | null;
      fundName: string | null;
      dueOn: string | null;
      submittedOn: string | null;
    }[] = await (em ?? this.dataSource.manager).query(
      named(
        `fund_declared_awarded:${column}`,
        `SELECT d.${column} AS owner, d.kind, d.value, to_char(d.declared_on, 'YYYY-MM-DD') AS "on",
              NULL AS "fundName", NULL AS "dueOn", NULL AS "submittedOn"
         FROM fund_declaration d WHERE d.${column} = ANY($1::uuid[])
       UNION ALL
       SELECT a.${column}, NULL, NULL, NULL, c.name, to_char(a.expense_report_due_on, 'YYYY-MM-DD'),
              to_char(a.expense_report_submitted_on, 'YYYY-MM-DD')
         FROM fund_application a JOIN fund_call c ON c.id = a.fund_call_id
        WHERE a.${column} = ANY($1::uuid[]) AND a.status = 'awarded'`,
      ),
      [ids],
    );
    const declarations = new Map<string, Map<string, Declared>>();
    const awards = new Map<string, AwardFacts[]>();
    for (const r of rows) {
      if (r.kind !== null) {
        if (!declarations.has(r.owner)) declarations.set(r.owner, new Map());
        declarations.get(r.owner)!.set(r.kind, { value: r.value as boolean, on: r.on as string });
      } else {
        if (!awards.has(r.owner)) awards.set(r.owner, []);
        awards.get(r.owner)!.push({ fundName: r.fundName as string, dueOn: r.dueOn, submittedOn: r.submittedOn });
      }
    }
    return { declarations, awards };
  }
}
