import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { auditContextFrom } from '../audit/audit.service';
import { translate } from '../common/i18n/i18n';
import { setFlash } from '../common/web/flash';
import { formErrors } from '../common/web/form-errors.filter';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { AllowRoles, CurrentActor } from '../common/access/decorators';
import { InviteFormDto, RoleFormDto, UserSearchDto } from './dto/login.dto';
import { MUNICIPAL_OFFICER_GRANTS, Role, ROLE_NAMES, RoleGrant, ROLES } from '../common/access/roles';
import { UsersService } from './users.service';

function grantFrom(role: string, scopeId: string | undefined): RoleGrant {
  const scopeType = ROLES[role as Role];
  return { role: role as Role, scopeType, scopeId: scopeType === 'platform' ? null : scopeId?.trim() || null };
}

/** Roles the actor may give, for the forms' select. */
function grantableRoles(actor: Actor): { value: string; needsScope: boolean }[] {
  const roles = isAdmin(actor)
    ? ROLE_NAMES.filter((r) => ROLES[r] === 'platform' || ROLES[r] === 'commune')
    : MUNICIPAL_OFFICER_GRANTS.filter((r) => ROLES[r] === 'commune');
  return roles.map((r) => ({ value: r, needsScope: ROLES[r] !== 'platform' }));
}

const inviteExtras = (req: Request) => {
  const actor = (req as Request & { actor: Actor }).actor;
  return {
    roles: grantableRoles(actor),
    communes: officerCommunes(actor),
    values: { email: '', name: '', role: '', scopeId: '' },
  };
};

/** Administration of users: list and search, invite, roles, disable (administrators; municipal officers in their commune). */
@ApiExcludeController()
@AllowRoles('admin', 'municipal_officer')
@Controller('admin/usuarios')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() query: UserSearchDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { items, total } = await this.users.list(actor, { q: query.q });
    res.render('admin/users', {
      title: translate(res.locals.locale, 'users.title'),
      q: query.q ?? '',
      users: items,
      total,
    });
  }

  @Get('invitar')
  inviteForm(@CurrentActor() actor: Actor, @Res() res: Response): void {
    const communes = officerCommunes(actor);
    res.render('admin/invite', {
      title: translate(res.locals.locale, 'users.invite.title'),
      values: { email: '', name: '', role: '', scopeId: communes[0] ?? '' },
      errors: {},
      formError: null,
      roles: grantableRoles(actor),
      communes,
    });
  }

  @Post('invitar')
  @UseFilters(formErrors('admin/invite', 'users.invite.title', inviteExtras))
  async invite(
    @Body() dto: InviteFormDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const user = await this.users.create(
      actor,
      { email: dto.email, name: dto.name, roles: [grantFrom(dto.role, dto.scopeId)] },
      auditContextFrom(req, actor),
    );
    setFlash(res, { type: 'success', key: 'flash.invited', params: { email: user.email } });
    res.redirect(303, `/admin/usuarios/${user.id}`);
  }

  @Get(':id')
  async show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const user = await this.users.get(actor, id, auditContextFrom(req, actor));
    res.render('admin/user', {
      title: user.name,
      user,
      roles: grantableRoles(actor),
      communes: officerCommunes(actor),
      errors: {},
      formError: null,
      values: { role: '', scopeId: '' },
    });
  }

  @Post(':id/roles')
  async addRole(
    @Param('id') id: string,
    @Body() dto: RoleFormDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.addRole(actor, id, grantFrom(dto.role, dto.scopeId), auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.saved' });
    res.redirect(303, `/admin/usuarios/${id}`);
  }

  @Post(':id/roles/quitar')
  async removeRole(
    @Param('id') id: string,
    @Body() dto: RoleFormDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.removeRole(actor, id, grantFrom(dto.role, dto.scopeId), auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.saved' });
    res.redirect(303, `/admin/usuarios/${id}`);
  }

  @Post(':id/desactivar')
  async disable(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.users.disable(actor, id, auditContextFrom(req, actor));
    setFlash(res, { type: 'success', key: 'flash.disabled' });
    res.redirect(303, `/admin/usuarios/${id}`);
  }
}
