import { checkbox } from '../../common/form-values';
import { LooseText, RowVersion } from '../../common/dto-fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, IsBoolean } from 'class-validator';
import { EXTRAORDINARY_MATTERS, type ExtraordinaryMatter } from '../extraordinary-matters';

/** A commitment of the acta as sent: its owner a member, a participant, an institution or a name; `id` keeps one. */
export interface CommitmentInput {
  id?: string;
  description?: string;
  ownerMemberId?: string;
  ownerParticipantId?: string;
  ownerInstitutionId?: string;
  ownerInstitutionName?: string;
  ownerName?: string;
  dueOn?: string;
}

export class SeriesDto {
  @ApiProperty({ example: '2026-03-03T19:30', description: 'Primera reunión, hora local de la zona' })
  @IsString()
  @MaxLength(20)
  localStart: string;
  @LooseText(60, { example: 'America/Santiago', description: 'Por omisión, la zona del municipio' })
  timeZone?: string;
  @ApiPropertyOptional({ enum: ['1 week', '2 weeks', '1 month'] })
  @IsOptional()
  @IsIn(['1 week', '2 weeks', '1 month'])
  every?: '1 week' | '2 weeks' | '1 month';
  @ApiPropertyOptional({
    example: 'FREQ=MONTHLY;BYDAY=1TU,3TU',
    description: 'Regla RFC 5545 sin DTSTART, COUNT ni UNTIL (en vez de every)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  rrule?: string;
  @ApiPropertyOptional({ example: 20, description: 'Número de reuniones (hasta 200)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  count?: number;
  @LooseText(20, { example: '2026-12-15', description: 'Última fecha (en vez de count)' })
  until?: string;
  @ApiProperty({ example: 'Sede de la Cámara de Comercio, Prat 560' }) @IsString() @MaxLength(300) place: string;
  @LooseText(500, { example: 'https://meet.google.com/abc-defg-hij' })
  onlineUrl?: string;
}

export class MeetingDto {
  @ApiProperty({ example: '2026-04-21T19:30' }) @IsString() @MaxLength(20) localStart: string;
  @LooseText(60, { example: 'America/Santiago' }) timeZone?: string;
  @ApiPropertyOptional({ enum: ['ordinary', 'extraordinary', 'constitutive', 'board'] })
  @IsOptional()
  @IsIn(['ordinary', 'extraordinary', 'constitutive', 'board'])
  kind?: 'ordinary' | 'extraordinary' | 'constitutive' | 'board';
  @ApiProperty() @IsString() @MaxLength(300) place: string;
  @LooseText(500) onlineUrl?: string;
  @ApiPropertyOptional({ enum: ['first', 'second'] })
  @IsOptional()
  @IsIn(['first', 'second'])
  call?: 'first' | 'second';
}

export class MoveDto {
  @LooseText(20, { example: '2026-04-22T19:30' }) localStart?: string;
  @LooseText(300) place?: string;
  @LooseText(500) onlineUrl?: string;
  @ApiPropertyOptional({ description: 'La versión leída (409 si otra persona la cambió)' })
  @RowVersion()
  version?: number;
}

export class CancelDto {
  @ApiProperty({ example: 'Feriado: se junta con la siguiente' }) @IsString() @MaxLength(500) reason: string;
  @ApiPropertyOptional() @RowVersion() version?: number;
}

/** POST /reuniones/:id/eliminar: a meeting recorded by mistake, confirmed with a checkbox (issue 20 item 3). */
export class RemoveMeetingDto {
  @IsOptional() @checkbox() @IsBoolean() confirm?: boolean;
  @RowVersion() version?: number;
}

export class CallDto {
  @ApiProperty({ enum: ['first', 'second'] })
  @IsIn(['first', 'second'])
  call: 'first' | 'second';
}

export class AgendaItemDto {
  @ApiProperty({ example: 'Seguridad: ronda de Carabineros en calle Prat' }) @IsString() @MaxLength(300) title: string;

  /** DOM-MTG-2: a matter that only an extraordinary meeting decides; refused on any other kind (422). */
  @ApiPropertyOptional({ enum: EXTRAORDINARY_MATTERS })
  @IsOptional()
  @IsIn([...EXTRAORDINARY_MATTERS, ''])
  matter?: ExtraordinaryMatter | '';
}

export class AgendaOrderDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) itemIds: string[];
}

export class MinutesDto {
  @ApiPropertyOptional({ description: 'La versión leída (0 antes del primer guardado); otra: 409 VERSION_CONFLICT' })
  @RowVersion(0)
  version?: number;
  @ApiPropertyOptional({
    description: 'Notas por punto de la tabla',
    example: [{ agendaItemId: null, title: 'Seguridad en el barrio', notes: 'Se informa la reunión con Carabineros…' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  items?: { agendaItemId?: string | null; title?: string; notes?: string }[];
  @ApiPropertyOptional({
    description:
      'Acuerdos numerados en este orden; majority simple (por omisión, configurable), absolute o two_thirds; el resultado se calcula (DOM-MTG-7)',
    example: [
      {
        text: 'Solicitar más patrullaje en O’Higgins',
        votesFor: 12,
        votesAgainst: 1,
        abstentions: 2,
        majority: 'simple',
      },
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  agreements?: { text?: string; votesFor?: number; votesAgainst?: number; abstentions?: number; majority?: string }[];
  @ApiPropertyOptional({
    description:
      'Compromisos con un responsable (ownerMemberId, ownerInstitutionName u ownerName) y plazo; `id` conserva uno ya guardado (DOM-MTG-8)',
    example: [{ description: 'Enviar la carta a la Municipalidad', ownerMemberId: '…', dueOn: '2026-04-30' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  commitments?: CommitmentInput[];
  @ApiPropertyOptional({
    description: 'Enmiendas a actas aprobadas de reuniones anteriores (DOM-MTG-9)',
    example: [{ minutesId: '…', text: 'Donde dice «calle Prat» debe decir «calle Cordovez».' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  amendments?: { minutesId?: string; text?: string }[];
}

export class CommitmentQueryDto {
  @LooseText(60) associationId?: string;
  @LooseText(60) tableId?: string;
  @LooseText(20, { enum: ['open', 'in_progress', 'done', 'cancelled'] })
  status?: string;
  @LooseText(5, { example: 'true' }) overdue?: string;
  @LooseText(60) institutionId?: string;
  @LooseText(60, { description: 'Solo con tableId: el eje de la mesa' })
  axisId?: string;
  @LooseText(10) page?: string;
  @LooseText(10) pageSize?: string;
}

export class CommitmentUpdateDto {
  @LooseText(20, { enum: ['open', 'in_progress', 'done', 'cancelled'] })
  status?: string;
  @ApiProperty({ example: 'Carabineros confirmó dos rondas diarias desde el lunes.' })
  @IsString()
  @MaxLength(10_000)
  note: string;
  @ApiPropertyOptional({ example: 50, description: 'Porcentaje de avance, 0 a 100' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  progress?: number;
}

export class ApproveDto {
  @ApiPropertyOptional({
    description: 'La versión que se leyó; si el acta cambió desde entonces: 409 VERSION_CONFLICT',
  })
  @RowVersion()
  version?: number;
}
