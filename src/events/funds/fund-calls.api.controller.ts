import { contentDisposition } from '../../common/format/file-name';
import { CurrentCaller, type Caller } from '../../audit/caller';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  PayloadTooLargeException,
  PipeTransform,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../../audit/audit.service';
import type { Actor } from '../../common/access/actor';
import { AllowRoles, CurrentActor, Public } from '../../common/access/decorators';
import { CALL_HEADER } from './fund-call-columns';
import { FundCallEditorService } from './fund-call-editor.service';
import { FundCallImportService } from './fund-call-import.service';
import { FundCallDto, FundCallPatchDto, FundCallQueryDto } from './fund-calls.dto';
import { FundCallsService } from './fund-calls.service';

/** `.csv` or `.xlsx`; any other extension is a path that does not exist. */
class TableFormatPipe implements PipeTransform<string, 'csv' | 'xlsx'> {
  transform(value: string): 'csv' | 'xlsx' {
    if (value === 'csv' || value === 'xlsx') return value;
    throw new NotFoundException();
  }
}

/**
 * The file of an import: the body as bytes. The app's raw parser reads only the roster imports' paths, so a CSV
 * sent here is still unread (the JSON and form parsers leave text/csv alone); the 1 MB limit of every body holds.
 */
async function rawBody(req: Request): Promise<Buffer> {
  if (req.readableEnded || !req.readable) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_048_576) throw new PayloadTooLargeException('El archivo supera el máximo de 1 MB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Fund calls (API.md phase 2; DOMAIN.md §7, DOM-FND-1 and DOM-FND-3). The calendar is public; writing needs a role. */
@ApiTags('fondos')
@ApiBearerAuth()
@Controller('api/v1')
export class FundCallsApiController {
  constructor(
    private readonly calls: FundCallsService,
    private readonly editor: FundCallEditorService,
    private readonly imports: FundCallImportService,
  ) {}

  @Post('fund-calls')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  @ApiOperation({
    summary:
      'Crea un fondo (DOM-FND-1): administración cualquiera; ejecutivo de programa en su territorio; funcionario municipal fondos comunales de su comuna',
  })
  create(@Body() dto: FundCallDto, @CurrentCaller() who: Caller) {
    return this.editor.create(who.actor, dto, who.audit);
  }

  @Get('fund-calls')
  @Public()
  @ApiOperation({
    summary:
      'El calendario de fondos con su estado (DOM-FND-3), filtrado por estado, mes, comuna, categoría y postulante',
  })
  async list(@Query() query: FundCallQueryDto) {
    return { items: await this.calls.list(query) };
  }

  @Get('fund-calls/template.:format')
  @Public()
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'La plantilla de importación de fondos (columnas en español, una fila de ejemplo)' })
  async template(@Param('format', TableFormatPipe) format: 'csv' | 'xlsx', @Res() res: Response) {
    const file = await this.imports.template(format);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.filename));
    res.send(file.content);
  }

  @Post('fund-calls/import')
  @HttpCode(200)
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiBody({
    description: `El archivo es el cuerpo (UTF-8, separado por comas o punto y coma). Encabezado: ${CALL_HEADER.join(',')}. Fechas aaaa-mm-dd hh:mm o dd-mm-aaaa hh:mm, hora local; listas de una celda separadas por «;».`,
  })
  @ApiOperation({ summary: 'Importa fondos: todo o nada; con errores, 422 IMPORT_INVALID con cada línea' })
  async importCalls(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() req: Request) {
    const format = req.is('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') ? 'xlsx' : 'csv';
    const content = Buffer.isBuffer(body) ? body : await rawBody(req);
    return this.imports.importCalls(actor, { content, format }, auditContextFrom(req, actor));
  }

  @Get('fund-calls/:id')
  @Public()
  @ApiOperation({ summary: 'Un fondo con su estado, montos, requisitos y ventana en su zona horaria' })
  get(@Param('id') id: string) {
    return this.calls.get(id);
  }

  @Patch('fund-calls/:id')
  @AllowRoles('admin', 'program_officer', 'municipal_officer')
  @ApiOperation({ summary: 'Edita un fondo mientras está próximo (si no, 422 FUND_CALL_NOT_UPCOMING)' })
  update(@Param('id') id: string, @Body() dto: FundCallPatchDto, @CurrentCaller() who: Caller) {
    return this.editor.update(who.actor, id, dto, who.audit);
  }
}
