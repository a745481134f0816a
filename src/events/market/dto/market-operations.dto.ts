import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { SLOT_ATTENDANCE, type SlotAttendance } from '../entities/market-slot.entity';
import { IsSpreadsheetText } from '../../../common/text-validators';

const rule = (name: string, validate: (value: unknown) => boolean, message: string): PropertyDecorator =>
  ValidateBy({ name, validator: { validate } }, { message });

/** POST /api/v1/market-slots/:id/cancel (DOM-MKT-3). */
export class MarketCancelDto {
  @ApiProperty({ example: 'Enfermedad; avisó por teléfono' })
  @rule(
    'cancelReason',
    (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 500,
    'Indique el motivo de la cancelación (hasta 500 caracteres).',
  )
  @IsSpreadsheetText({ label: 'motivo' })
  reason: string;
}

/** PUT /api/v1/market-slots/:id/attendance (DOM-MKT-4). */
export class MarketAttendanceDto {
  @ApiProperty({ enum: SLOT_ATTENDANCE, example: 'attended' })
  @rule(
    'attendanceStatus',
    (v) => typeof v === 'string' && (SLOT_ATTENDANCE as readonly string[]).includes(v),
    'Indique la asistencia: asistió (attended), justificó (excused) o no asistió (no_show).',
  )
  status: SlotAttendance;
}
