import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentStore, IssuedDocumentView } from '../../src/documents/document-store.service';
import { PdfRenderer } from '../../src/documents/pdf-renderer';
import { AuthService } from '../../src/auth/auth.service';
import { Role, ROLES } from '../../src/auth/roles';
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
  newOnboardedMunicipality(overrides: { communeCode?: string; officeName?: string; at?: Date } = {}): Promise<MunicipalityView> {
    return this.service(TerritoryService).onboardMunicipality(overrides.communeCode ?? '04101', {
      officeName: overrides.officeName ?? 'Dirección de Desarrollo Comunitario (DIDECO)',
      at: overrides.at ?? new Date('2026-03-01T12:00:00Z'),
    });
  }

  /** An issued PDF in the document store, with its verification code printed in the footer. */
  newIssuedDocument(
    overrides: { kind?: string; subject?: string; ownerType?: string; ownerId?: string; communeCode?: string; text?: string } = {},
  ): Promise<IssuedDocumentView> {
    const subject = overrides.subject ?? 'Certificado de constitución de Barrio Patrimonial La Serena';
    return this.service(DocumentStore).issue({
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
    }, this.service(DataSource).manager);
  }

  /**
   * A user with a password and roles, e.g. `newUser({ roles: [['municipal_officer', '04101']] })`.
   * Defaults: a unique e-mail, the password `clave-de-prueba-123`.
   */
  async newUser(
    options: { email?: string; name?: string; password?: string; roles?: [Role, string | null][] } = {},
  ): Promise<{ id: string; email: string; password: string }> {
    const email = options.email ?? `persona.${Math.random().toString(36).slice(2, 10)}@example.cl`;
    const password = options.password ?? 'clave-de-prueba-123';
    const roles = (options.roles ?? []).map(([role, scopeId]) => ({ role, scopeType: ROLES[role], scopeId }));
    const { id } = await this.service(UsersService).ensureUser({ email, name: options.name ?? 'Persona de Prueba', password, roles });
    return { id, email, password };
  }

  /** A Bearer token for `user` (through the real login). */
  async apiToken(user: { email: string; password: string }): Promise<string> {
    return (await this.service(AuthService).issueToken(user.email, user.password, {})).token;
  }
}
