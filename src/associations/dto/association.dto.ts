import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
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
import { LooseText, OptionalChoice, OptionalText, PageNumber, PageSize, stacked } from '../../common/dto-fields';
import { namedField } from '../../common/text';
import { IsPersonName, IsPrintableText, IsSpreadsheetText } from '../../common/text-validators';

const DATE = /^(\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})$/;
const dateMessage = (field: string) => ({ message: localMessage('validation.date', { field }) });

/** An optional date (yyyy-mm-dd or dd-mm-yyyy) named `field` in its message; a form's empty field is absent. */
const OptionalDate = (field: string, api?: ApiPropertyOptions): PropertyDecorator =>
  stacked(ApiPropertyOptional(api), emptyToUndefined(), IsOptional(), Matches(DATE, dateMessage(field)));

/** One of `list`, required. */
const Choice = (list: readonly string[]): PropertyDecorator => stacked(ApiProperty({ enum: list }), IsIn(list));

/** A required text of at most `max` characters that ends up in spreadsheets (its message names `aside`). */
const SheetText = (max: number, aside: string, example: string): PropertyDecorator =>
  stacked(ApiProperty({ example }), IsString(), MaxLength(max), IsSpreadsheetText({ aside }));

/** How a member's post is written (Presidenta, Presidente), or '' for the neutral name (issue 20 item 6). */
const PostGender = (): PropertyDecorator =>
  stacked(
    ApiPropertyOptional({
      enum: ['female', 'male'],
      description: 'Cómo se escribe su cargo (Presidenta, Presidente); vacío: el nombre neutro (Presidencia)',
    }),
    IsOptional(),
    IsIn(['female', 'male', '']),
  );

export class CreateAssociationDto {
  @ApiProperty({ example: '04101', description: 'Código de la comuna (CUT) o del distrito peruano (PE-130102)' })
  @IsString()
  @MaxLength(12)
  communeCode: string;

  @Choice(ASSOCIATION_KINDS)
  kind: string;

  @SheetText(200, 'name', 'Barrio Patrimonial La Serena')
  name: string;

  @Choice(AREAS)
  area: string;

  @SheetText(300, 'address', 'Calle Prat 450, La Serena')
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

  @OptionalDate('registeredOn', { description: 'Asociación gremial: fecha de inscripción' })
  registeredOn?: string;

  @OptionalText(200, { description: 'Perú: quién reconoce a la organización (DOM-ORG-14)' })
  recognisedBy?: string;

  @OptionalDate('recognisedOn', { description: 'Perú: fecha del reconocimiento (vale 2 años)' })
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

  @LooseText(200)
  @IsSpreadsheetText({ aside: 'name' })
  name?: string;
  @ApiPropertyOptional({ enum: AREAS }) @IsOptional() @IsIn(AREAS) area?: string;
  @LooseText(300)
  @IsSpreadsheetText({ aside: 'address' })
  address?: string;
  @LooseText(100) neighbourhoodUnit?: string;
  @LooseText(20) rut?: string;
  @LooseText(20) ruc?: string;
  @LooseText(200)
  @IsSpreadsheetText({ aside: 'contactName' })
  contactName?: string;
  @LooseText(40) contactPhone?: string;
  @LooseText(254) contactEmail?: string;
  @LooseText(10_000) description?: string;
}

export class RecognitionDto {
  @OptionalText(50, { description: 'Asociación gremial: número de inscripción' })
  registryNumber?: string;
  @OptionalDate('registeredOn')
  registeredOn?: string;
  @OptionalText(200, { description: 'Perú: quién reconoce' })
  recognisedBy?: string;
  @OptionalDate('recognisedOn')
  recognisedOn?: string;
}

export class RegistryQueryDto {
  @OptionalText(12) communeCode?: string;
  @OptionalChoice(ASSOCIATION_STATUSES)
  status?: string;
  @OptionalChoice(ASSOCIATION_KINDS)
  kind?: string;
  @OptionalChoice(['any', ...WARNING_CODES], { description: '`any`: con alguna advertencia' })
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
  @OptionalChoice(MEMBERSHIP_STATUSES)
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
  @PostGender()
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
  @LooseText(254) @IsSpreadsheetText() email?: string;
  @LooseText(40) @IsSpreadsheetText({ phone: true }) phone?: string;
  @LooseText(300) @IsSpreadsheetText() address?: string;
  @LooseText(200) @IsSpreadsheetText() businessName?: string;
  @LooseText(100) @IsSpreadsheetText() businessCategory?: string;
  @PostGender()
  gender?: 'female' | 'male' | '';
  @ApiPropertyOptional() @checkbox() @IsOptional() @IsBoolean() guardianConsent?: boolean;
  @LooseText(200)
  @IsPersonName('guardianName')
  guardianName?: string;
  @OptionalText(200, { description: 'Solo la municipalidad (DOM-ORG-15)' })
  @IsPersonName('fullName')
  fullName?: string;
  @OptionalDate('birthDate', { description: 'Solo la municipalidad (DOM-ORG-15)' })
  birthDate?: string;
}

export class EndMemberDto {
  /** Checked with the reason by the service, so a form with both missing is told both at once. */
  @ApiProperty({ example: '2026-11-20' }) @IsString() @MaxLength(20) leftOn: string;
  @ApiProperty({ example: 'Renuncia voluntaria' }) @IsString() @MaxLength(500) reason: string;
}

export class SuspendMemberDto {
  @OptionalDate('on', { description: 'Fecha desde la que rige (hoy si falta)' })
  on?: string;
  @ApiProperty() @IsString() @MaxLength(500) reason: string;
}

export class ReactivateMemberDto {
  @OptionalDate('on') on?: string;
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
