import { localDate } from '../common/format/dates';
import { downloadName } from '../common/format/file-name';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditContext } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { formatDate, formatTime } from '../common/format/dates';
import { formatDocument } from '../common/format/identity';
import { translate } from '../common/i18n/i18n';
import { DocumentStore } from '../documents/document-store.service';
import { PdfRenderer } from '../documents/pdf-renderer';
import type { MunicipalityContext } from '../territory/territory.service';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { seesFounderIdentities } from './constitution-steps';
import { ConstitutionRepository, FounderRow, SeatRow } from './constitution.repository';
import type { Association } from './entities/association.entity';
import type { Constitution } from './entities/constitution.entity';
import { ConstitutionStatutes } from './entities/constitution-statutes.entity';

/** A board post as the documents print it: the dictionary's neutral name (Presidencia, Secretaría; issue 20 item 6). */
const positionEs = (position: string) => translate('es', `constitution.positions.${position}`);

/**
 * The constitution's documents (DOM-ORG-7, DOM-DATA-1): what the acta constitutiva and the certificate say, their
 * issue through the document store at the certification, and their download for those who may read them.
 */
@Injectable()
export class ConstitutionDocumentsService {
  constructor(
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly documents: DocumentStore,
    private readonly pdf: PdfRenderer,
  ) {}

  /** DOM-ORG-7: the acta constitutiva and the certificate issued with their verification codes, in the caller's transaction. */
  async issue(
    association: Association,
    municipality: MunicipalityContext,
    locked: Constitution,
    founders: FounderRow[],
    seats: SeatRow[],
    ministerName: string,
    notes: string | null,
    now: Date,
    em: EntityManager,
  ) {
    // issue 20 item 8: the statutes uploaded before the certification are named on the certificate and issued with it
    const statutes = await em.getRepository(ConstitutionStatutes).findOneBy({ associationId: association.id });
    const content = this.actaContent(association, municipality, locked, founders, seats, ministerName, notes, statutes);
    const acta = await this.documents.issue(
      {
        kind: 'constitution_acta',
        ownerType: 'association',
        ownerId: association.id,
        communeCode: association.communeCode,
        subject: `Acta constitutiva de ${association.name}`,
        filename: downloadName('acta-constitutiva', localDate(now, municipality.timeZone), association.name, 'pdf'),
        timeZone: municipality.timeZone,
        render: (verification) => this.pdf.render({ ...content.acta, verification, createdAt: now }),
      },
      em,
    );
    const certificate = await this.documents.issue(
      {
        kind: 'constitution_certificate',
        ownerType: 'association',
        ownerId: association.id,
        communeCode: association.communeCode,
        subject: `Certificado de constitución de ${association.name}`,
        filename: downloadName(
          'certificado-constitucion',
          localDate(now, municipality.timeZone),
          association.name,
          'pdf',
        ),
        timeZone: municipality.timeZone,
        render: (verification) => this.pdf.render({ ...content.certificate, verification, createdAt: now }),
      },
      em,
    );
    const statutesDocument = statutes
      ? await this.documents.issue(
          {
            kind: 'constitution_statutes',
            ownerType: 'association',
            ownerId: association.id,
            communeCode: association.communeCode,
            subject: `Estatutos de ${association.name}`,
            filename: downloadName('estatutos', localDate(now, municipality.timeZone), association.name, 'pdf'),
            timeZone: municipality.timeZone,
            issuedWithId: certificate.id,
            // the bytes as uploaded: their SHA-256 is the one printed on the certificate
            render: () => Promise.resolve(statutes.content),
          },
          em,
        )
      : null;
    return { acta, certificate, statutes: statutesDocument };
  }

