import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPersonName, IsSpreadsheetText } from '../../common/text-validators';
import { INSTITUTION_KINDS } from '../../institutions/entities/institution.entity';
import { COUNCIL_SEATS } from '../entities/table-participant.entity';

export class PageDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) page?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) pageSize?: string;
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
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) convenerInstitutionId?: string;
  @ApiPropertyOptional({ description: 'Consejo comunal de seguridad pública (mesa de seguridad comunal, DOM-TBL-2)' })
  @IsOptional()
  @IsBoolean()
  securityCouncil?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
}

export class ParticipantDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) institutionId?: string;
  @ApiPropertyOptional({ example: 'Policía de Investigaciones' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @IsSpreadsheetText()
  institutionName?: string;
  @ApiPropertyOptional({ enum: INSTITUTION_KINDS, description: 'Para una institución nueva' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  institutionKind?: string;
  /** A representative is a person: the same rule as a member's or a user's name (issue 22 item 7). */
  @ApiProperty({ example: 'Comisario Juan Pérez' }) @IsString() @MaxLength(300) @IsPersonName() name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) @IsSpreadsheetText() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) @IsSpreadsheetText({ phone: true }) phone?: string;
  @ApiPropertyOptional({ example: 'Comisario' }) @IsOptional() @IsString() @MaxLength(300) role?: string;
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
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) institutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) axisId?: string;
  @ApiPropertyOptional({ enum: ['open', 'in_progress', 'done', 'cancelled'] })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  status?: string;
  @ApiPropertyOptional({ example: 'true' }) @IsOptional() @IsString() @MaxLength(5) overdue?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) page?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) pageSize?: string;
}

export class ShareLinkDto {
  @ApiPropertyOptional({ example: 'Representantes de Carabineros y PDI', description: 'A quién se entrega el enlace' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  label?: string;
}

export class TableSessionDto {
  @ApiProperty({ example: '2026-04-21T10:00' }) @IsString() @MaxLength(20) localStart: string;
  @ApiPropertyOptional({ example: 'America/Santiago', description: 'Por omisión, la de la mesa' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  timeZone?: string;
  @ApiPropertyOptional({ enum: ['table_session'] }) @IsOptional() @IsString() @MaxLength(20) kind?: string;
  @ApiProperty({ example: 'Sala de reuniones de la Municipalidad' }) @IsString() @MaxLength(300) place: string;
  @ApiPropertyOptional({ example: 'https://meet.google.com/abc-defg-hij' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  onlineUrl?: string;
}
