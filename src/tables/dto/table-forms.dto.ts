import { PickType } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsSpreadsheetText } from '../../common/text-validators';
import type { ActaInput } from '../../meetings/acta-parser';
import { widerScopeOf } from '../wider-scope';
import { TableDto, TableSessionDto } from './tables.dto';

/**
 * The tables' page forms, validated with `validateBody` (issue 16 item 7, issue 22 item 7): the same rules and
 * Spanish messages as the API's DTOs, for the fields a page posts as a browser posts them (a check box as `on`,
 * rows as `attendance[0][status]`, every field as text). Where a form is the API's body, the page uses the API's
 * DTO (ParticipantDto, ShareLinkDto, AgendaItemDto). A field the form leaves empty reaches the service as the
 * empty text it always did, so the service's own messages ("El campo name es obligatorio.") are unchanged.
 */

type Row = Record<string, unknown>;

/**
 * Rows of a form (`commitments[0][description]=…`): qs gives an array, or an object keyed by index past its array
 * limit; anything that is not a row is left out, as the pages always did.
 */
function rowsOf<T>(type: new () => T, value: unknown): T[] | unknown {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : value;
  if (!Array.isArray(list)) return value; // refused by @IsArray
  return list.filter((r): r is Row => !!r && typeof r === 'object').map((r) => plainToInstance(type, r));
}

/** A form's rows of `type` (the original body's value: class-transformer's own conversion is not used). */
const Rows = <T>(type: new () => T) => Transform(({ obj, key }) => rowsOf(type, (obj as Row)[key]));

/** POST /mesas: a commune table (the list page's form; the commune is chosen, the scope is always a commune). */
export class TableFormDto extends PickType(TableDto, ['kind', 'name', 'scopeCode', 'description'] as const) {
  /** The check box: `on` when ticked, absent otherwise. */
  @IsOptional() @IsIn(['on']) securityCouncil?: string;
}

/**
 * The service's input for a table created from the page: the scope list gives a commune by its code, a province or
 * a region (the administration's) as `province:041` or `region:04` (issue 20 item 2).
 */
export function tableInputFromForm(dto: TableFormDto) {
  const wider = widerScopeOf(dto.scopeCode);
  return {
    kind: dto.kind,
    name: dto.name,
    scopeLevel: wider?.level ?? 'commune',
    scopeCode: wider?.code ?? dto.scopeCode,
    securityCouncil: dto.securityCouncil === 'on',
    description: dto.description || undefined,
  };
}

/** POST /mesas/:id/ejes: one check box per participant, so one id arrives as text and several as a list. */
export class AxisFormDto {
  @IsString() @MaxLength(300) @IsSpreadsheetText() name = '';
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  participantIds: string[] = [];
}

/** POST /mesas/:id/sesiones: the page's session form (its time zone is the table's). */
export class TableSessionFormDto extends PickType(TableSessionDto, ['localStart', 'place', 'onlineUrl'] as const) {}

/** The service's input for a session created from the page (an empty online address is none). */
export function sessionInputFromForm(dto: TableSessionFormDto) {
  return { localStart: dto.localStart, place: dto.place, onlineUrl: dto.onlineUrl || undefined };
}

export class AttendanceRowFormDto {
  @IsString() @MaxLength(60) participantId = '';
  @IsString() @MaxLength(20) status = '';
  @IsString() @MaxLength(20) mode = '';
}

/** POST /mesas/:id/sesiones/:meetingId/asistencia: a row per representative (`attendance[i][status]`). */
export class AttendanceFormDto {
  @Rows(AttendanceRowFormDto)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  attendance: AttendanceRowFormDto[] = [];
}

export class MinutesItemFormDto {
  @IsString() @MaxLength(60) agendaItemId = '';
  /** An agenda point's title: an open commitment's description is one (up to 10,000 characters, as the engine takes). */
  @IsString() @MaxLength(10_000) title = '';
  @IsString() @MaxLength(10_000) notes = '';
}

export class AgreementFormDto {
  @IsString() @MaxLength(10_000) text = '';
}

