import { PersonRegistry } from '../people/person-registry.service';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { type FieldError, ValidationFailedException } from '../common/errors/domain.exception';
import { parseCalendarDate } from '../common/format/dates';
import { documentProblem, parsePersonDocument, PersonDocumentType } from '../common/format/identity';
import { foldForSearch, personNameProblem } from '../common/text';
import type { MunicipalityContext } from '../territory/territory.service';
import { AssociationAccess, AssociationRights } from './association-access';
import { checkMemberAge, foundersMinimum } from './association-rules';
import { AssociationException, RosterImportException } from './associations.exception';
import { AssociationsRepository, RosterMemberRow } from './associations.repository';
import { AssociationsService } from './associations.service';
import { MemberEventView, memberEventView, MemberView, memberView } from './associations.view-model';
import type { Association } from './entities/association.entity';
import type { Membership } from './entities/membership.entity';
import type { MembershipEvent } from './entities/membership-event.entity';
import type { Person } from '../people/entities/person.entity';
import {
  MAX_ROSTER_ROWS,
  parseRosterCsv,
  ParsedRoster,
  RosterFileError,
  RosterRow,
  RosterRowContext,
  validateRosterTable,
} from './roster-file';

export interface NewMember {
  rut?: string;
  dni?: string;
  fullName: string;
  birthDate: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  businessName?: string | null;
  businessCategory?: string | null;
  joinedOn: string;
  guardianConsent?: boolean;
  guardianName?: string | null;
}

export interface MemberChanges {
  version?: number;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  businessName?: string | null;
  businessCategory?: string | null;
  guardianConsent?: boolean;
  guardianName?: string | null;
  /** Identity fields: only a municipal officer corrects them (DOM-ORG-15). */
  fullName?: string;
  birthDate?: string;
}

export interface ImportPreviewRow {
  line: number;
  fullName: string;
  document: string;
  businessName: string;
  joinedOn: string;
  errors: string[];
}

export interface ImportPreview {
  importId: string;
  filename: string;
  total: number;
  /** Former members (status ended) of an exported roster: not imported. */
  skipped: number;
  valid: number;
  rows: ImportPreviewRow[];
  fileErrors: RosterFileError[];
}

const blank = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
const IMPORT_KEEP_MS = 24 * 3_600_000;

