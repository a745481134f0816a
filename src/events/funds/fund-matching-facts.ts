import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AssociationDirectory, type AssociationFundFacts } from '../../associations/association-directory.service';
import { BeneficiariesService } from '../../programs/beneficiaries.service';
import { es } from '../../common/i18n/es';
import type { FundCall } from './entities/fund-call.entity';
import type { AssociationFacts, AwardFacts, BeneficiaryFacts, CallFacts, Declared, OwnerSex } from './fund-eligibility';
import { FundCallsService } from './fund-calls.service';

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
    const ids = rows.map((r) => r.id);
    const [declarations, awards] = await Promise.all([
      this.declarations('association_id', ids, em),
      this.awards('association_id', ids, em),
    ]);
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
    const [declarations, awards, index] = await Promise.all([
      this.declarations('beneficiary_id', [b.id]),
      this.awards('beneficiary_id', [b.id]),
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

  private async declarations(
    column: 'association_id' | 'beneficiary_id',
    ids: string[],
    em?: EntityManager,
  ): Promise<Map<string, Map<string, Declared>>> {
    const rows: { owner: string; kind: string; value: boolean; on: string }[] = await (
      em ?? this.dataSource.manager
    ).query(
      `SELECT ${column} AS owner, kind, value, to_char(declared_on, 'YYYY-MM-DD') AS "on"
         FROM fund_declaration WHERE ${column} = ANY($1::uuid[])`,
      [ids],
    );
    const out = new Map<string, Map<string, Declared>>();
    for (const r of rows) {
      if (!out.has(r.owner)) out.set(r.owner, new Map());
      out.get(r.owner)!.set(r.kind, { value: r.value, on: r.on });
    }
    return out;
  }

  /** DOM-FND-4: the applicants' awards with their expense reports (what "no pending expense report" reads). */
  private async awards(
    column: 'association_id' | 'beneficiary_id',
    ids: string[],
    em?: EntityManager,
  ): Promise<Map<string, AwardFacts[]>> {
    const rows: (AwardFacts & { owner: string })[] = await (em ?? this.dataSource.manager).query(
      `SELECT a.${column} AS owner, c.name AS "fundName",
              to_char(a.expense_report_due_on, 'YYYY-MM-DD') AS "dueOn",
              to_char(a.expense_report_submitted_on, 'YYYY-MM-DD') AS "submittedOn"
         FROM fund_application a JOIN fund_call c ON c.id = a.fund_call_id
        WHERE a.${column} = ANY($1::uuid[]) AND a.status = 'awarded'`,
      [ids],
    );
    const out = new Map<string, AwardFacts[]>();
    for (const { owner, ...award } of rows) {
      if (!out.has(owner)) out.set(owner, []);
      out.get(owner)!.push(award);
    }
    return out;
  }
}
