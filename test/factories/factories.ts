import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentStore, IssuedDocumentView } from '../../src/documents/document-store.service';
import { PdfRenderer } from '../../src/documents/pdf-renderer';
import { AuthService } from '../../src/auth/auth.service';
import type { Actor } from '../../src/common/access/actor';
import { AssociationsService, NewAssociation } from '../../src/associations/associations.service';
import type { AssociationView, MemberView } from '../../src/associations/associations.view-model';
import { NewMember, RosterMembersService } from '../../src/associations/roster-members.service';
import { rutCheckDigit } from '../../src/common/format/rut';
import { Role, ROLES } from '../../src/common/access/roles';
import { UsersService } from '../../src/auth/users.service';
import { TerritoryService } from '../../src/territory/territory.service';
import type { MunicipalityView } from '../../src/territory/territory.view-model';

/**
 * Scenario builders over the real services (STYLE.md 4): `ctx.newX()` creates what a user would
 * have created through the portal, with sensible defaults. Each feature issue adds its own builders here.
 */
export class Factories {
  constructor(readonly app: INestApplication) {}

  protected service<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type, { strict: false });
  }

  /** A municipality that uses the portal (defaults: La Serena's DIDECO). */
  newOnboardedMunicipality(
    overrides: { communeCode?: string; officeName?: string; at?: Date } = {},
  ): Promise<MunicipalityView> {
    return this.service(TerritoryService).onboardMunicipality(overrides.communeCode ?? '04101', {
      officeName: overrides.officeName ?? 'Dirección de Desarrollo Comunitario (DIDECO)',
      at: overrides.at ?? new Date('2026-03-01T12:00:00Z'),
    });
  }

  /** An issued PDF in the document store, with its verification code printed in the footer. */
  newIssuedDocument(
    overrides: {
      kind?: string;
      subject?: string;
      ownerType?: string;
      ownerId?: string;
      communeCode?: string;
      text?: string;
    } = {},
  ): Promise<IssuedDocumentView> {
    const subject = overrides.subject ?? 'Certificado de constitución de Barrio Patrimonial La Serena';
    return this.service(DocumentStore).issue(
      {
        kind: overrides.kind ?? 'constitution_certificate',
        ownerType: overrides.ownerType ?? 'association',
        ownerId: overrides.ownerId ?? 'a-1',
        communeCode: overrides.communeCode ?? '04101',
        subject,
        filename: 'documento.pdf',
        render: (verification) =>
          this.service(PdfRenderer).render({
            organisation: { name: 'Municipalidad de La Serena' },
            title: subject,
            blocks: [{ type: 'paragraph', text: overrides.text ?? 'Documento emitido para pruebas.' }],
            verification,
          }),
      },
      this.service(DataSource).manager,
    );
  }

  /**
   * A user with a password and roles, e.g. `newUser({ roles: [['municipal_officer', '04101']] })`.
   * Defaults: a unique e-mail, the password `clave-de-prueba-123`.
   */
  async newUser(
    options: {
      email?: string;
      name?: string;
      password?: string;
      roles?: [Role, string | null][];
      personId?: string;
    } = {},
  ): Promise<{ id: string; email: string; password: string }> {
    const email = options.email ?? `persona.${Math.random().toString(36).slice(2, 10)}@example.cl`;
    const password = options.password ?? 'clave-de-prueba-123';
    const roles = (options.roles ?? []).map(([role, scopeId]) => ({ role, scopeType: ROLES[role], scopeId }));
    const { id } = await this.service(UsersService).ensureUser({
      email,
      name: options.name ?? 'Persona de Prueba',
      password,
      roles,
      personId: options.personId,
    });
    return { id, email, password };
  }

  private adminActor?: Actor;

  /** An administrator acting for the factories (created once per app). */
  async actor(): Promise<Actor> {
    if (!this.adminActor) {
      const user = await this.newUser({
        email: `factorias.${Math.random().toString(36).slice(2, 8)}@example.cl`,
        name: 'Factorías de prueba',
        roles: [['admin', null]],
      });
      this.adminActor = (await this.service(AuthService).actorForUser(user.id, 'session')) as Actor;
    }
    return this.adminActor;
  }

  /** An association registered by the municipality (defaults: a functional organisation in formation in La Serena). */
  async newAssociation(overrides: Partial<NewAssociation> = {}): Promise<AssociationView> {
    return this.service(AssociationsService).create(
      await this.actor(),
      {
        communeCode: '04101',
        kind: 'functional_organization',
        name: `Organización ${Math.random().toString(36).slice(2, 8)}`,
        area: 'urban',
        address: 'Calle Prat 450, La Serena',
        ...overrides,
      },
      {},
    );
  }

  /** A valid RUT that no other test uses (random body, computed check digit). */
  static uniqueRut(): string {
    const body = 5_000_000 + Math.floor(Math.random() * 20_000_000);
    return `${body}-${rutCheckDigit(body)}`;
  }

  /** A member added through the roster service (defaults: an adult with a fresh RUT who joined on 2026-03-01). */
  async newMember(associationId: string, overrides: Partial<NewMember> = {}): Promise<MemberView> {
    return this.service(RosterMembersService).add(
      await this.actor(),
      associationId,
      {
        rut: Factories.uniqueRut(),
        fullName: `Socia ${Math.random().toString(36).slice(2, 8)}`,
        birthDate: '1980-05-04',
        joinedOn: '2026-03-01',
        ...overrides,
      },
      {},
    );
  }

  /** A Bearer token for `user` (through the real login). */
  async apiToken(user: { email: string; password: string }): Promise<string> {
    return (await this.service(AuthService).issueToken(user.email, user.password, {})).token;
  }
}
