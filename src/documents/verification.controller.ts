import { Controller, Get, Param, Query, Render, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { VerificationThrottlerGuard } from './verification-throttler.guard';
import type { Response } from 'express';
import { hasTranslation, translate } from '../common/i18n/i18n';
import { DocumentStore } from './document-store.service';
import { VerifyQueryDto } from './dto/verify-query.dto';
import { normalizeVerificationCode } from './verification-code';
import { Public } from '../common/access/decorators';
import { contentDisposition } from '../common/format/file-name';

/** The public page where anyone checks a document by its code (printed under the QR). Rate-limited. */
@ApiExcludeController()
@UseGuards(VerificationThrottlerGuard)
@Public()
@Controller('verificar')
export class VerificationController {
  constructor(private readonly documents: DocumentStore) {}

  /** The form; `?codigo=` (the form's GET) goes to the document's page. */
  @Get()
  form(@Query() query: VerifyQueryDto, @Res() res: Response): void {
    const typed = query.codigo?.trim() ?? '';
    const code = typed ? normalizeVerificationCode(typed) : null;
    if (code) return res.redirect(303, `/verificar/${code}`);
    res.status(typed ? 400 : 200).render('documents/verify-form', {
      title: translate(res.locals.locale, 'verify.title'),
      codigo: typed,
      error: typed ? translate(res.locals.locale, 'verify.malformed') : null,
    });
  }

  @Get(':code')
  @Render('documents/verify-result')
  async result(@Param('code') code: string, @Res({ passthrough: true }) res: Response) {
    const document = await this.documents.verify(code);
    const locale = res.locals.locale;
    const kindKey = `documentKinds.${document.kind}`;
    const kindLabel = hasTranslation(locale, kindKey)
      ? translate(locale, kindKey)
      : translate(locale, 'documentKinds.other');
    return { title: translate(locale, 'verify.title'), document: { ...document, kindLabel } };
  }

  /** A document issued with the verified one (the statutes with a certificate; issue 20 item 8), as a download. */
  @Get(':code/adjuntos/:id')
  async attachment(@Param('code') code: string, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.documents.attachment(code, id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    // whoever holds the code reads it (decisions.md); no shared cache keeps a copy (statutes may name people)
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(file.content);
  }
}
