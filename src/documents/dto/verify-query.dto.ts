import { IsOptional, IsString, MaxLength } from 'class-validator';

export class VerifyQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  codigo?: string;
}
