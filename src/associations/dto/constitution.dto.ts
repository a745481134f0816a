import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { localMessage } from '../../common/errors/validation-messages';

export class ConstitutionRequestDto {
  @ApiProperty({
    example: '2026-04-14T19:30',
    description: 'Fecha y hora propuestas (hora local de la comuna, o un instante ISO)',
  })
  @IsString()
  @MaxLength(40)
  proposedAt: string;
  @ApiProperty({ example: 'Sede de la Cámara de Comercio, Prat 560' }) @IsString() @MaxLength(300) place: string;
}

export class FaithMinisterDto {
  @ApiProperty({ description: 'Usuario con el rol de ministro de fe en la comuna' })
  @IsUUID('all', { message: localMessage('validation.idOf.user', { field: 'faithMinisterUserId' }) })
  faithMinisterUserId: string;
}

export class SeatDto {
  @ApiProperty({ enum: ['president', 'secretary', 'treasurer', 'director', 'substitute'] })
  @IsIn(['president', 'secretary', 'treasurer', 'director', 'substitute'])
  position: 'president' | 'secretary' | 'treasurer' | 'director' | 'substitute';
  @ApiProperty()
  @IsUUID('all', { message: localMessage('validation.idOf.member', { field: 'memberId' }) })
  memberId: string;
  @ApiPropertyOptional({ description: 'Orden de los suplentes: 1, 2, 3…' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  rank?: number;
  @ApiPropertyOptional({
    description: 'Declaración: chileno o residente por más de 3 años; sin cargo municipal en la comuna (DOM-ORG-5)',
  })
  @IsOptional()
  @IsBoolean()
  declaredEligible?: boolean;
}

export class AssemblyDto {
  @ApiProperty({
    example: '2026-03-16T19:30',
    description: 'Cuándo se realizó la asamblea (hora local de la comuna, o un instante ISO)',
  })
  @IsString()
  @MaxLength(40)
  assemblyAt: string;
  @ApiProperty() @IsString() @MaxLength(300) place: string;
  @ApiPropertyOptional({ description: 'Ministro de fe (solo la municipalidad lo asigna)' })
  @IsOptional()
  @IsUUID('all', { message: localMessage('validation.idOf.user', { field: 'faithMinisterUserId' }) })
  faithMinisterUserId?: string;
  @ApiProperty({ type: [String], description: 'ids de membresía de los socios fundadores presentes' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  founderMemberIds: string[];
  @ApiProperty({ type: [SeatDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SeatDto)
  provisionalBoard: SeatDto[];
  @ApiPropertyOptional({ default: true, description: 'La asamblea aprobó los estatutos' })
  @IsOptional()
  @IsBoolean()
  statutesApproved?: boolean;
}

export class CertifyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) notes?: string;
}

export class DepositDto {
  @ApiProperty({ example: '2026-03-30' }) @IsString() @MaxLength(20) depositedOn: string;
}

export class ObjectionDto {
  @ApiProperty({ example: '2026-04-10' }) @IsString() @MaxLength(20) objectedOn: string;
  @ApiProperty({ example: 'Los estatutos no fijan el número de directores.' })
  @IsString()
  @MaxLength(10_000)
  reasons: string;
}

export class CorrectionDto {
  @ApiProperty({ example: '2026-06-20', description: 'Fecha en que la organización subsanó las observaciones' })
  @IsString()
  @MaxLength(20)
  correctedOn: string;
  @ApiProperty({ example: 'Se modificaron los estatutos para fijar cinco directores.' })
  @IsString()
  @MaxLength(10_000)
  notes: string;
}

export class BoardTermDto {
  @ApiProperty({ enum: ['provisional', 'definitive'] })
  @IsIn(['provisional', 'definitive'])
  kind: 'provisional' | 'definitive';
  @ApiProperty({ example: '2026-05-12' }) @IsString() @MaxLength(20) startsOn: string;
  @ApiPropertyOptional({
    example: '2029-05-12',
    description: 'Por omisión, 60 días (provisorio) o 3 años (definitivo) después del inicio',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  endsOn?: string;
  @ApiProperty({ type: [SeatDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SeatDto)
  seats: SeatDto[];
}
