import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  AREAS,
  ASSOCIATION_KINDS,
  ASSOCIATION_STATUSES,
  MEMBERSHIP_STATUSES,
  WARNING_CODES,
} from '../association-rules';
import { localMessage } from '../../common/errors/validation-messages';
import { checkbox, emptyToUndefined } from '../../common/form-values';
import { OptionalText, PageNumber, PageSize } from '../../common/dto-fields';
import { namedField } from '../../common/text';
import { IsPersonName, IsPrintableText, IsSpreadsheetText } from '../../common/text-validators';

const DATE = /^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})$/;
const dateMessage = (field: string) => ({ message: localMessage('validation.date', { field }) });

export class CreateAssociationDto {
  @ApiProperty({ example: '04101', description: 'Código de la comuna (CUT) o del distrito peruano (PE-130102)' })
  @IsString()
  @MaxLength(12)
  communeCode: string;

  @ApiProperty({ enum: ASSOCIATION_KINDS })
  @IsIn(ASSOCIATION_KINDS)
  kind: string;

  @ApiProperty({ example: 'Barrio Patrimonial La Serena' })
  @IsString()
  @MaxLength(200)
  @IsSpreadsheetText({ aside: 'name' })
  name: string;

  @ApiProperty({ enum: AREAS })
  @IsIn(AREAS)
  area: string;

  @ApiProperty({ example: 'Calle Prat 450, La Serena' })
  @IsString()
  @MaxLength(300)
  @IsSpreadsheetText({ aside: 'address' })
  address: string;

  @OptionalText(100, { description: 'Unidad vecinal (obligatoria para juntas de vecinos)' })
  neighbourhoodUnit?: string;

  @OptionalText(20, { description: 'RUT de la organización (Chile), en cualquier escritura común' })
  rut?: string;

  @OptionalText(20, { description: 'RUC de la organización (Perú), 11 dígitos' })
  ruc?: string;

  @ApiPropertyOptional({
    description: 'Asociación gremial: número de inscripción en el Ministerio de Economía (DOM-ORG-13)',
  })
  @emptyToUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  registryNumber?: string;

  @ApiPropertyOptional({ description: 'Asociación gremial: fecha de inscripción' })
  @emptyToUndefined()
  @IsOptional()
  @Matches(DATE, dateMessage('registeredOn'))
  registeredOn?: string;

  @OptionalText(200, { description: 'Perú: quién reconoce a la organización (DOM-ORG-14)' })
  recognisedBy?: string;

  @ApiPropertyOptional({ description: 'Perú: fecha del reconocimiento (vale 2 años)' })
  @emptyToUndefined()
  @IsOptional()
  @Matches(DATE, dateMessage('recognisedOn'))
  recognisedOn?: string;

  @OptionalText(200)
  @IsSpreadsheetText({ aside: 'contactName' })
  contactName?: string;

  @OptionalText(40)
  contactPhone?: string;

  @OptionalText(254)
  contactEmail?: string;

  @OptionalText(10_000)
  description?: string;
}

export class UpdateAssociationDto {
  @ApiPropertyOptional({
    description: 'Versión leída (si se envía y otra persona cambió la organización: 409 VERSION_CONFLICT)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsSpreadsheetText({ aside: 'name' })
  name?: string;
  @ApiPropertyOptional({ enum: AREAS }) @IsOptional() @IsIn(AREAS) area?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @IsSpreadsheetText({ aside: 'address' })
  address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) neighbourhoodUnit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) rut?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) ruc?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsSpreadsheetText({ aside: 'contactName' })
  contactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) contactPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) contactEmail?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) description?: string;
}

export class RecognitionDto {
  @OptionalText(50, { description: 'Asociación gremial: número de inscripción' })
  registryNumber?: string;
  @ApiPropertyOptional()
  @emptyToUndefined()
  @IsOptional()
  @Matches(DATE, dateMessage('registeredOn'))
  registeredOn?: string;
  @OptionalText(200, { description: 'Perú: quién reconoce' })
  recognisedBy?: string;
  @ApiPropertyOptional()
  @emptyToUndefined()
  @IsOptional()
  @Matches(DATE, dateMessage('recognisedOn'))
  recognisedOn?: string;
}

export class RegistryQueryDto {
  @OptionalText(12) communeCode?: string;
  @ApiPropertyOptional({ enum: ASSOCIATION_STATUSES })
  @emptyToUndefined()
  @IsOptional()
  @IsIn(ASSOCIATION_STATUSES)
  status?: string;
  @ApiPropertyOptional({ enum: ASSOCIATION_KINDS })
  @emptyToUndefined()
  @IsOptional()
  @IsIn(ASSOCIATION_KINDS)
  kind?: string;
  @ApiPropertyOptional({ enum: ['any', ...WARNING_CODES], description: '`any`: con alguna advertencia' })
  @emptyToUndefined()
  @IsOptional()
  @IsIn(['any', ...WARNING_CODES])
  warning?: string;
  @OptionalText(100) q?: string;
  @PageNumber()
  page?: number;
  @PageSize()
  pageSize?: number;
}

/** A page of a commune's public registry (issue 21: a large commune has thousands of organisations). */
export class PublicRegistryQueryDto {
  @PageNumber()
  page?: number;
  @PageSize()
  pageSize?: number;
}

