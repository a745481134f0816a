import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../../audit/audit.service';
import { type Actor, isAdmin } from '../../common/access/actor';
import { type FieldError, ModuleException } from '../../common/errors/domain.exception';
import { InstitutionsService } from '../../institutions/institutions.service';
import { ProgramsService } from '../../programs/programs.service';
import { FundCall } from './entities/fund-call.entity';
import {
  forbiddenEdit,
  mayCreateCalls,
  mayEdit,
  officerPrograms,
  ownerFor,
  type FundCallOwner,
  type ProgramTerritory,
} from './fund-call-access';
import { checkFundCall, type FundCallFields, type FundCallRaw } from './fund-call-input';
import { localDateTime } from './fund-call-state';
import { FundCallsService, type FundCallView } from './fund-calls.service';
import { FundException } from './funds.exception';
import { fundTexts } from './funds.messages';

/** A call to create: its fields as given, its institution (an id of the list or a name), the creator's program. */
export interface FundCallCreate extends FundCallRaw {
  institutionId?: string;
  institutionName?: string;
  programId?: string;
}

/** A call ready to write: the fields past the rules, the institution resolved or to create, the owner. */
export interface PreparedCall {
  fields: FundCallFields;
  institutionId: string | null;
  institutionName: string | null;
  owner: FundCallOwner;
}

/**
 * Creating and editing fund calls (DOM-FND-1): the field rules (fund-call-input), who may write which territory
 * (fund-call-access), edits only while the call is upcoming, one audit row per write. The CSV import prepares every
 * row with `prepare` and writes them with `write` in one transaction (all or nothing).
 */
