import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/actor';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { localDate } from '../common/format/dates';
import { downloadName } from '../common/format/file-name';
import { AssociationAccess } from './association-access';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsService } from './associations.service';
import { assertConstitutionStatus } from './constitution-steps';
import { ConstitutionRepository } from './constitution.repository';
import type { Association } from './entities/association.entity';
import { ConstitutionStatutes } from './entities/constitution-statutes.entity';

/** Issue 20 item 8: the statutes' PDF is at most 10 MB (kept in the database, several instances share it). */
export const STATUTES_MAX_BYTES = 10 * 1_048_576;

/** What the pages and the API show of the statutes: never the bytes. */
export interface StatutesView {
  fileName: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

/** A file as multer leaves it in memory. */
export interface StatutesFile {
  originalname: string;
  buffer: Buffer;
}

/**
 * The statutes approved at the constitutive assembly, attached as a PDF (issue 20 item 8, DOM-ORG-7): uploaded
 * and replaced by the association's officers or the municipal officer until the faith minister certifies, then
 * issued with the certificate (ConstitutionDocumentsService) and no longer replaceable.
 */
@Injectable()
export class ConstitutionStatutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ConstitutionRepository,
    private readonly access: AssociationAccess,
    private readonly associations: AssociationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The statutes' name, size and SHA-256 for someone who reads the association; null when none were uploaded. */
  async current(actor: Actor, associationId: string, context: AuditContext): Promise<StatutesView | null> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    return this.find(association.id);
  }

  async find(associationId: string, em?: EntityManager): Promise<StatutesView | null> {
    // a fixed statement (the association page reads it at every view; issue 21), without the file's bytes
    const [row] = (await (em ?? this.dataSource.manager).query(
      `SELECT file_name AS "fileName", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
         FROM constitution_statutes WHERE association_id = $1`,
      [associationId],
    )) as { fileName: string; sizeBytes: number; sha256: string; uploadedAt: Date | string }[];
    return row
      ? { fileName: row.fileName, sizeBytes: row.sizeBytes, sha256: row.sha256, uploadedAt: new Date(row.uploadedAt) }
      : null;
  }

  /** The bytes, inside the certification's transaction (issued with the certificate). */
  async content(associationId: string, em: EntityManager): Promise<(StatutesView & { content: Buffer }) | null> {
    return em.getRepository(ConstitutionStatutes).findOneBy({ associationId });
  }

  /**
   * Uploads or replaces the statutes: a non-empty PDF (`%PDF-`) of at most 10 MB, by those who edit the roster,
   * before the certification (DOM-ORG-7: the certified statutes are the ones issued). Refused: nothing written.
   */
  async upload(
    actor: Actor,
    associationId: string,
    file: StatutesFile | null | undefined,
    context: AuditContext,
    uploadError?: string,
  ): Promise<StatutesView> {
    const { association } = await this.access.load(actor, associationId, 'editRoster', context);
    // DOM-ORG-7: the certified statutes are the ones issued with the certificate
    if ((await this.repo.find(association.id))?.certifiedAt)
      throw AssociationException.rule('ALREADY_CERTIFIED', T.statutesCertified());
    assertConstitutionStatus(association, ['in_formation', 'pending_certification']);
    const content = checkedPdf(file, uploadError);
    const fileName = cleanName(file?.originalname);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      // under the constitution's lock: a certification meanwhile either issued these statutes or refuses them
      const locked = await this.repo.lockOrCreate(association.id, association.communeCode, em);
      if (locked.certifiedAt) throw AssociationException.rule('ALREADY_CERTIFIED', T.statutesCertified());
      await em
        .createQueryBuilder()
        .insert()
        .into(ConstitutionStatutes)
        .values({
          associationId: association.id,
          fileName,
          sizeBytes: content.length,
          sha256,
          content,
          uploadedAt: now,
          uploadedBy: actor.id,
        })
        .orUpdate(['file_name', 'size_bytes', 'sha256', 'content', 'uploaded_at', 'uploaded_by'], ['association_id'])
        .execute();
      await this.audit.record(
        context,
        {
          action: 'constitution.statutes_uploaded',
          objectType: 'association',
          objectId: association.id,
          scopeType: 'commune',
          scopeId: association.communeCode,
          details: { sha256, sizeBytes: content.length },
        },
        em,
      );
      return { fileName, sizeBytes: content.length, sha256, uploadedAt: now };
    });
  }

  /** The statutes' PDF for someone who reads the association, named `estatutos-<date>-<org>.pdf`. */
  async download(
    actor: Actor,
    associationId: string,
    context: AuditContext,
  ): Promise<{ filename: string; content: Buffer }> {
    const { association } = await this.access.load(actor, associationId, 'read', context);
    const row = await this.dataSource.getRepository(ConstitutionStatutes).findOneBy({ associationId: association.id });
    if (!row) throw AssociationException.notFound();
    return { filename: await this.fileName(association, row.uploadedAt), content: row.content };
  }

  /** `estatutos-2026-03-16-barrio-comercial.pdf`: the day in the commune's time zone. */
  async fileName(association: Association, at: Date): Promise<string> {
    const { timeZone } = await this.associations.municipality(association.communeCode);
    return downloadName('estatutos', localDate(at, timeZone), association.name, 'pdf');
  }
}

/** The upload's bytes when they are a non-empty PDF within the limit; otherwise the refusal naming "Estatutos". */
function checkedPdf(file: StatutesFile | null | undefined, uploadError?: string): Buffer {
  if (uploadError === 'too_large') {
    const message = T.statutesTooLarge({ mb: STATUTES_MAX_BYTES / 1_048_576 });
    throw new DomainException('FILE_TOO_LARGE', message, 413, [AssociationException.fieldError('statutes', message)]);
  }
  if (uploadError) throw AssociationException.field('statutes', T.statutesUnreadable());
  if (!file) throw AssociationException.field('statutes', T.statutesMissing());
  if (file.buffer.length === 0) throw AssociationException.field('statutes', T.statutesEmpty());
  if (file.buffer.length > STATUTES_MAX_BYTES) {
    const message = T.statutesTooLarge({ mb: STATUTES_MAX_BYTES / 1_048_576 });
    throw new DomainException('FILE_TOO_LARGE', message, 413, [AssociationException.fieldError('statutes', message)]);
  }
  // the magic bytes, not the name or the declared type
  if (file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw AssociationException.field('statutes', T.statutesNotPdf());
  return file.buffer;
}

/** The name as uploaded, without a path or control characters, at most 200 characters. */
function cleanName(name: string | undefined): string {
  const last = (name ?? '').split(/[\\/]/).pop() ?? '';
  const base = [...last]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (base || 'estatutos.pdf').slice(0, 200);
}
