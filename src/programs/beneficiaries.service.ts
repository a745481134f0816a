import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssociationDirectory, type SharedMember } from '../associations/association-directory.service';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { ModuleException, type FieldError } from '../common/errors/domain.exception';
import { documentProblemText, formatDocument, maskDocument, parsePersonDocument } from '../common/format/identity';
import { foldForSearch } from '../common/text';
import { ConsentRegistry } from '../people/consent-registry.service';
import { PersonRegistry } from '../people/person-registry.service';
import type { BeneficiaryDto, BeneficiaryQueryDto } from './dto/programs.dto';
import { ProgramBeneficiary } from './entities/beneficiary.entity';
import type { Program } from './entities/program.entity';
import { ProgramConsentService } from './program-consent.service';
import { outsideDates, ProgramsService } from './programs.service';
import { touchProgram } from './program-access';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';

/** A beneficiary as the program's list shows it (API.md). */
export interface BeneficiaryView {
  id: string;
  personId: string;
  fullName: string;
  birthDate: string | null;
  documentType: string;
  rut?: string;
  dni?: string;
  businessName: string;
  businessCategory: string;
  ownerSex: string;
  address: string | null;
  communeCode: string;
  associationId: string | null;
  associationName: string | null;
  memberId: string | null;
  source: string;
  enrolledOn: string;
}

/** What the program sees of its beneficiaries (DOM-PRG-3): rows shown, and the roster rows hidden by a withdrawal. */
export interface BeneficiaryList {
  items: BeneficiaryView[];
  total: number;
  /** Beneficiaries taken from a roster whose association withdrew its consent: counted, never shown. */
  hidden: number;
}

/**
 * Beneficiaries of a program (DOM-PRG-2, DOM-PRG-3): a person of the one registry with their business, registered
 * directly with their own consent, or taken from the roster of an enrolled association that shares it. A roster's
 * members are visible to the program only while the consent is in force, and every read of them is audited.
 */
