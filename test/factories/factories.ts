import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentStore, IssuedDocumentView } from '../../src/documents/document-store.service';
import { PdfRenderer } from '../../src/documents/pdf-renderer';
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
}