  /** DOM-ORG-7: what the acta constitutiva and the certificate say. */
  private actaContent(
    association: Association,
    municipality: MunicipalityContext,
    c: Constitution,
    founders: FounderRow[],
    seats: SeatRow[],
    ministerName: string,
    notes: string | null,
    statutes: Pick<ConstitutionStatutes, 'fileName' | 'sha256'> | null,
  ) {
    const when = c.assemblyAt as Date;
    const date = formatDate(when, municipality.timeZone);
    const time = formatTime(when, municipality.timeZone);
    const kind = translate('es', `kinds.${association.kind}`);
    const organisation = { name: `Municipalidad de ${municipality.communeName}`, detail: 'Secretaría Municipal' };
    const boardRows = seats.map((s) => [positionEs(s.position) + (s.rank ? ` ${s.rank}` : ''), s.fullName]);
    return {
      acta: {
        organisation,
        title: `Acta constitutiva de ${association.name}`,
        subtitle: kind,
        blocks: [
          {
            type: 'keyValues' as const,
            rows: [
              ['Organización', association.name],
              ['Tipo', kind],
              ['Fecha', date],
              ['Hora', time],
              ['Lugar', c.place ?? ''],
              ['Ministro de fe', ministerName],
            ] as [string, string][],
          },
          {
            type: 'paragraph' as const,
            text: `En ${c.place}, el ${date} a las ${time} horas, ante el ministro de fe ${ministerName}, se reunieron en asamblea constitutiva los ${founders.length} socios fundadores que se individualizan y firman más abajo, con el objeto de constituir la ${kind.toLowerCase()} "${association.name}", de la comuna de ${municipality.communeName}.`,
          },
          { type: 'heading' as const, text: 'Aprobación de los estatutos' },
          {
            type: 'paragraph' as const,
            text: 'La asamblea aprobó los estatutos de la organización, cuyo texto se adjunta a esta acta.',
          },
          { type: 'heading' as const, text: 'Directorio provisorio' },
          {
            type: 'table' as const,
            columns: [
              { header: 'Cargo', width: 2 },
              { header: 'Nombre', width: 5 },
            ],
            rows: boardRows,
          },
          { type: 'heading' as const, text: 'Socios fundadores' },
          {
            type: 'table' as const,
            columns: [
              { header: 'N°', width: 1, align: 'right' as const },
              { header: 'Nombre', width: 5 },
              { header: 'RUT / DNI', width: 3 },
              { header: 'Firma', width: 4 },
            ],
            rows: founders.map((f, i) => [
              String(i + 1),
              f.fullName,
              f.documentNumber ? formatDocument(f.documentType, f.documentNumber) : '',
              '',
            ]),
          },
          ...(notes ? [{ type: 'paragraph' as const, text: `Observaciones del ministro de fe: ${notes}` }] : []),
          {
            type: 'signatures' as const,
            signers: [
              {
                name: seats.find((s) => s.position === 'president')?.fullName ?? '',
                role: 'Presidencia provisoria',
              },
              { name: ministerName, role: 'Ministro de fe' },
            ],
          },
        ],
      },
      certificate: {
        organisation,
        title: `Certificado de constitución de ${association.name}`,
        blocks: [
          {
            type: 'paragraph' as const,
            text: `${ministerName}, ministro de fe de la Municipalidad de ${municipality.communeName}, certifica que el ${date} a las ${time} horas, en ${c.place}, se celebró ante él la asamblea constitutiva de la ${kind.toLowerCase()} "${association.name}", con la asistencia de ${founders.length} socios fundadores, en la que se aprobaron sus estatutos y se eligió el siguiente directorio provisorio:`,
          },
          {
            type: 'table' as const,
            columns: [
              { header: 'Cargo', width: 2 },
              { header: 'Nombre', width: 5 },
            ],
            rows: boardRows,
          },
          ...(statutes
            ? [
                {
                  type: 'paragraph' as const,
                  text: `Estatutos: ${statutes.fileName}, SHA-256 ${statutes.sha256}. Se descargan desde la página de verificación de este certificado.`,
                },
              ]
            : []),
          {
            type: 'paragraph' as const,
            text: 'La organización obtiene personalidad jurídica con el depósito del acta constitutiva en la Secretaría Municipal, dentro de los 30 días siguientes a la asamblea.',
          },
          { type: 'signatures' as const, signers: [{ name: ministerName, role: 'Ministro de fe' }] },
        ],
      },
    };
  }

  /** An issued PDF of the constitution (acta or certificate): for those who read the association. */
  async document(
    actor: Actor,
    associationId: string,
    which: 'acta' | 'certificate',
    context: AuditContext,
  ): Promise<{ filename: string; content: Buffer }> {
    const { association, rights } = await this.access.load(actor, associationId, 'read', context);
    const c = await this.repo.find(association.id);
    // DOM-DATA-1: the acta lists every founder's RUT; the certificate names none
    if (which === 'acta' && !seesFounderIdentities(rights, c, actor)) {
      throw AssociationException.forbidden(T.actaRestricted());
    }
    const id = which === 'acta' ? c?.actaDocumentId : c?.certificateDocumentId;
    if (!id) throw AssociationException.notFound();
    const doc = await this.documents.content(id);
    if (!doc) throw AssociationException.notFound();
    return {
      filename: which === 'acta' ? 'acta-constitutiva.pdf' : 'certificado-constitucion.pdf',
      content: doc.content,
    };
  }
}