@Injectable()
export class BeneficiariesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly consent: ProgramConsentService,
    private readonly directory: AssociationDirectory,
    private readonly persons: PersonRegistry,
    private readonly consents: ConsentRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Adds a beneficiary: from a consenting roster (`memberId`) or directly, with the person's own consent. */
  async add(actor: Actor, programId: string, dto: BeneficiaryDto, context: AuditContext): Promise<BeneficiaryView> {
    const program = await this.programs.load(actor, programId, context);
    const id = await this.dataSource.transaction(async (em) => {
      const inserted = await this.insert(actor, program, dto, 'direct', context, em);
      await touchProgram(program.id, em);
      return inserted;
    });
    return (await this.rows(programId, { id }))[0];
  }

  /**
   * One beneficiary in the caller's transaction (an import inserts all its rows in one): `source` says how a
   * beneficiary without `memberId` came (typed by the officer, or a file's row).
   */
  async insert(
    actor: Actor,
    program: Program,
    dto: BeneficiaryDto,
    source: 'direct' | 'import',
    context: AuditContext,
    em: EntityManager,
  ): Promise<string> {
    outsideDates(program, dto.enrolledOn, 'enrolledOn');
    const values = dto.memberId
      ? await this.fromRoster(program, dto, em)
      : { ...(await this.direct(actor, program, dto, em)), source };
    const inserted = await em
      .createQueryBuilder()
      .insert()
      .into(ProgramBeneficiary)
      .values({ ...values, programId: program.id, enrolledOn: dto.enrolledOn, createdBy: actor.id })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = (inserted.raw as { id: string }[])[0];
    // DOM-PRG-2: one person is one beneficiary of a program
    if (!row) throw ProgramException.conflict('BENEFICIARY_DUPLICATE', programTexts.duplicateBeneficiary(), 'rut');
    await this.audit.record(
      context,
      {
        action: 'program.beneficiary_added',
        objectType: 'program_beneficiary',
        objectId: row.id,
        scopeType: 'program',
        scopeId: program.id,
        details: { source: values.source, associationId: values.associationId ?? null },
      },
      em,
    );
    return row.id;
  }

  /** DOM-PRG-3: a roster member only while the association shares its roster with the program. */
  private async fromRoster(
    program: Program,
    dto: BeneficiaryDto,
    em: EntityManager,
  ): Promise<Partial<ProgramBeneficiary>> {
    if (!dto.associationId)
      throw ProgramException.field('associationId', programTexts.associationUnknown(), 'VALIDATION_FAILED', 422);
    await this.programs.assertEnrolled(program.id, dto.associationId, em);
    if (!(await this.consent.rosterShared(program.id, dto.associationId, em)))
      throw ProgramException.rule('CONSENT_REQUIRED', programTexts.consentRequired(), 'memberId');
    const member = await this.directory.activeMember(dto.associationId, dto.memberId as string, em);
    if (!member) throw ProgramException.field('memberId', programTexts.memberUnknown(), 'VALIDATION_FAILED', 422);
    const category = dto.businessCategory ?? member.businessCategory;
    const business = dto.businessName ?? member.businessName;
    const errors: FieldError[] = [];
    if (!business) errors.push(ModuleException.fieldError('businessName', 'El campo businessName es obligatorio.'));
    if (!category)
      errors.push(ModuleException.fieldError('businessCategory', 'El campo businessCategory es obligatorio.'));
    if (errors.length) throw ProgramException.invalid(errors);
    return {
      personId: member.personId,
      businessName: business as string,
      businessCategory: category as string,
      ownerSex: dto.ownerSex,
      address: dto.address ?? member.address,
      communeCode: dto.communeCode ?? member.communeCode,
      associationId: dto.associationId,
      membershipId: member.membershipId,
      source: 'roster',
      consentId: null,
    };
  }

  /** A beneficiary registered by the officer: their identity in the one registry and their own consent. */
  private async direct(
    actor: Actor,
    program: Program,
    dto: BeneficiaryDto,
    em: EntityManager,
  ): Promise<Partial<ProgramBeneficiary>> {
    const errors: FieldError[] = [];
    const documentType = dto.dni && !dto.rut ? 'dni' : 'rut';
    const raw = documentType === 'dni' ? dto.dni : dto.rut;
    let document: string | null = null;
    if (!raw) errors.push(ModuleException.fieldError('rut', programTexts.documentRequired()));
    else {
      const parsed = parsePersonDocument(documentType, raw);
      if (parsed.ok) document = parsed.value;
      else
        errors.push(
          ModuleException.fieldError(documentType, documentProblemText(documentType, documentType, parsed.reason)),
        );
    }
    if (!dto.fullName?.trim()) errors.push(ModuleException.fieldError('fullName', programTexts.nameRequired()));
    if (!dto.businessName)
      errors.push(ModuleException.fieldError('businessName', 'El campo businessName es obligatorio.'));
    if (!dto.businessCategory)
      errors.push(ModuleException.fieldError('businessCategory', 'El campo businessCategory es obligatorio.'));
    if (!dto.communeCode)
      errors.push(ModuleException.fieldError('communeCode', 'El campo communeCode es obligatorio.'));
    if (!dto.consentTextVersion)
      errors.push(ModuleException.fieldError('consentTextVersion', programTexts.consentVersionRequired()));
    if (errors.length) throw ProgramException.invalid(errors);
    if (dto.associationId) await this.programs.assertEnrolled(program.id, dto.associationId, em);
    const fullName = (dto.fullName as string).trim().replace(/\s+/g, ' ');
    let person = await this.persons.findByDocument(documentType, document as string, em);
    person ??= await this.persons.insert(
      {
        documentType,
        documentNumber: document,
        fullName,
        nameKey: foldForSearch(fullName),
        birthDate: dto.birthDate ?? null,
        email: dto.email?.trim().toLowerCase() ?? null,
        address: dto.address ?? null,
      },
      em,
    );
    // a person already a beneficiary: refuse before recording a consent for nothing
    const [existing] = await em.query(`SELECT 1 FROM program_beneficiary WHERE program_id = $1 AND person_id = $2`, [
      program.id,
      person.id,
    ]);
    if (existing)
      throw ProgramException.conflict('BENEFICIARY_DUPLICATE', programTexts.duplicateBeneficiary(), documentType);
    const { consent } = await this.consents.grant(
      { personId: person.id },
      { type: 'program', id: program.id },
      dto.consentTextVersion as string,
      { id: actor.id, name: actor.name },
      this.clock.now(),
      em,
    );
    return {
      personId: person.id,
      businessName: dto.businessName as string,
      businessCategory: dto.businessCategory as string,
      ownerSex: dto.ownerSex,
      address: dto.address ?? null,
      communeCode: dto.communeCode as string,
      associationId: dto.associationId ?? null,
      membershipId: null,
      source: 'direct',
      consentId: consent.id,
    };
  }

  /** The program's beneficiaries the officer may see now; reads of shared roster data are audited (DOM-PRG-3). */
  async list(
    actor: Actor,
    programId: string,
    query: BeneficiaryQueryDto,
    context: AuditContext,
  ): Promise<BeneficiaryList> {
    await this.programs.load(actor, programId, context);
    const sharing = await this.consent.sharingAssociations(programId);
    const all = await this.rows(programId, query);
    const items = all.filter((b) => b.source !== 'roster' || (b.associationId && sharing.has(b.associationId)));
    const fromRosters = [...new Set(items.filter((b) => b.source === 'roster').map((b) => b.associationId as string))];
    if (fromRosters.length)
      await this.audit.record(
        context,
        {
          action: 'program.shared_members_read',
          objectType: 'program',
          objectId: programId,
          scopeType: 'program',
          scopeId: programId,
          details: { associationIds: fromRosters, rows: items.filter((b) => b.source === 'roster').length },
        },
        this.dataSource.manager,
      );
    return { items, total: items.length, hidden: all.length - items.length };
  }

  /** The active members of a consenting association that are not beneficiaries yet (audited read). */
  async rosterToPick(
    actor: Actor,
    programId: string,
    associationId: string,
    context: AuditContext,
  ): Promise<SharedMember[]> {
    await this.programs.load(actor, programId, context);
    await this.programs.assertEnrolled(programId, associationId);
    if (!(await this.consent.rosterShared(programId, associationId)))
      throw ProgramException.rule('CONSENT_REQUIRED', programTexts.consentRequired(), 'associationId');
    const enrolled = new Set(
      (
        (await this.dataSource.query(`SELECT person_id AS id FROM program_beneficiary WHERE program_id = $1`, [
          programId,
        ])) as { id: string }[]
      ).map((r) => r.id),
    );
    const members = (await this.directory.activeMembers(associationId)).filter((m) => !enrolled.has(m.personId));
    await this.audit.record(
      context,
      {
        action: 'program.shared_members_read',
        objectType: 'association',
        objectId: associationId,
        scopeType: 'program',
        scopeId: programId,
        details: { rows: members.length, purpose: 'pick_beneficiaries' },
      },
      this.dataSource.manager,
    );
    return members.map((m) => ({ ...m, documentNumber: formatDocument(m.documentType, m.documentNumber) }));
  }

  /** Counts by category and owner's sex of every beneficiary, hidden ones included (counts are not personal data). */
  async counts(
    programId: string,
  ): Promise<{ total: number; byCategory: Record<string, number>; byOwnerSex: Record<string, number> }> {
    const rows: { category: string; sex: string; n: number }[] = await this.dataSource.query(
      `SELECT business_category AS category, owner_sex AS sex, count(*)::int AS n FROM program_beneficiary
        WHERE program_id = $1 GROUP BY business_category, owner_sex`,
      [programId],
    );
    const byCategory: Record<string, number> = {};
    const byOwnerSex: Record<string, number> = { female: 0, male: 0, other: 0, undisclosed: 0 };
    let total = 0;
    for (const r of rows) {
      byCategory[r.category] = (byCategory[r.category] ?? 0) + r.n;
      byOwnerSex[r.sex] = (byOwnerSex[r.sex] ?? 0) + r.n;
      total += r.n;
    }
    return { total, byCategory, byOwnerSex };
  }

  /** Beneficiary ids of the program that may be shown now (for activities' invitee lists). */
  async visibleIds(programId: string): Promise<Set<string>> {
    const sharing = await this.consent.sharingAssociations(programId);
    const rows = await this.rows(programId, {});
    return new Set(
      rows.filter((b) => b.source !== 'roster' || (b.associationId && sharing.has(b.associationId))).map((b) => b.id),
    );
  }

  /**
   * The businesses a person holds as a beneficiary, in every program (the market weeks: an entrepreneur who has an
   * account applies for their own business, issue 19).
   */
  async ofPerson(personId: string): Promise<{ id: string; programId: string; businessName: string }[]> {
    return this.dataSource.query(
      `SELECT id, program_id AS "programId", business_name AS "businessName" FROM program_beneficiary
        WHERE person_id = $1 ORDER BY business_name, id`,
      [personId],
    );
  }

  async rows(programId: string, filter: BeneficiaryQueryDto & { id?: string }): Promise<BeneficiaryView[]> {
    const where = ['b.program_id = $1'];
    const params: unknown[] = [programId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.id) where.push(`b.id = ${p(filter.id)}`);
    if (filter.associationId) where.push(`b.association_id = ${p(filter.associationId)}`);
    if (filter.category) where.push(`b.business_category = ${p(filter.category)}`);
    if (filter.ownerSex) where.push(`b.owner_sex = ${p(filter.ownerSex)}`);
    if (filter.q)
      where.push(
        `(pe.name_key LIKE ${p(`%${foldForSearch(filter.q)}%`)} OR lower(b.business_name) LIKE ${p(`%${filter.q.toLowerCase()}%`)})`,
      );
    const rows: (Omit<BeneficiaryView, 'rut' | 'dni'> & { documentNumber: string })[] = await this.dataSource.query(
      `SELECT b.id, b.person_id AS "personId", pe.full_name AS "fullName", to_char(pe.birth_date, 'YYYY-MM-DD') AS "birthDate",
              pe.document_type AS "documentType",
              pe.document_number AS "documentNumber", b.business_name AS "businessName", b.business_category AS "businessCategory",
              b.owner_sex AS "ownerSex", b.address, b.commune_code AS "communeCode", b.association_id AS "associationId",
              a.name AS "associationName", b.membership_id AS "memberId", b.source, to_char(b.enrolled_on, 'YYYY-MM-DD') AS "enrolledOn"
         FROM program_beneficiary b JOIN person pe ON pe.id = b.person_id LEFT JOIN association a ON a.id = b.association_id
        WHERE ${where.join(' AND ')}
        ORDER BY pe.name_key, b.id`,
      params,
    );
    return rows.map(({ documentNumber, ...r }) => ({
      ...r,
      [r.documentType === 'dni' ? 'dni' : 'rut']: documentNumber,
      documentMasked: maskDocument(r.documentType, documentNumber),
    }));
  }
}
