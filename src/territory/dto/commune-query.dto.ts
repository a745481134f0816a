import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { localMessage } from '../../common/errors/validation-messages';

export class CommuneQueryDto {
  @ApiPropertyOptional({
    description: 'Texto a buscar en el nombre (sin distinguir tildes ni mayúsculas)',
    example: 'serena',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Código de región (Chile `04`, Perú `PE-13`)', example: '04' })
  @IsOptional()
  @Matches(/^(\d{2}|PE-\d{2})$/, { message: localMessage('validation.regionCodeQuery', { field: 'regionCode' }) })
  regionCode?: string;
}
