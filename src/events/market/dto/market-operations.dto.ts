import { ApiProperty } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { SLOT_ATTENDANCE, type SlotAttendance } from '../entities/market-slot.entity';
import { localMessage } from '../../../common/errors/validation-messages';
import { IsSpreadsheetText } from '../../../common/text-validators';

/** A rule of its own; `key`: its message in the dictionary's `validation.market`. */
const rule = (name: string, validate: (value: unknown) => boolean, key: string): PropertyDecorator =>
  ValidateBy({ name, validator: { validate } }, { message: localMessage(`validation.market.${key}`) });

/** POST /api/v1/market-slots/:id/cancel (DOM-MKT-3). */
export class MarketCancelDto {
  @ApiProperty({ example: 'Enfermedad; avisó por teléfono' })
  @rule('cancelReason', (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 500, 'cancelReason')
  @IsSpreadsheetText({ aside: 'reason' })
  reason: string;
}

/** PUT /api/v1/market-slots/:id/attendance (DOM-MKT-4). */
export class MarketAttendanceDto {
  @ApiProperty({ enum: SLOT_ATTENDANCE, example: 'attended' })
  @rule(
    'attendanceStatus',
    (v) => typeof v === 'string' && (SLOT_ATTENDANCE as readonly string[]).includes(v),
    'attendance',
  )
  status: SlotAttendance;
}
