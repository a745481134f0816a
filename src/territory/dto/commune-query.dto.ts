import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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
  @Matches(/^(\d{2}|PE-\d{2})$/, { message: 'El campo regionCode debe ser un código de región como 04 o PE-13.' })
  regionCode?: string;
}
