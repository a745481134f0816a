import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { VerificationThrottlerGuard } from './verification-throttler.guard';
import { DocumentStore } from './document-store.service';
import { Public } from '../common/access/decorators';

@ApiTags('documentos')
@UseGuards(VerificationThrottlerGuard)
@Public()
@Controller('api/v1/verify')
export class VerificationApiController {
  constructor(private readonly documents: DocumentStore) {}

  @Get(':code')
  @ApiOperation({ summary: 'Verificar un documento emitido por su código (público, sin datos personales)' })
  @ApiOkResponse({ description: '{ kind, issuedAt, status: valid | superseded | revoked, sha256, subject }' })
  @ApiNotFoundResponse({ description: 'Código desconocido' })
  @ApiTooManyRequestsResponse({ description: 'Demasiadas consultas desde la misma IP' })
  async verify(@Param('code') code: string) {
    const doc = await this.documents.verify(code);
    return {
      kind: doc.kind,
      issuedAt: doc.issuedAt,
      status: doc.status === 'issued' ? 'valid' : doc.status,
      sha256: doc.sha256,
      subject: doc.subject,
      verificationCode: doc.verificationCode,
    };
  }
}
