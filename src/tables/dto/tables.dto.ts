import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { LooseText } from '../../common/dto-fields';
import { IsPersonName, IsSpreadsheetText } from '../../common/text-validators';
import { INSTITUTION_KINDS } from '../../institutions/entities/institution.entity';
import { COUNCIL_SEATS } from '../entities/table-participant.entity';

export class PageDto {
  @LooseText(10) page?: string;
  @LooseText(10) pageSize?: string;
}

export class TableDto {
  @ApiProperty({ enum: ['security', 'productive_development', 'other'] }) @IsString() @MaxLength(40) kind: string;
  // a table's name goes to the board's CSV and XLSX: not formula-looking (docs/decisions.md, "Text the portal accepts")
  @ApiProperty({ example: 'Mesa técnica de seguridad del centro histórico' })
  @IsString()
  @MaxLength(300)
  @IsSpreadsheetText()
  name: string;
  @ApiProperty({ enum: ['commune', 'province', 'region'] }) @IsString() @MaxLength(20) scopeLevel: string;
  @ApiProperty({ example: '04101', description: 'Código oficial de la comuna (04101), provincia (041) o región (04)' })
  @IsString()
  @MaxLength(20)
  scopeCode: string;
  @LooseText(60) convenerInstitutionId?: string;
  @ApiPropertyOptional({ description: 'Consejo comunal de seguridad pública (mesa de seguridad comunal, DOM-TBL-2)' })
  @IsOptional()
  @IsBoolean()
  securityCouncil?: boolean;
  @LooseText(10_000) description?: string;
}

export class ParticipantDto {
  @LooseText(60) institutionId?: string;
  @LooseText(300, { example: 'Policía de Investigaciones' })
  @IsSpreadsheetText()
  institutionName?: string;
  @LooseText(40, { enum: INSTITUTION_KINDS, description: 'Para una institución nueva' })
  institutionKind?: string;
  /** A representative is a person: the same rule as a member's or a user's name (issue 22 item 7). */
  @ApiProperty({ example: 'Comisario Juan Pérez' }) @IsString() @MaxLength(300) @IsPersonName() name: string;
  @LooseText(300) @IsSpreadsheetText() email?: string;
  @LooseText(60) @IsSpreadsheetText({ phone: true }) phone?: string;
  @LooseText(300, { example: 'Comisario' }) role?: string;
  @ApiPropertyOptional({
    enum: Object.keys(COUNCIL_SEATS),
    description: 'Solo en el consejo comunal de seguridad pública: el asiento que le da la ley (DOM-TBL-2)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  councilSeat?: string;
}

export class AxisDto {
  // an axis names a column of the board's CSV and XLSX
  @ApiProperty({ example: 'Comercialización' }) @IsString() @MaxLength(300) @IsSpreadsheetText() name: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  participantIds?: string[];
}

export class BoardQueryDto {
  @LooseText(60) institutionId?: string;
  @LooseText(60) axisId?: string;
  @LooseText(20, { enum: ['open', 'in_progress', 'done', 'cancelled'] })
  status?: string;
  @LooseText(5, { example: 'true' }) overdue?: string;
  @LooseText(10) page?: string;
  @LooseText(10) pageSize?: string;
}

export class ShareLinkDto {
  @LooseText(300, { example: 'Representantes de Carabineros y PDI', description: 'A quién se entrega el enlace' })
  label?: string;
}

export class TableSessionDto {
  @ApiProperty({ example: '2026-04-21T10:00' }) @IsString() @MaxLength(20) localStart: string;
  @LooseText(60, { example: 'America/Santiago', description: 'Por omisión, la de la mesa' })
  timeZone?: string;
  @LooseText(20, { enum: ['table_session'] }) kind?: string;
  @ApiProperty({ example: 'Sala de reuniones de la Municipalidad' }) @IsString() @MaxLength(300) place: string;
  @LooseText(500, { example: 'https://meet.google.com/abc-defg-hij' })
  onlineUrl?: string;
}