export class RosterQueryDto {
  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @emptyToUndefined()
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: string;
  @OptionalText(100, { description: 'Nombre, negocio o correo (los RUT no van en la URL, DOM-DATA-1)' })
  q?: string;
  @PageNumber()
  page?: number;
  @PageSize()
  pageSize?: number;
}

export class CreateMemberDto {
  @OptionalText(20, { example: '12.345.678-5', description: 'Chile: RUT en cualquier escritura común' })
  rut?: string;
  @OptionalText(20, { example: '45678912', description: 'Perú: DNI de 8 dígitos' })
  dni?: string;
  @ApiProperty({
    example: 'María José Pérez Cortés',
    description: 'Letras (con tildes, ñ, diéresis), espacios, apóstrofos y guiones; sin emoji ni símbolos',
  })
  @IsString()
  @MaxLength(200)
  @IsPersonName('fullName')
  fullName: string;
  @ApiProperty({ example: '1980-04-23' }) @IsString() @Matches(DATE, dateMessage('birthDate')) birthDate: string;
  @OptionalText(254)
  @IsSpreadsheetText()
  email?: string;
  @OptionalText(40)
  @IsSpreadsheetText({ phone: true })
  phone?: string;
  @OptionalText(300)
  @IsSpreadsheetText()
  address?: string;
  @OptionalText(200, { example: 'Café Plaza' })
  @IsSpreadsheetText()
  businessName?: string;
  @OptionalText(100, { example: 'Restaurante' })
  @IsSpreadsheetText()
  businessCategory?: string;
  @ApiPropertyOptional({
    enum: ['female', 'male'],
    description: 'Cómo se escribe su cargo (Presidenta, Presidente); vacío: el nombre neutro (Presidencia)',
  })
  @IsOptional()
  @IsIn(['female', 'male', ''])
  gender?: 'female' | 'male' | '';
  @ApiProperty({ example: '2026-03-10' }) @IsString() @Matches(DATE, dateMessage('joinedOn')) joinedOn: string;
  @ApiPropertyOptional({ description: 'Menores de 16: consentimiento del apoderado registrado (DOM-DATA-3)' })
  @checkbox()
  @IsOptional()
  @IsBoolean()
  guardianConsent?: boolean;
  @OptionalText(200, { description: 'Nombre del apoderado que consiente' })
  @IsPersonName('guardianName')
  guardianName?: string;
}

export class UpdateMemberDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() version?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) @IsSpreadsheetText() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) @IsSpreadsheetText({ phone: true }) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) @IsSpreadsheetText() address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) @IsSpreadsheetText() businessName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) @IsSpreadsheetText() businessCategory?: string;
  @ApiPropertyOptional({
    enum: ['female', 'male'],
    description: 'Cómo se escribe su cargo (Presidenta, Presidente); vacío: el nombre neutro (Presidencia)',
  })
  @IsOptional()
  @IsIn(['female', 'male', ''])
  gender?: 'female' | 'male' | '';
  @ApiPropertyOptional() @checkbox() @IsOptional() @IsBoolean() guardianConsent?: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsPersonName('guardianName')
  guardianName?: string;
  @OptionalText(200, { description: 'Solo la municipalidad (DOM-ORG-15)' })
  @IsPersonName('fullName')
  fullName?: string;
  @ApiPropertyOptional({ description: 'Solo la municipalidad (DOM-ORG-15)' })
  @emptyToUndefined()
  @IsOptional()
  @Matches(DATE, dateMessage('birthDate'))
  birthDate?: string;
}

export class EndMemberDto {
  /** Checked with the reason by the service, so a form with both missing is told both at once. */
  @ApiProperty({ example: '2026-11-20' }) @IsString() @MaxLength(20) leftOn: string;
  @ApiProperty({ example: 'Renuncia voluntaria' }) @IsString() @MaxLength(500) reason: string;
}

export class SuspendMemberDto {
  @ApiPropertyOptional({ description: 'Fecha desde la que rige (hoy si falta)' })
  @emptyToUndefined()
  @IsOptional()
  @Matches(DATE, dateMessage('on'))
  on?: string;
  @ApiProperty() @IsString() @MaxLength(500) reason: string;
}

export class ReactivateMemberDto {
  @ApiPropertyOptional() @emptyToUndefined() @IsOptional() @Matches(DATE, dateMessage('on')) on?: string;
  @OptionalText(500) reason?: string;
}

export class CorrectPersonDto {
  @OptionalText(20) rut?: string;
  @OptionalText(20) dni?: string;
  @ApiProperty({ description: 'Motivo de la corrección (queda en el registro de auditoría)' })
  @IsString()
  @MaxLength(500)
  reason: string;
}

export class ErasePersonDto {
  @ApiProperty({ description: 'Motivo o número de la solicitud de supresión' })
  @IsString()
  @MaxLength(500)
  reason: string;
}

export class AccessInviteDto {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: localMessage('validation.notEmail', { field: 'email' }) })
  email: string;
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: localMessage('validation.required', { field: namedField('name', 'name') }) })
  @IsPersonName('name')
  name: string;
  @ApiProperty({ enum: ['association_officer', 'association_member'] })
  @IsIn(['association_officer', 'association_member'])
  role: string;
}

/** A roster officer asks the municipality to correct a member's name or birth date (DOM-ORG-15). */
export class IdentityCorrectionRequestDto {
  @OptionalText(1000, { description: 'Qué hay que corregir (por ejemplo, el nombre como aparece en el carnet)' })
  @IsPrintableText('correction')
  note?: string;
}
