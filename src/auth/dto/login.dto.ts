import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ROLE_NAMES } from '../../common/access/roles';
import { localMessage } from '../../common/errors/validation-messages';

/** The password is checked in bytes by the service (8 to 256); 1 MB is refused before any hashing. */
export class LoginDto {
  @ApiProperty({ example: 'secretaria@example.cl' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;

  /** The login form always posts it, empty when the user came straight to /ingresar. */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^\/(?!\/)[^\s\\]*$/, { message: localMessage('validation.portalPath', { field: 'volver' }) })
  volver?: string;
}

export class ForgotPasswordDto {
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class SetPasswordDto {
  @IsString()
  @MaxLength(200)
  token: string;

  @IsString()
  @MaxLength(256)
  password: string;

  @IsString()
  @MaxLength(256)
  passwordConfirmation: string;
}

export class RoleGrantDto {
  @ApiProperty({ enum: ROLE_NAMES })
  @IsIn(ROLE_NAMES)
  role: string;

  @ApiProperty({ enum: ['platform', 'commune', 'association', 'table', 'program'] })
  @IsIn(['platform', 'commune', 'association', 'table', 'program'])
  scopeType: string;

  @ApiProperty({
    required: false,
    description: 'Código de comuna, o id de la asociación/mesa/programa; ausente para platform',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  scopeId?: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ required: false, description: 'Sin contraseña se envía una invitación por correo' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @ApiProperty({ type: [RoleGrantDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  roles: RoleGrantDto[];
}

export class UserSearchDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class RoleFormDto {
  @IsIn(ROLE_NAMES)
  role: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  scopeId?: string;
}

/** The HTML invitation form: one role at a time. */
export class InviteFormDto extends RoleFormDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;
}
