import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { INSTITUTION_KINDS } from '../entities/institution.entity';

export class InstitutionQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) communeCode?: string;
  @ApiPropertyOptional({ enum: INSTITUTION_KINDS }) @IsOptional() @IsString() @MaxLength(40) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) page?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) pageSize?: string;
}

export class InstitutionDto {
  @ApiProperty({ example: 'Carabineros de Chile, 1.ª Comisaría de La Serena' })
  @IsString()
  @MaxLength(300)
  name: string;
  @ApiProperty({ enum: INSTITUTION_KINDS }) @IsString() @MaxLength(40) kind: string;
  @ApiPropertyOptional({ example: '04101', description: 'La comuna de la institución; sin ella, regional o nacional' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  communeCode?: string;
}
