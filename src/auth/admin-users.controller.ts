import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, type Caller } from '../audit/caller';
import { translate, type Locale } from '../common/i18n/i18n';
import { validateBody } from '../common/validation.pipe';
import { setFlash } from '../common/web/flash';
import { doneTo, submitForm } from '../common/web/page-form';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import { InviteFormDto, RoleFormDto, UserSearchDto } from './dto/login.dto';
import { MUNICIPAL_OFFICER_GRANTS, Role, ROLE_NAMES, RoleGrant, ROLES } from '../common/access/roles';
import { UsersService, type UserView } from './users.service';

const locale = (res: Response): Locale => (res.locals.locale === 'en' ? 'en' : 'es');

function grantFrom(role: string, scopeId: string | undefined): RoleGrant {
  const scopeType = ROLES[role as Role];
  return { role: role as Role, scopeType, scopeId: scopeType === 'platform' ? null : scopeId?.trim() || null };
}

/** Roles the actor may give, for the forms' select, with the kind of object each is scoped to. */
function grantableRoles(actor: Actor): { value: string; scopeType: string; needsScope: boolean }[] {
  const roles = isAdmin(actor) ? ROLE_NAMES : MUNICIPAL_OFFICER_GRANTS;
  return roles.map((r) => ({ value: r, scopeType: ROLES[r], needsScope: ROLES[r] !== 'platform' }));
}

/** The order in which the scope list groups its objects. */
const SCOPE_ORDER = ['commune', 'association', 'table', 'program'] as const;

/** Administration of users: list and search, invite, roles, disable (administrators; municipal officers in their commune). */
@ApiExcludeController()
@AllowRoles('admin', 'municipal_officer')
@Controller('admin/usuarios')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  /** Each role with the name of its object ("Coordinación de mesa · Mesa técnica…"), never its id. */
  private async named(users: UserView[]) {
    const names = await this.users.scopeNames(users.flatMap((u) => u.roles));
    return users.map((u) => ({
      ...u,
      roles: u.roles.map((r) => ({
        ...r,
        scopeName: r.scopeId ? (names.get(`${r.scopeType}:${r.scopeId}`) ?? r.scopeId) : null,
      })),
    }));
  }

  /** The role form's lists: the roles the actor gives and, grouped by kind, the objects by name (values are ids). */
  private async roleFields(actor: Actor, loc: Locale) {
    const roles = grantableRoles(actor);
    const types = SCOPE_ORDER.filter((t) => roles.some((r) => r.scopeType === t));
    const choices = await this.users.scopeChoices(actor, [...types]);
    return {
      roles,
      scopeGroups: types
        .map((type) => ({
          scopeType: type,
          label: translate(loc, `users.scopeTypes.${type}`),
          options: (choices.get(type) ?? []).map((c) => ({ value: c.id, label: c.name })),
        }))
        .filter((g) => g.options.length),
    };
  }

  @Get()
  async list(@Query() query: UserSearchDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { items, total } = await this.users.list(actor, { q: query.q });
    res.render('admin/users', {
      title: translate(res.locals.locale, 'users.title'),
      q: query.q ?? '',
      users: await this.named(items),
      total,
    });
  }

  private async invitePage(actor: Actor, res: Response, refused?: Refused): Promise<void> {
    const communes = officerCommunes(actor);
    res.status(refused?.status ?? 200).render('admin/invite', {
      title: translate(res.locals.locale, 'users.invite.title'),
      values: refused?.values ?? { email: '', name: '', role: '', scopeId: communes[0] ?? '' },
      errors: refused?.errors ?? {},
      formError: refused?.formError ?? null,
      ...(await this.roleFields(actor, locale(res))),
    });
  }

  @Get('invitar')
  inviteForm(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    return this.invitePage(actor, res);
  }

  @Post('invitar')
  invite(@Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    const act = async () => {
      const dto = await validateBody(InviteFormDto, body);
      const invited = { email: dto.email, name: dto.name, roles: [grantFrom(dto.role, dto.scopeId)] };
      const user = await this.users.create(who.actor, invited, who.audit);
      return doneTo(`/admin/usuarios/${user.id}`, 'flash.invited', { email: user.email });
    };
    return submitForm(res, act, (refused) => this.invitePage(who.actor, res, { ...refused, values: posted(body) }));
  }

  private async userPage(who: Caller, id: string, res: Response, refused?: Refused): Promise<void> {
    const user = await this.users.get(who.actor, id, who.audit);
    const [named] = await this.named([user]);
    res.status(refused?.status ?? 200).render('admin/user', {
      title: user.name,
      user: named,
      errors: refused?.errors ?? {},
      formError: refused?.formError ?? null,
      values: refused?.values ?? { role: '', scopeId: '' },
      ...(await this.roleFields(who.actor, locale(res))),
    });
  }

  @Get(':id')
  show(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    return this.userPage(who, id, res);
  }

  @Post(':id/roles')
  addRole(@Param('id') id: string, @Body() body: unknown, @CurrentCaller() who: Caller, @Res() res: Response) {
    const act = async () => {
      const dto = await validateBody(RoleFormDto, body);
      await this.users.addRole(who.actor, id, grantFrom(dto.role, dto.scopeId), who.audit);
      return doneTo(`/admin/usuarios/${id}`, 'flash.saved');
    };
    return submitForm(res, act, (refused) => this.userPage(who, id, res, { ...refused, values: posted(body) }));
  }

  @Post(':id/roles/quitar')
  async removeRole(
    @Param('id') id: string,
    @Body() dto: RoleFormDto,
    @CurrentCaller() who: Caller,
    @Res() res: Response,
  ) {
    await this.users.removeRole(who.actor, id, grantFrom(dto.role, dto.scopeId), who.audit);
    setFlash(res, { type: 'success', key: 'flash.saved' });
    res.redirect(303, `/admin/usuarios/${id}`);
  }

  @Post(':id/desactivar')
  async disable(@Param('id') id: string, @CurrentCaller() who: Caller, @Res() res: Response): Promise<void> {
    await this.users.disable(who.actor, id, who.audit);
    setFlash(res, { type: 'success', key: 'flash.disabled' });
    res.redirect(303, `/admin/usuarios/${id}`);
  }
}

/** A refused role form: the messages, the status and what was posted. */
interface Refused {
  status: number;
  errors: Record<string, string>;
  formError: string;
  values: Record<string, unknown>;
}

/** A refused form's text fields as posted (to show them again; never used to act). */
function posted(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string' && !/password|_csrf/i.test(k)) out[k] = v;
  return out;
}
