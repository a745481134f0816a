import { Global, Module } from '@nestjs/common';
import { DocumentRepository } from './document.repository';
import { DocumentStore } from './document-store.service';
import { PdfRenderer } from './pdf-renderer';
import { VerificationApiController } from './verification.api.controller';
import { VerificationController } from './verification.controller';

@Global()
@Module({
  controllers: [VerificationController, VerificationApiController],
  providers: [DocumentRepository, DocumentStore, PdfRenderer],
  exports: [DocumentStore, PdfRenderer],
})
export class DocumentsModule {}
