import { Global, Module } from '@nestjs/common';
import { DocumentRepository } from './document.repository';
import { DocumentStore } from './document-store.service';
import { FileStore } from './file-store';
import { PdfRenderer } from './pdf-renderer';
import { VerificationApiController } from './verification.api.controller';
import { VerificationController } from './verification.controller';

@Global()
@Module({
  controllers: [VerificationController, VerificationApiController],
  providers: [DocumentRepository, DocumentStore, FileStore, PdfRenderer],
  exports: [DocumentStore, FileStore, PdfRenderer],
})
export class DocumentsModule {}
