import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AssociationAccess } from '../associations/association-access';
import { AuditContext, AuditService } from '../audit/audit.service';
import { type Actor, hasRole, isAdmin } from '../common/access/actor';
import { Clock } from '../common/clock';
import { ConsentRegistry } from '../people/consent-registry.service';
import type { ProgramConsentDto } from './dto/programs.dto';
import { ProgramException } from './programs.exception';
import { programTexts } from './programs.messages';
import { ProgramsService } from './programs.service';

/** DOM-PRG-3: the text an association's officer reads and agrees to when sharing its roster with a program. */
export const ROSTER_CONSENT = {
  version: 'programa-registro-2026-12',
  text:
    'Autorizo, en representación de la organización, que el programa {program} de {agency} vea el registro de socios ' +
    '(nombre, RUT o DNI, fecha de nacimiento, dirección, negocio y rubro) para inscribir a sus socios como beneficiarios ' +
    'y darles seguimiento, conforme a la Ley 21.719. La autorización se puede retirar en cualquier momento desde esta ' +
    'página; al retirarla, el programa deja de ver los datos de los socios y conserva solo cifras agregadas y las ' +
    'personas que se inscribieron con su propio consentimiento.',
};

/** An association's consent to a program, as its page shows it. */
export interface ProgramConsentState {
  programId: string;
  programName: string;
  agencyName: string | null;
  enrolledOn: string;
  text: string;
  textVersion: string;
  consent: { grantedAt: Date; grantedByName: string; textVersion: string } | null;
}

/**
 * DOM-PRG-3, Ley 21.719: an association's officer shares its roster with a program it is enrolled in, reading the
 * exact text; withdrawal is one click and takes effect at once. The consent itself lives in the people registry.
 */
@Injectable()
export class ProgramConsentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly associations: AssociationAccess,
    private readonly consents: ConsentRegistry,
    private readonly programs: ProgramsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The programs an association is enrolled in, with the consent text and whether it is shared. */
  async consentsOf(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{ canShare: boolean; programs: ProgramConsentState[] }> {
    await this.associations.load(actor, associationId, 'read', context);
    const canShare = this.isOfficer(actor, associationId);
    const rows: { programId: string; programName: string; agencyName: string | null; enrolledOn: string }[] =
      await this.dataSource.query(
        `SELECT p.id AS "programId", p.name AS "programName", i.name AS "agencyName", to_char(pa.enrolled_on, 'YYYY-MM-DD') AS "enrolledOn"
           FROM program_association pa JOIN program p ON p.id = pa.program_id JOIN institution i ON i.id = p.agency_institution_id
          WHERE pa.association_id = $1 ORDER BY p.year DESC, p.name`,
        [associationId],
      );
    const programs: ProgramConsentState[] = [];
    for (const r of rows) {
      const consent = await this.consents.active({ associationId }, { type: 'program', id: r.programId });
      programs.push({
        ...r,
        text: consentText(r.programName, r.agencyName),
        textVersion: ROSTER_CONSENT.version,
        consent: consent
          ? { grantedAt: consent.grantedAt, grantedByName: consent.grantedByName, textVersion: consent.textVersion }
          : null,
      });
    }
    return { canShare, programs };
  }

  /** An officer of the association shares its roster with a program it is enrolled in (who, when, which text). */
  async share(actor: Actor, associationId: string, dto: ProgramConsentDto, context: AuditContext) {
    await this.associations.load(actor, associationId, 'read', context);
    if (!this.isOfficer(actor, associationId)) throw ProgramException.forbidden(programTexts.consentAsOfficer());
    if (dto.textVersion !== ROSTER_CONSENT.version)
      throw ProgramException.field(
        'textVersion',
        programTexts.consentTextOutdated({ version: ROSTER_CONSENT.version }),
      );
    await this.programs.assertEnrolled(dto.programId, associationId);
    return this.dataSource.transaction(async (em) => {
      const { consent, created } = await this.consents.grant(
        { associationId },
        { type: 'program', id: dto.programId },
        dto.textVersion,
        { id: actor.id, name: actor.name },
        this.clock.now(),
        em,
      );
      if (created)
        await this.recordOnRoster(context, associationId, 'program.roster_shared', em, {
          programId: dto.programId,
          textVersion: dto.textVersion,
        });
      return {
        grantedAt: consent.grantedAt,
        grantedBy: consent.grantedBy,
        grantedByName: consent.grantedByName,
        textVersion: consent.textVersion,
      };
    });
  }

  /** Withdrawal takes effect at once: the program stops seeing the members' data (DOM-PRG-3). */
  async withdraw(actor: Actor, associationId: string, programId: string, context: AuditContext) {
    await this.associations.load(actor, associationId, 'read', context);
    if (!this.isOfficer(actor, associationId)) throw ProgramException.forbidden(programTexts.consentAsOfficer());
    await this.programs.assertEnrolled(programId, associationId);
    return this.dataSource.transaction(async (em) => {
      const withdrawn = await this.consents.withdraw(
        { associationId },
        { type: 'program', id: programId },
        actor,
        this.clock.now(),
        em,
      );
      if (withdrawn) await this.recordOnRoster(context, associationId, 'program.roster_withdrawn', em, { programId });
      return { withdrawn: !!withdrawn, withdrawnAt: withdrawn?.withdrawnAt ?? null };
    });
  }

  /** A change of the roster's sharing, in the association's own audit log. */
  private recordOnRoster(
    context: AuditContext,
    associationId: string,
    action: string,
    em: EntityManager,
    details: Record<string, unknown>,
  ): Promise<void> {
    const on = { objectType: 'association', objectId: associationId, scopeType: 'association', scopeId: associationId };
    return this.audit.record(context, { action, ...on, details }, em);
  }

  /** Whether the association's roster is shared with the program now. */
  async rosterShared(programId: string, associationId: string, em?: EntityManager): Promise<boolean> {
    return !!(await this.consents.active({ associationId }, { type: 'program', id: programId }, em));
  }

  /** The associations that share their roster with the program now. */
  async sharingAssociations(programId: string, em?: EntityManager): Promise<Set<string>> {
    const rows: { id: string }[] = await (em ?? this.dataSource.manager).query(
      `SELECT association_id AS id FROM consent
        WHERE recipient_type = 'program' AND recipient_id = $1 AND association_id IS NOT NULL AND withdrawn_at IS NULL`,
      [programId],
    );
    return new Set(rows.map((r) => r.id));
  }

  private isOfficer(actor: Actor, associationId: string): boolean {
    return isAdmin(actor) || hasRole(actor, 'association_officer', associationId);
  }
}

export function consentText(programName: string, agencyName: string | null): string {
  return ROSTER_CONSENT.text
    .replace('{program}', `«${programName}»`)
    .replace('{agency}', agencyName ?? 'la institución');
}
