import { IsOptional, IsString, MaxLength } from 'class-validator';

export class VerifyQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'El campo código admite como máximo 64 caracteres.' })
  codigo?: string;
}