export class CommitmentFormDto {
  @IsString() @MaxLength(60) id = '';
  @IsString() @MaxLength(10_000) description = '';
  /** `participant:<id>` or `institution:<id>` (the editor's owner list), or empty. */
  @IsString() @MaxLength(80) owner = '';
  @IsString() @MaxLength(60) axisId = '';
  @IsString() @MaxLength(20) dueOn = '';
}

/**
 * POST /mesas/:id/sesiones/:meetingId/acta: the acta editor (notes per point, agreements, commitments), with the
 * engine's limits (table-sessions.service LIMITS); the engine still checks every text and names each row.
 */
export class MinutesFormDto {
  @IsString() @MaxLength(20) version = '';
  @Rows(MinutesItemFormDto)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  items: MinutesItemFormDto[] = [];
  @Rows(AgreementFormDto)
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  agreements: AgreementFormDto[] = [];
  @Rows(CommitmentFormDto)
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  commitments: CommitmentFormDto[] = [];
}

/**
 * The acta engine's input from the editor: blank agreement rows are not saved; a commitment row cleared entirely
 * is left out (a saved commitment so cleared is removed, refused if it has progress); an owner is
 * `participant:<id>` or `institution:<id>`.
 */
export function actaInputFromForm(dto: MinutesFormDto): ActaInput {
  return {
    version: dto.version,
    items: dto.items.map((r) => ({ agendaItemId: r.agendaItemId || null, title: r.title, notes: r.notes })),
    agreements: dto.agreements.filter((a) => a.text.trim()).map((a) => ({ text: a.text })),
    commitments: dto.commitments
      .filter((c) => c.description.trim() || c.owner || c.dueOn)
      .map((c) => {
        const [kind, ownerId] = c.owner.split(':');
        return {
          ...(c.id ? { id: c.id } : {}),
          description: c.description,
          ...(kind === 'participant'
            ? { ownerParticipantId: ownerId }
            : kind === 'institution'
              ? { ownerInstitutionId: ownerId }
              : {}),
          axisId: c.axisId || undefined,
          dueOn: c.dueOn,
        };
      }),
  };
}

/** POST /mesas/:id/sesiones/:meetingId/aprobar: the version read (a hidden field); anything else is no version. */
export class ApproveFormDto {
  @IsString() @MaxLength(20) version = '';
}

/** The version the approval checks, or none (a missing or malformed hidden field, as before). */
export function approvedVersionFromForm(dto: ApproveFormDto): number | undefined {
  const version = Number(dto.version);
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

/** POST /mesas/:id/compromisos/:commitmentId/avance (multipart: the file is not part of the body). */
export class ProgressFormDto {
  @IsString() @MaxLength(20) status = '';
  @IsString() @MaxLength(10) progress = '';
  @IsString() @MaxLength(10_000) note = '';
}

/** POST /mesas/:id/participantes/:participantId/cuenta: the e-mail for the representative's account (prefilled). */
export class AccountFormDto {
  @IsOptional() @IsString() @MaxLength(300) accountEmail?: string;
  /** The row the form belongs to (the address names it too): only to show a refusal in its row. */
  @IsOptional() @IsString() @MaxLength(60) participantId?: string;
}

/** POST /mesas/:id/coordinadores: who will coordinate the table, by name and e-mail. */
export class CoordinatorFormDto {
  @IsOptional() @IsString() @MaxLength(300) @IsSpreadsheetText() coordinatorName?: string;
  @IsOptional() @IsString() @MaxLength(300) coordinatorEmail?: string;
}

/** POST /mesas/solicitudes: a municipal officer asks the administration for a province or region table. */
export class TableRequestFormDto {
  @IsOptional() @IsString() @MaxLength(40) requestKind?: string;
  @IsOptional() @IsString() @MaxLength(300) @IsSpreadsheetText() requestName?: string;
  @IsOptional() @IsString() @MaxLength(40) requestScope?: string;
  @IsOptional() @IsString() @MaxLength(2000) requestReason?: string;
}
