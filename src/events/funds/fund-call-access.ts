import { type Actor, hasRole, isAdmin, officerCommunes } from '../../common/access/actor';
import type { FieldError } from '../../common/errors/domain.exception';
import { ModuleException } from '../../common/errors/domain.exception';
import type { FundCall } from './entities/fund-call.entity';
import type { FundCallFields, TerritoryIndex } from './fund-call-input';
import { FundException } from './funds.exception';
import { fundTexts } from './funds.messages';

/** The creator's scope kept on a call so the same officers may edit it (DOM-FND-1). */
export interface FundCallOwner {
  programId: string | null;
  communeCode: string | null;
}

/** A program's territory as the programs module answers it (ProgramsService.get). */
export interface ProgramTerritory {
  id: string;
  regionCode: string | null;
  communeCodes: string[];
}

/** The programs the actor is an officer of. */
export function officerPrograms(actor: Actor): string[] {
  return actor.roles.filter((r) => r.role === 'program_officer' && r.scopeId).map((r) => r.scopeId as string);
}

/** Whether the actor may create calls at all (API.md: admin, program officers, municipal officers). */
export function mayCreateCalls(actor: Actor | null): boolean {
  return !!actor && (isAdmin(actor) || officerPrograms(actor).length > 0 || officerCommunes(actor).length > 0);
}

/**
 * Who may create a call of that territory (DOM-FND-1, API.md "Who may do what"): the admin any; a program officer a
 * regional or communal call inside their program's territory (its region, or its communes); a municipal officer a
 * communal call of their own commune(s), e.g. a FONDEVE. Answers the owner to keep, or the refusal naming the field.
 */
export function ownerFor(
  actor: Actor,
  fields: Pick<FundCallFields, 'scope' | 'regionCodes' | 'communeCodes'>,
  program: ProgramTerritory | null,
  territory: TerritoryIndex,
): { ok: true; owner: FundCallOwner } | { ok: false; errors: FieldError[]; status: 403 } {
  if (isAdmin(actor)) return { ok: true, owner: { programId: program?.id ?? null, communeCode: null } };
  const refuse = (field: string, text: ReturnType<typeof fundTexts.forbiddenCreate>) => ({
    ok: false as const,
    status: 403 as const,
    errors: [ModuleException.fieldError(field, text)],
  });
  if (program && hasRole(actor, 'program_officer', program.id)) {
    if (fields.scope === 'national') return refuse('scope', fundTexts.programOfficerNoNational());
    const inside =
      fields.scope === 'regional'
        ? program.regionCode !== null && fields.regionCodes.every((r) => r === program.regionCode)
        : fields.communeCodes.every((c) =>
            program.regionCode
              ? territory.communes.get(c)?.regionCode === program.regionCode
              : program.communeCodes.includes(c),
          );
    if (!inside)
      return refuse(
        fields.scope === 'regional' ? 'regionCodes' : 'communeCodes',
        fundTexts.outsideProgram({ territory: [...fields.regionCodes, ...fields.communeCodes].join(', ') }),
      );
    return { ok: true, owner: { programId: program.id, communeCode: null } };
  }
  const communes = officerCommunes(actor);
  if (communes.length) {
    if (fields.scope !== 'communal' || !fields.communeCodes.every((c) => communes.includes(c)))
      return refuse('scope', fundTexts.municipalOnlyCommunal({ communes: communes.join(', ') }));
    return { ok: true, owner: { programId: null, communeCode: fields.communeCodes[0] } };
  }
  if (officerPrograms(actor).length) return refuse('programId', fundTexts.programRequired());
  return refuse('scope', fundTexts.forbiddenCreate());
}

/** Whether the actor may edit this call: the admin, or the officers of the program or commune that created it. */
export function mayEdit(actor: Actor | null, call: Pick<FundCall, 'ownerProgramId' | 'ownerCommuneCode'>): boolean {
  if (!actor) return false;
  if (isAdmin(actor)) return true;
  if (call.ownerProgramId && hasRole(actor, 'program_officer', call.ownerProgramId)) return true;
  return !!call.ownerCommuneCode && officerCommunes(actor).includes(call.ownerCommuneCode);
}

/** 403 naming what the actor may not do (the call itself is public, so never a 404 here). */
export function forbiddenEdit(): FundException {
  return FundException.forbidden(fundTexts.forbiddenEdit());
}