@Injectable()
export class FundCallEditorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calls: FundCallsService,
    private readonly audit: AuditService,
    private readonly institutions: InstitutionsService,
    private readonly programs: ProgramsService,
  ) {}

  async create(actor: Actor, input: FundCallCreate, context: AuditContext): Promise<FundCallView> {
    const prepared = await this.prepare(actor, input, context);
    if (!prepared.ok) throw this.refusal(prepared.errors, prepared.status);
    const [id] = await this.dataSource.transaction((em) => this.write(actor, [prepared.call], context, em));
    return this.calls.get(id);
  }

  /**
   * Checks one call for `actor` without writing: the field rules, the institution, the territory the actor may
   * use. Answers the refusals (400 for bad input, 403 for a territory outside the actor's scope).
   */
  async prepare(
    actor: Actor,
    input: FundCallCreate,
    context: AuditContext,
  ): Promise<{ ok: true; call: PreparedCall } | { ok: false; errors: FieldError[]; status: number }> {
    if (!mayCreateCalls(actor))
      return { ok: false, status: 403, errors: [ModuleException.fieldError('scope', fundTexts.forbiddenCreate())] };
    const territory = await this.calls.territoryIndex();
    const checked = checkFundCall(input, territory);
    const errors = checked.ok ? [] : [...checked.errors];
    if (!input.institutionId && !input.institutionName?.trim())
      errors.push(ModuleException.fieldError('institutionName', fundTexts.institutionRequired()));
    if (input.institutionId && !(await this.institutions.findById(input.institutionId)))
      errors.push(ModuleException.fieldError('institutionId', fundTexts.institutionUnknown()));
    if (!checked.ok || errors.length) return { ok: false, status: 400, errors };
    const program = await this.programFor(actor, input.programId, context);
    const owner = ownerFor(actor, checked.value, program, territory);
    if (!owner.ok) return { ok: false, status: 403, errors: owner.errors };
    return {
      ok: true,
      call: {
        fields: checked.value,
        institutionId: input.institutionId ?? null,
        institutionName: input.institutionId ? null : (input.institutionName ?? '').trim(),
        owner: owner.owner,
      },
    };
  }

  /** Writes prepared calls in `em` (a duplicate name of the same institution and year: 400 naming the name). */
  async write(actor: Actor, prepared: PreparedCall[], context: AuditContext, em: EntityManager): Promise<string[]> {
    const ids: string[] = [];
    for (const p of prepared) {
      const institutionId =
        p.institutionId ??
        (
          await this.institutions.findOrCreate(
            actor,
            {
              name: p.institutionName as string,
              kind: /sercotec/i.test(p.institutionName ?? '')
                ? 'sercotec'
                : /municipalidad/i.test(p.institutionName ?? '')
                  ? 'municipality'
                  : 'other_public',
              communeCode: p.fields.scope === 'communal' ? p.fields.communeCodes[0] : null,
            },
            context,
            em,
          )
        ).institution.id;
      const duplicate = await em.existsBy(FundCall, { institutionId, name: p.fields.name, year: p.fields.year });
      if (duplicate)
        throw FundException.invalid([
          ModuleException.fieldError('name', fundTexts.duplicate({ name: p.fields.name, year: p.fields.year })),
        ]);
      const saved = await em.save(
        FundCall,
        em.create(FundCall, {
          ...p.fields,
          institutionId,
          ownerProgramId: p.owner.programId,
          ownerCommuneCode: p.owner.communeCode,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(
        context,
        {
          action: 'fund_call.created',
          objectType: 'fund_call',
          objectId: saved.id,
          scopeType: p.owner.programId ? 'program' : p.owner.communeCode ? 'commune' : 'platform',
          scopeId: p.owner.programId ?? p.owner.communeCode ?? undefined,
          details: { name: saved.name, year: saved.year, scope: saved.scope },
        },
        em,
      );
      ids.push(saved.id);
    }
    return ids;
  }

  /**
   * DOM-FND-1: the admin or the call's own officers edit it while it is upcoming (else 422 FUND_CALL_NOT_UPCOMING);
   * the edited territory must still be theirs. Only the fields given change.
   */
  async update(actor: Actor, id: string, input: FundCallCreate, context: AuditContext): Promise<FundCallView> {
    // every read (territory, the creator's program) before the transaction: an embedded database has one connection
    const call = await this.calls.find(id);
    if (!call) throw FundException.notFound();
    if (!mayEdit(actor, call)) throw forbiddenEdit();
    this.refuseUnlessUpcoming(call);
    const timeZone = input.timeZone ?? call.timeZone;
    const merged: FundCallRaw = {
      name: input.name ?? call.name,
      year: input.year ?? call.year,
      scope: input.scope ?? call.scope,
      regionCodes: input.regionCodes ?? call.regionCodes,
      communeCodes: input.communeCodes ?? call.communeCodes,
      category: input.category ?? call.category,
      targetApplicant: input.targetApplicant ?? call.targetApplicant,
      associationKinds: input.associationKinds ?? call.associationKinds,
      amountMinClp: input.amountMinClp !== undefined ? input.amountMinClp : call.amountMinClp,
      amountMaxClp: input.amountMaxClp !== undefined ? input.amountMaxClp : call.amountMaxClp,
      opensAt: input.opensAt ?? localDateTime(call.opensAt, timeZone),
      closesAt: input.closesAt ?? localDateTime(call.closesAt, timeZone),
      timeZone,
      url: input.url !== undefined ? input.url : call.url,
      requirements: input.requirements ?? call.requirements,
      description: input.description !== undefined ? input.description : call.description,
    };
    const territory = await this.calls.territoryIndex();
    const checked = checkFundCall(merged, territory);
    if (!checked.ok) throw FundException.invalid(checked.errors);
    if (!isAdmin(actor)) {
      const program = call.ownerProgramId ? await this.programFor(actor, call.ownerProgramId, context) : null;
      const owner = ownerFor(actor, checked.value, program, territory);
      if (!owner.ok) throw this.refusal(owner.errors, owner.status);
    }
    await this.dataSource.transaction(async (em) => {
      // the row locked, its window read again: a call that opened meanwhile is no longer edited
      const [locked] = (await em.query(`SELECT opens_at, closes_at FROM fund_call WHERE id = $1 FOR UPDATE`, [id])) as {
        opens_at: Date;
        closes_at: Date;
      }[];
      if (!locked) throw FundException.notFound();
      this.refuseUnlessUpcoming({
        opensAt: new Date(locked.opens_at),
        closesAt: new Date(locked.closes_at),
        timeZone: call.timeZone,
      });
      if (
        (checked.value.name !== call.name || checked.value.year !== call.year) &&
        (await em.existsBy(FundCall, {
          institutionId: call.institutionId,
          name: checked.value.name,
          year: checked.value.year,
        }))
      )
        throw FundException.invalid([
          ModuleException.fieldError(
            'name',
            fundTexts.duplicate({ name: checked.value.name, year: checked.value.year }),
          ),
        ]);
      Object.assign(call, checked.value);
      delete call.institution;
      await em.save(FundCall, call);
      await this.audit.record(
        context,
        {
          action: 'fund_call.updated',
          objectType: 'fund_call',
          objectId: call.id,
          scopeType: call.ownerProgramId ? 'program' : call.ownerCommuneCode ? 'commune' : 'platform',
          scopeId: call.ownerProgramId ?? call.ownerCommuneCode ?? undefined,
          details: { fields: Object.keys(input).filter((k) => k !== 'programId') },
        },
        em,
      );
    });
    return this.calls.get(id);
  }

  /** DOM-FND-1: a call is edited only while upcoming (422 FUND_CALL_NOT_UPCOMING). */
  private refuseUnlessUpcoming(call: Pick<FundCall, 'opensAt' | 'closesAt' | 'timeZone'>): void {
    const state = this.calls.stateOf(call);
    if (state !== 'upcoming')
      throw FundException.rule('FUND_CALL_NOT_UPCOMING', fundTexts.notUpcoming({ state: STATE_ES[state] }));
  }

  /** The program a program officer creates in: the one named, or their only one (null for others). */
  private async programFor(
    actor: Actor,
    programId: string | undefined,
    context: AuditContext,
  ): Promise<ProgramTerritory | null> {
    const mine = officerPrograms(actor);
    const id = programId ?? (mine.length === 1 && !isAdmin(actor) ? mine[0] : undefined);
    if (!id) return null;
    if (!isAdmin(actor) && !mine.includes(id)) return null;
    const program = await this.programs.get(actor, id, context);
    return { id: program.id, regionCode: program.regionCode, communeCodes: program.communeCodes };
  }

  private refusal(errors: FieldError[], status: number): FundException {
    if (status === 403)
      return new FundException('FORBIDDEN', errors[0].text ?? errors[0].message, HttpStatus.FORBIDDEN, errors);
    return FundException.invalid(errors);
  }
}

export const STATE_ES: Record<string, string> = {
  upcoming: 'próximo',
  open: 'abierto',
  closing_soon: 'por cerrar',
  closed: 'cerrado',
};
