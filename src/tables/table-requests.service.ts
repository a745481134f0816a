import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import { type Actor, isAdmin, officerCommunes } from '../common/access/actor';
import { translate } from '../common/i18n/i18n';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailService } from '../mail/mail.service';
import { TABLE_KINDS, type Mesa } from './entities/mesa.entity';
import { TableException } from './tables.exception';
import { tableTexts } from './tables.messages';
import { type WiderScope, widerScopeOf } from './wider-scope';

/**
 * Province and region tables from the pages (issue 20 item 2): the administration picks the province or region by
 * name on the tables' page; a municipal officer asks the administration for one, by a mail through the outbox to
 * every active administrator (with the officer's contact), audited.
 */
@Injectable()
export class TableRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Provinces and regions with a municipality (all, or those of some communes), by name. */
  async widerScopes(communes: string[] | null): Promise<WiderScope[]> {
    const rows: { level: 'province' | 'region'; code: string; name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT 'province' AS level, p.code, p.name FROM province p JOIN commune c ON c.province_code = p.code
         JOIN municipality m ON m.commune_code = c.code WHERE $1::text[] IS NULL OR c.code = ANY($1)
       UNION
       SELECT DISTINCT 'region' AS level, r.code, r.name FROM region r JOIN commune c ON c.region_code = r.code
         JOIN municipality m ON m.commune_code = c.code WHERE $1::text[] IS NULL OR c.code = ANY($1)
       ORDER BY level, name, code`,
      [communes],
    );
    return rows.map((r) => ({ ...r, value: `${r.level}:${r.code}` }));
  }

  /** POST /mesas/solicitudes: a municipal officer asks the administration for a province or region table. */
  async request(
    actor: Actor,
    input: { kind?: string; name?: string; scope?: string; reason?: string },
    context: AuditContext,
  ): Promise<{ administrators: number }> {
    const communes = officerCommunes(actor);
    if (isAdmin(actor) || !communes.length) throw TableException.forbidden(tableTexts.requestOnlyOfficer());
    const errors = [];
    if (!TABLE_KINDS.includes(input.kind as Mesa['kind']))
      errors.push(TableException.fieldError('requestKind', tableTexts.requestKindInvalid()));
    const name = typeof input.name === 'string' ? input.name.trim().slice(0, 200) : '';
    if (!name) errors.push(TableException.fieldError('requestName', tableTexts.requestNameRequired()));
    const wanted = widerScopeOf(input.scope);
    const scope = wanted
      ? (await this.widerScopes(communes)).find((s) => s.level === wanted.level && s.code === wanted.code)
      : undefined;
    if (!scope) errors.push(TableException.fieldError('requestScope', tableTexts.requestScopeInvalid()));
    if (errors.length) throw TableException.invalid(errors);
    const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 2000) : '';
    const admins = await this.users.administrators();
    // nobody would read it: say so instead of "sent" (an installation without ADMIN_EMAIL has no administrator)
    if (!admins.length) throw TableException.rule('NO_ADMINISTRATOR', tableTexts.requestNoAdministrator());
    const found = scope as WiderScope;
    const communeNames: { name: string }[] = await this.dataSource.query(
      `SELECT name FROM commune WHERE code = ANY($1) ORDER BY name`,
      [communes],
    );
    const requestId = `${actor.id}:${Date.now()}`;
    await this.dataSource.transaction(async (em) => {
      for (const admin of admins)
        await this.mail.enqueue(
          {
            template: 'table-request',
            to: { address: admin.email, name: admin.name },
            context: {
              officerName: actor.name,
              officerEmail: actor.email ?? '',
              communes: communeNames.map((c) => c.name).join(', '),
              name,
              kindLabel: translate('es', `tables.kinds.${input.kind as string}`),
              levelLabel: translate('es', `tables.scopes.${found.level}`).toLowerCase(),
              scopeName: found.name,
              reason,
              link: `${this.config.publicUrl}/mesas`,
            },
            dedupeKey: `table-request:${requestId}:${admin.email}`,
          },
          em,
        );
      await this.audit.record(
        context,
        {
          action: 'table.requested',
          objectType: 'table',
          scopeType: 'commune',
          scopeId: communes[0],
          details: {
            name,
            kind: input.kind,
            scopeLevel: found.level,
            scopeCode: found.code,
            administrators: admins.length,
          },
        },
        em,
      );
    });
    return { administrators: admins.length };
  }
}