/** The names of a member's input against the one rule of names (src/common/text.ts), as field errors. */
function nameProblems(input: { fullName?: string | null; guardianName?: string | null }): FieldError[] {
  const out: FieldError[] = [];
  for (const [field, label] of [
    ['fullName', 'nombre completo'],
    ['guardianName', 'nombre del apoderado'],
  ] as const) {
    const value = input[field];
    const message = typeof value === 'string' ? personNameProblem(field, value, label) : null;
    if (message) out.push({ field, message });
  }
  return out;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An XLSX cell as the text a CSV would have had (dates as yyyy-mm-dd). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return `=${(value as { formula?: string }).formula ?? ''}`;
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

/**
 * The registro de socios: members added, edited, suspended and ended with their history; a person is one
 * record across associations (DOM-ORG-15); imports are all or nothing; exports stream.
 */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AssociationsRepository,
    private readonly persons: PersonRegistry,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    actor: Actor,
    associationId: string,
    query: { status?: string; q?: string; page?: number; pageSize?: number },
    context: AuditContext = {},
  ): Promise<{ items: MemberView[]; total: number; rights: AssociationRights; association: Association }> {
    const { association, rights } = await this.access.load(actor, associationId, 'readRoster', context);
    const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    const { items, total } = await this.repo.rosterPage(
      association.id,
      { status: query.status, q: query.q },
      { offset: (page - 1) * pageSize, limit: pageSize },
    );
    return { items: items.map((r) => memberView(r, rights.seeIdentity)), total, rights, association };
  }

  async get(
    actor: Actor,
    associationId: string,
    memberId: string,
    context: AuditContext = {},
  ): Promise<{ member: MemberView; history: MemberEventView[]; rights: AssociationRights; association: Association }> {
    const { association, rights } = await this.access.load(actor, associationId, 'readRoster', context);
    const row = UUID.test(memberId) ? await this.repo.rosterMember(association.id, memberId) : null;
    if (!row) throw AssociationException.notFound();
    const history = (await this.repo.events(row.id)).map(memberEventView);
    return { member: memberView(row, rights.seeIdentity), history, rights, association };
  }

  /** The association if the actor may edit its roster (403/404 otherwise), for pages that show a roster form. */
  async editable(actor: Actor, associationId: string, context: AuditContext = {}): Promise<Association> {
    return (await this.access.load(actor, associationId, 'editRoster', context)).association;
  }

  /** Adds a member (API.md POST members): DOM-RUT-1/2, DOM-ORG-4, -12, -15, DOM-DATA-3. */
  async add(actor: Actor, associationId: string, input: NewMember, context: AuditContext): Promise<MemberView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    this.assertOpen(association);
    const municipality = await this.associations.municipality(association.communeCode);
    const documentType = municipality.settings.identity.person;
    const today = this.associations.today(municipality);
    const errors: { field: string; message: string }[] = [];
    const raw = documentType === 'rut' ? input.rut : input.dni;
    const other = documentType === 'rut' ? input.dni : input.rut;
    let document = '';
    if (blank(other))
      errors.push({
        field: documentType === 'rut' ? 'dni' : 'rut',
        message: `Esta organización identifica a sus socios con ${documentType.toUpperCase()}: use el campo ${documentType}.`,
      });
    if (!blank(raw)) errors.push({ field: documentType, message: `El campo ${documentType} es obligatorio.` });
    else {
      const parsed = parsePersonDocument(documentType, raw as string);
      if (parsed.ok) document = parsed.value;
      else errors.push({ field: documentType, message: documentProblem(documentType, documentType, parsed.reason) });
    }
    const fullName = (input.fullName ?? '').trim().replace(/\s+/g, ' ');
    if (!fullName) errors.push({ field: 'fullName', message: 'El campo fullName (nombre completo) es obligatorio.' });
    errors.push(...nameProblems({ fullName, guardianName: input.guardianName }));
    const birthDate = parseCalendarDate(input.birthDate ?? '');
    if (!birthDate)
      errors.push({
        field: 'birthDate',
        message: 'El campo birthDate (fecha de nacimiento) debe ser una fecha válida.',
      });
    const joinedOn = parseCalendarDate(input.joinedOn ?? '');
    if (!joinedOn)
      errors.push({ field: 'joinedOn', message: 'El campo joinedOn (fecha de ingreso) debe ser una fecha válida.' });
    else if (joinedOn > today)
      errors.push({ field: 'joinedOn', message: 'El campo joinedOn no puede ser una fecha futura.' });
    if (birthDate && joinedOn && birthDate >= joinedOn)
      errors.push({ field: 'birthDate', message: 'La fecha de nacimiento debe ser anterior a la fecha de ingreso.' });
    if (errors.length) throw AssociationException.invalid(errors);
    // DOM-ORG-4: the minimum age of the kind on the joining date; DOM-DATA-3: under 16 with a guardian's consent.
    const age = checkMemberAge(association.kind, birthDate as string, joinedOn as string, municipality.settings);
    if (!age.ok)
      throw AssociationException.rule(
        'MEMBER_TOO_YOUNG',
        `La persona tenía ${age.age} años al ingresar; el mínimo para esta organización es ${age.minimum} años.`,
        'birthDate',
      );
    const guardianName = blank(input.guardianName);
    if (age.needsGuardianConsent && (!input.guardianConsent || !guardianName)) {
      throw AssociationException.rule(
        'GUARDIAN_CONSENT_REQUIRED',
        `La persona tiene menos de ${municipality.settings.guardianConsentUnder} años: registre el consentimiento de su apoderado (marque la casilla y escriba su nombre).`,
        'guardianConsent',
      );
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockAssociation(association.id, em);
      let person = await this.persons.findByDocument(documentType, document, em);
      if (person) {
        this.assertSameIdentity(person, fullName, birthDate as string, documentType);
        if (await this.repo.currentMembership(association.id, person.id, em)) throw this.alreadyMember(documentType);
        if (
          association.kind === 'neighbourhood_council' &&
          (await this.repo.inAnotherNeighbourhoodCouncil(person.id, association.id, em))
        )
          throw this.otherCouncil();
        // Joining does not overwrite what the person's other associations keep: it only fills missing contacts.
        // Later edits from this roster may change them (DOM-ORG-15), once the person is a member here.
        const existing = person;
        const contacts = Object.fromEntries(
          Object.entries(this.contactChanges(existing, input)).filter(
            ([k]) => !existing[k as 'email' | 'phone' | 'address'],
          ),
        );
        if (Object.keys(contacts).length) await this.persons.update(person.id, contacts, em);
      } else {
        person = await this.persons.insert(
          {
            documentType,
            documentNumber: document,
            fullName,
            nameKey: foldForSearch(fullName),
            birthDate,
            email: blank(input.email)?.toLowerCase() ?? null,
            phone: blank(input.phone),
            address: blank(input.address),
          },
          em,
        );
      }
      const membership = await this.repo
        .insertMembership(
          {
            associationId: association.id,
            personId: person.id,
            neighbourhoodCouncil: association.kind === 'neighbourhood_council',
            status: 'active',
            joinedOn: joinedOn as string,
            businessName: blank(input.businessName),
            businessCategory: blank(input.businessCategory),
            guardianName: age.needsGuardianConsent ? guardianName : null,
            guardianConsentAt: age.needsGuardianConsent ? now : null,
            guardianConsentBy: age.needsGuardianConsent ? actor.id : null,
          },
          em,
        )
        .catch((err: unknown) => this.uniqueViolation(err, documentType));
      await this.repo.insertEvents(
        [
          {
            membershipId: membership.id,
            action: 'joined',
            effectiveOn: joinedOn as string,
            at: now,
            byUserId: actor.id,
            byName: actor.name,
            reason: age.needsGuardianConsent ? 'Ingreso con consentimiento del apoderado.' : null,
          },
        ],
        em,
      );
      await this.refreshMinimum(association, municipality, today, em);
      await this.audit.record(
        context,
        {
          action: 'member.added',
          objectType: 'membership',
          objectId: membership.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { personId: person.id, [documentType]: document },
        },
        em,
      );
      return memberView(
        (await this.repo.rosterMember(association.id, membership.id, em)) as RosterMemberRow,
        rights.seeIdentity,
      );
    });
  }

  /** Contact and business fields (any roster officer); identity fields only by a municipal officer (DOM-ORG-15). */
  async update(
    actor: Actor,
    associationId: string,
    memberId: string,
    changes: MemberChanges,
    context: AuditContext,
  ): Promise<MemberView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    const membership = await this.membershipOrNotFound(association.id, memberId);
    if ((changes.fullName !== undefined || changes.birthDate !== undefined) && !rights.municipal) {
      throw AssociationException.forbidden(
        'El nombre y la fecha de nacimiento los corrige la municipalidad (DOM-ORG-15): pida la corrección desde la ficha del socio en el portal («Pedir la corrección a la municipalidad»), que escribe a los funcionarios municipales de la comuna.',
      );
    }
    if (changes.version !== undefined && changes.version !== membership.version) throw this.versionConflict();
    // A former member's record is shared with their other associations: this roster no longer edits it.
    if (membership.status === 'ended')
      throw AssociationException.rule(
        'MEMBERSHIP_ENDED',
        'La membresía terminó: los datos de la persona ya no se editan desde este registro de socios.',
      );
    const person = (await this.persons.findById(membership.personId)) as Person;
    if (person.erasedAt)
      throw AssociationException.rule(
        'PERSON_ERASED',
        'Los datos de esta persona fueron eliminados a su solicitud y no se pueden editar.',
      );
    const municipality = await this.associations.municipality(association.communeCode);
    const errors: { field: string; message: string }[] = [];
    const personChanges: Partial<Person> = this.contactChanges(person, changes, true);
    if (changes.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email.trim()))
      errors.push({ field: 'email', message: 'El campo email debe ser un correo electrónico válido.' });
    errors.push(...nameProblems(changes));
    if (changes.fullName !== undefined) {
      const fullName = changes.fullName.trim().replace(/\s+/g, ' ');
      if (!fullName) errors.push({ field: 'fullName', message: 'El campo fullName (nombre completo) es obligatorio.' });
      else if (fullName !== person.fullName)
        Object.assign(personChanges, { fullName, nameKey: foldForSearch(fullName) });
    }
    if (changes.birthDate !== undefined) {
      const birthDate = parseCalendarDate(changes.birthDate);
      if (!birthDate)
        errors.push({
          field: 'birthDate',
          message: 'El campo birthDate (fecha de nacimiento) debe ser una fecha válida.',
        });
      else if (birthDate !== person.birthDate) personChanges.birthDate = birthDate;
    }
    if (errors.length) throw AssociationException.invalid(errors);
    const membershipChanges: Partial<Membership> = {};
    if (changes.businessName !== undefined && blank(changes.businessName) !== membership.businessName)
      membershipChanges.businessName = blank(changes.businessName);
    if (changes.businessCategory !== undefined && blank(changes.businessCategory) !== membership.businessCategory)
      membershipChanges.businessCategory = blank(changes.businessCategory);
    const birthDate = personChanges.birthDate ?? person.birthDate;
    if (birthDate) {
      const age = checkMemberAge(association.kind, birthDate, membership.joinedOn, municipality.settings);
      if (!age.ok)
        throw AssociationException.rule(
          'MEMBER_TOO_YOUNG',
          `Con esa fecha de nacimiento la persona tenía ${age.age} años al ingresar; el mínimo para esta organización es ${age.minimum} años.`,
          'birthDate',
        );
      if (age.needsGuardianConsent && changes.guardianConsent !== undefined) {
        const guardianName = blank(changes.guardianName);
        if (!changes.guardianConsent || !guardianName)
          throw AssociationException.rule(
            'GUARDIAN_CONSENT_REQUIRED',
            `La persona tenía menos de ${municipality.settings.guardianConsentUnder} años al ingresar: el consentimiento de su apoderado es obligatorio.`,
            'guardianConsent',
          );
        if (guardianName !== membership.guardianName)
          Object.assign(membershipChanges, {
            guardianName,
            guardianConsentAt: this.clock.now(),
            guardianConsentBy: actor.id,
          });
      }
    }
    const fields = [
      ...Object.keys(personChanges).filter((k) => k !== 'nameKey'),
      ...Object.keys(membershipChanges).filter((k) => !k.startsWith('guardianConsent')),
    ];
    if (!fields.length)
      return memberView(
        (await this.repo.rosterMember(association.id, membership.id)) as RosterMemberRow,
        rights.seeIdentity,
      );
    const identity = fields.some((f) => f === 'fullName' || f === 'birthDate');
    return this.dataSource.transaction(async (em) => {
      if (!(await this.repo.updateMembership(membership.id, membership.version, membershipChanges, em)))
        throw this.versionConflict();
      if (Object.keys(personChanges).length) await this.persons.update(person.id, personChanges, em);
      await this.repo.insertEvents(
        [
          {
            membershipId: membership.id,
            action: identity ? 'person_corrected' : 'updated',
            effectiveOn: this.associations.today(municipality),
            at: this.clock.now(),
            byUserId: actor.id,
            byName: actor.name,
            fields,
            reason: null,
          },
        ],
        em,
      );
      await this.audit.record(
        context,
        {
          action: identity ? 'person.corrected' : 'member.updated',
          objectType: 'membership',
          objectId: membership.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { personId: person.id, fields },
        },
        em,
      );
      return memberView(
        (await this.repo.rosterMember(association.id, membership.id, em)) as RosterMemberRow,
        rights.seeIdentity,
      );
    });
  }

  /** Suspends an active membership (the member stops counting for quorum and minimums), with a reason. */
  suspend(
    actor: Actor,
    associationId: string,
    memberId: string,
    input: { reason: string; on?: string },
    context: AuditContext,
  ): Promise<MemberView> {
    return this.transition(actor, associationId, memberId, 'suspended', input.on, input.reason, context);
  }

  reactivate(
    actor: Actor,
    associationId: string,
    memberId: string,
    input: { reason?: string; on?: string },
    context: AuditContext,
  ): Promise<MemberView> {
    return this.transition(actor, associationId, memberId, 'reactivated', input.on, input.reason ?? null, context);
  }

  /** Ends a membership on `leftOn` (API.md): the row stays as history. */
  end(
    actor: Actor,
    associationId: string,
    memberId: string,
    input: { leftOn: string; reason: string },
    context: AuditContext,
  ): Promise<MemberView> {
    return this.transition(actor, associationId, memberId, 'ended', input.leftOn, input.reason, context);
  }

  private async transition(
    actor: Actor,
    associationId: string,
    memberId: string,
    action: 'suspended' | 'reactivated' | 'ended',
    on: string | undefined,
    reason: string | null,
    context: AuditContext,
  ): Promise<MemberView> {
    const { association, rights } = await this.access.load(actor, associationId, 'editRoster', context);
    const membership = await this.membershipOrNotFound(association.id, memberId);
    const municipality = await this.associations.municipality(association.communeCode);
    const today = this.associations.today(municipality);
    const field = action === 'ended' ? 'leftOn' : 'on';
    const date = on === undefined || on === '' ? (action === 'ended' ? null : today) : parseCalendarDate(on);
    const errors: { field: string; message: string }[] = [];
    const label = action === 'ended' ? 'La fecha de retiro (leftOn)' : 'La fecha (on)';
    if (!date) errors.push({ field, message: `${label} es obligatoria y debe ser una fecha válida.` });
    else if (date < membership.joinedOn)
      errors.push({
        field,
        message: `${label} no puede ser anterior a la fecha de ingreso (${membership.joinedOn.split('-').reverse().join('-')}).`,
      });
    else if (date > today) errors.push({ field, message: `${label} no puede ser una fecha futura.` });
    if ((action === 'ended' || action === 'suspended') && !blank(reason))
      errors.push({ field: 'reason', message: 'El motivo (reason) es obligatorio.' });
    if (errors.length || !date) throw AssociationException.invalid(errors);
    const allowed = { suspended: ['active'], reactivated: ['suspended'], ended: ['active', 'suspended'] }[action];
    if (!allowed.includes(membership.status)) {
      const words = { active: 'está activa', suspended: 'está suspendida', ended: 'ya terminó' }[membership.status];
      throw AssociationException.rule(
        'MEMBERSHIP_STATUS',
        `La membresía ${words}: no se puede ${action === 'ended' ? 'terminar' : action === 'suspended' ? 'suspender' : 'reactivar'}.`,
      );
    }
    const status = action === 'reactivated' ? 'active' : action;
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockAssociation(association.id, em);
      if (
        action === 'reactivated' &&
        association.kind === 'neighbourhood_council' &&
        (await this.repo.inAnotherNeighbourhoodCouncil(membership.personId, association.id, em))
      )
        throw this.otherCouncil();
      const changes: Partial<Membership> = {
        status,
        ...(action === 'ended' ? { leftOn: date, endReason: blank(reason) } : {}),
      };
      if (!(await this.repo.updateMembership(membership.id, membership.version, changes, em)))
        throw this.versionConflict();
      await this.repo.insertEvents(
        [
          {
            membershipId: membership.id,
            action,
            effectiveOn: date,
            at: this.clock.now(),
            byUserId: actor.id,
            byName: actor.name,
            reason: blank(reason),
          },
        ],
        em,
      );
      await this.refreshMinimum(association, municipality, date, em);
      await this.audit.record(
        context,
        {
          action: `member.${action}`,
          objectType: 'membership',
          objectId: membership.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { on: date },
        },
        em,
      );
      return memberView(
        (await this.repo.rosterMember(association.id, membership.id, em)) as RosterMemberRow,
        rights.seeIdentity,
      );
    });
  }

  // ---- import -------------------------------------------------------------------------------------

  private async parseFile(
    association: Association,
    municipality: MunicipalityContext,
    content: Buffer,
    format: 'csv' | 'xlsx',
  ): Promise<ParsedRoster> {
    const ctx: RosterRowContext = {
      documentType: municipality.settings.identity.person,
      kind: association.kind,
      settings: municipality.settings,
      today: this.associations.today(municipality),
    };
    if (format === 'csv') return parseRosterCsv(content, ctx);
    // Read as a stream, stopping past the row limit: a workbook is never held whole in memory (a 6 MB file
    // of 200,000 rows would take about 1 GB loaded at once).
    const table: { line: number; cells: string[] }[] = [];
    let sheets = 0;
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(content), {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'ignore',
      });
      for await (const sheet of reader) {
        sheets++;
        for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
          const cells = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellText); // empty cells are holes: Array.from fills them
          while (cells.length && cells[cells.length - 1] === '') cells.pop();
          if (cells.length) table.push({ line: row.number, cells });
          if (table.length > MAX_ROSTER_ROWS + 1) break;
        }
        break; // the first sheet is the roster
      }
    } catch {
      return {
        rows: [],
        total: 0,
        errors: [{ line: 1, field: null, message: 'El archivo no es una planilla XLSX válida.' }],
      };
    }
    if (!sheets)
      return { rows: [], total: 0, errors: [{ line: 1, field: null, message: 'La planilla no tiene hojas.' }] };
    // Trailing empty cells are not columns; short rows are padded to the header's width.
    const width = table[0]?.cells.length ?? 0;
    for (const r of table) while (r.cells.length < width) r.cells.push('');
    return validateRosterTable(table, ctx);
  }

  /** Checks against the stored roster (already a member here, another JJVV, a RUT under another name). */
  private async crossCheck(
    association: Association,
    documentType: PersonDocumentType,
    rows: RosterRow[],
    em: EntityManager,
  ): Promise<{ errors: RosterFileError[]; people: Map<string, Person> }> {
    const people = new Map(
      (
        await this.persons.findByDocuments(
          documentType,
          rows.map((r) => r.document),
          em,
        )
      ).map((p) => [p.documentNumber as string, p]),
    );
    const { here, otherCouncil } = await this.repo.rosterConflicts(
      association.id,
      [...people.values()].map((p) => p.id),
      em,
    );
    const errors: RosterFileError[] = [];
    const label = documentType.toUpperCase();
    for (const row of rows) {
      const person = people.get(row.document);
      if (!person) continue;
      if (here.has(person.id))
        errors.push({
          line: row.line,
          field: documentType,
          message: `La persona con ese ${label} ya es socia de esta organización.`,
        });
      else if (association.kind === 'neighbourhood_council' && otherCouncil.has(person.id))
        errors.push({
          line: row.line,
          field: documentType,
          message:
            'La persona ya pertenece a otra junta de vecinos (DOM-ORG-12): debe retirarse de ella antes de ingresar a esta.',
        });
      else if (
        foldForSearch(person.fullName) !== foldForSearch(row.fullName) ||
        (person.birthDate && person.birthDate !== row.birthDate)
      ) {
        errors.push({
          line: row.line,
          field: documentType,
          message: `El ${label} ya está registrado con otro nombre o fecha de nacimiento: revise el número o pida a la municipalidad corregir los datos.`,
        });
      }
    }
    return { errors, people };
  }

  /** API import: all or nothing (API.md); any bad row refuses the whole file with every error and its line. */
  async importFile(
    actor: Actor,
    associationId: string,
    content: unknown,
    format: 'csv' | 'xlsx',
    context: AuditContext,
    filename = 'socios.csv',
    keptImportId?: string,
  ): Promise<{ imported: number; skipped?: number }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    if (!Buffer.isBuffer(content))
      throw new ValidationFailedException([
        { field: 'body', message: 'Envíe el archivo CSV como cuerpo de la solicitud, con Content-Type: text/csv.' },
      ]);
    this.assertOpen(association);
    const municipality = await this.associations.municipality(association.communeCode);
    const parsed = await this.parseFile(association, municipality, content, format);
    if (parsed.errors.length) {
      // Every problem at once: the well-formed rows are checked against the roster as well.
      const cross = parsed.rows.length
        ? (
            await this.crossCheck(
              association,
              municipality.settings.identity.person,
              parsed.rows,
              this.dataSource.manager,
            )
          ).errors
        : [];
      throw new RosterImportException([...parsed.errors, ...cross].sort((a, b) => a.line - b.line));
    }
    const documentType = municipality.settings.identity.person;
    const now = this.clock.now();
    const today = this.associations.today(municipality);
    return this.dataSource.transaction(async (em) => {
      await this.repo.lockAssociation(association.id, em);
      const { errors, people } = await this.crossCheck(association, documentType, parsed.rows, em);
      if (errors.length) throw new RosterImportException(errors.sort((a, b) => a.line - b.line));
      const fresh = parsed.rows.filter((r) => !people.has(r.document));
      const newIds = await this.persons.insertMany(
        fresh.map((r) => ({
          documentType,
          documentNumber: r.document,
          fullName: r.fullName,
          nameKey: foldForSearch(r.fullName),
          birthDate: r.birthDate,
          email: r.email,
          phone: r.phone,
          address: r.address,
        })),
        em,
      );
      // Known people: an import fills contact fields they lack, never overwrites them (the form does).
      for (const row of parsed.rows) {
        const person = people.get(row.document);
        if (!person) continue;
        const fill: Partial<Person> = {};
        if (!person.email && row.email) fill.email = row.email;
        if (!person.phone && row.phone) fill.phone = row.phone;
        if (!person.address && row.address) fill.address = row.address;
        if (!person.birthDate) fill.birthDate = row.birthDate;
        if (Object.keys(fill).length) await this.persons.update(person.id, fill, em);
      }
      const membershipIds = await this.repo
        .insertMemberships(
          parsed.rows.map((r) => ({
            associationId: association.id,
            personId: people.get(r.document)?.id ?? (newIds.get(r.document) as string),
            neighbourhoodCouncil: association.kind === 'neighbourhood_council',
            status: 'active' as const,
            joinedOn: r.joinedOn,
            businessName: r.businessName,
            businessCategory: r.businessCategory,
          })),
          em,
        )
        .catch((err: unknown) => this.uniqueViolation(err, documentType));
      const events: Partial<MembershipEvent>[] = membershipIds.map((id, i) => ({
        membershipId: id,
        action: 'imported',
        effectiveOn: parsed.rows[i].joinedOn,
        at: now,
        byUserId: actor.id,
        byName: actor.name,
        reason: `Importado desde ${filename.slice(0, 150)}, línea ${parsed.rows[i].line}.`,
      }));
      await this.repo.insertEvents(events, em);
      await this.refreshMinimum(association, municipality, today, em);
      // A kept file (HTML preview) is marked in the same transaction: a second confirmation imports nothing.
      if (keptImportId && !(await this.repo.markImported(keptImportId, now, em)))
        throw AssociationException.conflict('IMPORT_ALREADY_DONE', 'Este archivo ya se importó.');
      await this.audit.record(
        context,
        {
          action: 'roster.imported',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'association',
          scopeId: association.id,
          details: { imported: membershipIds.length, format, filename: filename.slice(0, 150) },
        },
        em,
      );
      return { imported: membershipIds.length, ...(parsed.skipped ? { skipped: parsed.skipped } : {}) };
    });
  }

  /** HTML import, step 1: keeps the file and shows every row with its errors; nothing is imported yet. */
  async preview(
    actor: Actor,
    associationId: string,
    file: { content: Buffer; filename: string },
    context: AuditContext,
  ): Promise<ImportPreview> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    this.assertOpen(association);
    const format: 'csv' | 'xlsx' = file.content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
      ? 'xlsx'
      : 'csv';
    const saved = await this.repo.saveImport(
      {
        associationId: association.id,
        userId: actor.id,
        filename: file.filename.slice(0, 200) || 'socios',
        format,
        content: file.content,
      },
      new Date(this.clock.now().getTime() - IMPORT_KEEP_MS),
    );
    return this.previewOf(association, saved.id, saved.filename, file.content, format);
  }

  /** The preview of a kept file (to show it again). */
  async showPreview(
    actor: Actor,
    associationId: string,
    importId: string,
    context: AuditContext,
  ): Promise<ImportPreview> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    const saved = UUID.test(importId) ? await this.repo.findImport(importId, association.id) : null;
    if (!saved || saved.userId !== actor.id || saved.importedAt) throw AssociationException.notFound();
    return this.previewOf(association, saved.id, saved.filename, saved.content, saved.format);
  }

  private async previewOf(
    association: Association,
    importId: string,
    filename: string,
    content: Buffer,
    format: 'csv' | 'xlsx',
  ): Promise<ImportPreview> {
    const municipality = await this.associations.municipality(association.communeCode);
    const parsed = await this.parseFile(association, municipality, content, format);
    const documentType = municipality.settings.identity.person;
    // Rows that read well are checked against the roster too, so one upload shows every problem.
    const cross = !parsed.rows.length
      ? { errors: [] }
      : await this.crossCheck(association, documentType, parsed.rows, this.dataSource.manager);
    const all = [...parsed.errors, ...cross.errors];
    const byLine = new Map<number, string[]>();
    for (const e of all) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.message]);
    const validLines = new Set(parsed.rows.map((r) => r.line));
    const rows: ImportPreviewRow[] = parsed.rows.map((r) => ({
      line: r.line,
      fullName: r.fullName,
      document: r.document,
      businessName: r.businessName ?? '',
      joinedOn: r.joinedOn,
      errors: byLine.get(r.line) ?? [],
    }));
    // Lines that did not become rows (bad cells) are listed with their errors too.
    for (const [line, messages] of byLine)
      if (!validLines.has(line))
        rows.push({ line, fullName: '', document: '', businessName: '', joinedOn: '', errors: messages });
    rows.sort((a, b) => a.line - b.line);
    const fileErrors = all.filter((e) => e.field === null && !validLines.has(e.line));
    const skipped = parsed.skipped ?? 0;
    return {
      importId,
      filename,
      total: parsed.total - skipped,
      skipped,
      valid: parsed.rows.filter((r) => !byLine.has(r.line)).length,
      rows,
      fileErrors,
    };
  }

  /** HTML import, step 2: imports the kept file (validated again against the roster as it is now). */
  async confirm(
    actor: Actor,
    associationId: string,
    importId: string,
    context: AuditContext,
  ): Promise<{ imported: number; skipped?: number }> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    const saved = UUID.test(importId) ? await this.repo.findImport(importId, association.id) : null;
    if (!saved || saved.userId !== actor.id) throw AssociationException.notFound();
    if (saved.importedAt) throw AssociationException.conflict('IMPORT_ALREADY_DONE', 'Este archivo ya se importó.');
    return this.importFile(actor, association.id, saved.content, saved.format, context, saved.filename, saved.id);
  }

  /** Deletes kept upload files (personal data) older than a day, whether confirmed or not. */
  purgeKeptImports(): Promise<number> {
    return this.repo.deleteImportsOlderThan(new Date(this.clock.now().getTime() - IMPORT_KEEP_MS));
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private assertOpen(association: Association): void {
    if (association.status === 'dissolved')
      throw AssociationException.rule(
        'ASSOCIATION_DISSOLVED',
        'La organización está disuelta: su registro de socios ya no admite ingresos.',
      );
  }

  private async membershipOrNotFound(associationId: string, memberId: string): Promise<Membership> {
    const membership = UUID.test(memberId) ? await this.repo.findMembership(associationId, memberId) : null;
    if (!membership) throw AssociationException.notFound();
    return membership;
  }

  private async refreshMinimum(
    association: Association,
    municipality: MunicipalityContext,
    onDate: string,
    em: EntityManager,
  ): Promise<void> {
    await this.repo.refreshBelowMinimum(
      association.id,
      foundersMinimum(association.kind, association.area, municipality.population, municipality.settings),
      onDate,
      em,
    );
  }

  private contactChanges(
    person: Person,
    input: { email?: string | null; phone?: string | null; address?: string | null },
    allowClear = false,
  ): Partial<Person> {
    const out: Partial<Person> = {};
    for (const key of ['email', 'phone', 'address'] as const) {
      if (input[key] === undefined) continue;
      let value = blank(input[key]);
      if (key === 'email' && value) value = value.toLowerCase();
      if (value === null && !allowClear) continue;
      if (value !== person[key]) out[key] = value;
    }
    return out;
  }

  /** DOM-RUT-3: the same document is the same person; a different name or birth date is a typo to check. */
  private assertSameIdentity(
    person: Person,
    fullName: string,
    birthDate: string,
    documentType: PersonDocumentType,
  ): void {
    if (
      foldForSearch(person.fullName) !== foldForSearch(fullName) ||
      (person.birthDate && person.birthDate !== birthDate)
    ) {
      throw AssociationException.conflict(
        'PERSON_IDENTITY_MISMATCH',
        `El ${documentType.toUpperCase()} ya está registrado con otro nombre o fecha de nacimiento: revise el número, o pida a la municipalidad corregir los datos de la persona.`,
        documentType,
      );
    }
  }

  private alreadyMember(documentType: PersonDocumentType): AssociationException {
    return AssociationException.conflict(
      'ALREADY_MEMBER',
      `La persona con ese ${documentType.toUpperCase()} ya es socia de esta organización.`,
      documentType,
    );
  }

  /** DOM-ORG-12: the refusal does not name the other junta de vecinos. */
  private otherCouncil(): AssociationException {
    return AssociationException.rule(
      'ALREADY_IN_NEIGHBOURHOOD_COUNCIL',
      'La persona ya pertenece a otra junta de vecinos: una persona puede ser socia de una sola junta de vecinos a la vez.',
      'rut',
    );
  }

  private versionConflict(): AssociationException {
    return AssociationException.conflict(
      'VERSION_CONFLICT',
      'Otra persona modificó este socio mientras usted lo editaba. Recargue la página y vuelva a aplicar sus cambios.',
    );
  }

  private uniqueViolation(err: unknown, documentType: PersonDocumentType): never {
    const driver = (err as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (driver?.code === '23505' && driver.constraint === 'UQ_membership_one_neighbourhood_council')
      throw this.otherCouncil();
    if (driver?.code === '23505') throw this.alreadyMember(documentType);
    throw err;
  }
}
