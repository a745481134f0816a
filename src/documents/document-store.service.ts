import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainException } from '../common/errors/domain.exception';
import { documentTexts } from './documents.messages';
import { withinTransaction } from '../database/transaction';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DocumentRepository } from './document.repository';
import type { DocumentStatus, IssuedDocument } from './entities/document.entity';
import { formatVerificationCode, newVerificationCode, normalizeVerificationCode } from './verification-code';

export interface IssueRequest {
  kind: string;
  ownerType: string;
  ownerId: string;
  communeCode?: string | null;
  /** Public description without personal data, e.g. "Acta N° 3 de Barrio Patrimonial La Serena". */
  subject: string;
  filename: string;
  contentType?: string;
  /** The business time zone for dates shown with the document (the municipality's; DOM-FMT-2). */
  timeZone?: string;
  /** Issued as an attachment of this document (the statutes with the certificate): offered on its verification page. */
  issuedWithId?: string;
  /** Produces the bytes, printing the verification code and URL it is given (PdfRenderer's `verification`). */
  render: (verification: { code: string; url: string }, issuedAt: Date) => Promise<Buffer>;
}

export interface IssuedDocumentView {
  id: string;
  kind: string;
  subject: string;
  filename: string;
  sha256: string;
  verificationCode: string;
  verificationUrl: string;
  issuedAt: Date;
  status: DocumentStatus;
}

/** What anyone may learn from a verification code: no personal data, no bytes. */
export interface VerificationView {
  kind: string;
  timeZone: string;
  subject: string;
  issuedAt: string;
  status: DocumentStatus;
  statusChangedAt: string | null;
  sha256: string;
  verificationCode: string;
  /** Documents issued with it (the statutes with a certificate): whoever holds the code may read them. */
  attachments: { id: string; filename: string; sha256: string; sizeBytes: number }[];
}

export class DocumentException extends DomainException {}

/**
 * Keeps every issued document with its SHA-256 and verification code. Feature modules issue documents through
 * `issue()` inside their transaction; corrections supersede, withdrawals revoke; bytes never change.
 */
@Injectable()
export class DocumentStore {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  verificationUrl(code: string): string {
    return `${this.config.publicUrl}/verificar/${formatVerificationCode(code)}`;
  }

  /** Issues a document inside the caller's transaction (`em`): it exists only if the business change commits. */
  async issue(request: IssueRequest, em: EntityManager): Promise<IssuedDocumentView> {
    const code = newVerificationCode();
    const issuedAt = this.clock.now();
    const content = await request.render(
      { code: formatVerificationCode(code), url: this.verificationUrl(code) },
      issuedAt,
    );
    const saved = await this.documents.insert(
      {
        kind: request.kind,
        ownerType: request.ownerType,
        ownerId: request.ownerId,
        communeCode: request.communeCode ?? null,
        subject: request.subject,
        filename: request.filename,
        contentType: request.contentType ?? 'application/pdf',
        content,
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        verificationCode: code,
        status: 'issued',
        timeZone: request.timeZone ?? 'America/Santiago',
        issuedAt,
        supersededById: null,
        issuedWithId: request.issuedWithId ?? null,
        statusChangedAt: null,
        statusReason: null,
      },
      em,
    );
    return this.toView(saved);
  }

  /** `replacement` takes the place of `documentId` (a corrected certificate, an amended acta). */
  async supersede(documentId: string, replacementId: string, reason: string, em: EntityManager): Promise<void> {
    await withinTransaction(em, async (tx) => {
      // Locked for the rest of the transaction: a concurrent revoke or a reverse supersede waits (no cycles).
      const replacement = /^[0-9a-f-]{36}$/.test(replacementId)
        ? await this.documents.findByIdForShare(replacementId, tx)
        : null;
      if (!replacement || replacement.id === documentId || replacement.status !== 'issued') {
        throw new DocumentException(
          'REPLACEMENT_NOT_ISSUED',
          documentTexts.replacementNotIssued(),
          HttpStatus.CONFLICT,
        );
      }
      const ok = await this.documents.changeStatus(
        documentId,
        { status: 'superseded', at: this.clock.now(), reason, supersededById: replacementId },
        tx,
      );
      if (!ok) throw new DocumentException('DOCUMENT_NOT_ISSUED', documentTexts.notIssued(), HttpStatus.CONFLICT);
    });
  }

  async revoke(documentId: string, reason: string, em: EntityManager): Promise<void> {
    const ok = await this.documents.changeStatus(documentId, { status: 'revoked', at: this.clock.now(), reason }, em);
    if (!ok) throw new DocumentException('DOCUMENT_NOT_ISSUED', documentTexts.notIssued(), HttpStatus.CONFLICT);
  }

  /** The stored bytes (for downloads and mail attachments). */
  async content(
    documentId: string,
    em?: EntityManager,
  ): Promise<{ filename: string; contentType: string; content: Buffer; sha256: string }> {
    const doc = await this.documents.findById(documentId, em);
    if (!doc) throw new DocumentException('DOCUMENT_NOT_FOUND', documentTexts.notFound(), HttpStatus.NOT_FOUND);
    return { filename: doc.filename, contentType: doc.contentType, content: doc.content, sha256: doc.sha256 };
  }

  /** Public verification: unknown or malformed codes are the same 404. */
  async verify(input: string): Promise<VerificationView> {
    const code = normalizeVerificationCode(input);
    const doc = code ? await this.documents.findByVerificationCode(code) : null;
    if (!doc) {
      throw new DocumentException('DOCUMENT_NOT_FOUND', documentTexts.codeUnknown(), HttpStatus.NOT_FOUND);
    }
    return {
      kind: doc.kind,
      timeZone: doc.timeZone,
      subject: doc.subject,
      issuedAt: doc.issuedAt.toISOString(),
      status: doc.status,
      statusChangedAt: doc.statusChangedAt ? doc.statusChangedAt.toISOString() : null,
      sha256: doc.sha256,
      verificationCode: formatVerificationCode(doc.verificationCode),
      attachments: await this.documents.attachmentsOf(doc.id),
    };
  }

  /**
   * A document issued with the one this code verifies (issue 20 item 8: the statutes with the constitution's
   * certificate): what was certified is readable by whoever holds the code. Anything else is the same 404.
   */
  async attachment(
    input: string,
    attachmentId: string,
  ): Promise<{ filename: string; contentType: string; content: Buffer }> {
    const code = normalizeVerificationCode(input);
    const doc = code ? await this.documents.findByVerificationCode(code) : null;
    const attached = doc && /^[0-9a-f-]{36}$/i.test(attachmentId) ? await this.documents.findById(attachmentId) : null;
    if (!doc || !attached || attached.issuedWithId !== doc.id) {
      throw new DocumentException('DOCUMENT_NOT_FOUND', documentTexts.codeUnknown(), HttpStatus.NOT_FOUND);
    }
    return { filename: attached.filename, contentType: attached.contentType, content: attached.content };
  }

  private toView(doc: IssuedDocument): IssuedDocumentView {
    return {
      id: doc.id,
      kind: doc.kind,
      subject: doc.subject,
      filename: doc.filename,
      sha256: doc.sha256,
      verificationCode: formatVerificationCode(doc.verificationCode),
      verificationUrl: this.verificationUrl(doc.verificationCode),
      issuedAt: doc.issuedAt,
      status: doc.status,
    };
  }
}
