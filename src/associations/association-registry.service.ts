import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { type Actor, isAdmin } from '../common/access/actor';
import { downloadName } from '../common/format/file-name';
import { formatDate } from '../common/format/dates';
import { TABLE_CONTENT_TYPES, type TableFormat, writeTableFile } from '../common/format/table-file';
import { translate } from '../common/i18n/i18n';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { formatDocument } from '../common/format/identity';
import { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { registryScope } from './association-access';
import { foundersMinimum, warningsFor, WarningCode } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsRepository, type RegistryRow } from './associations.repository';
import { namedAssociation, type RegistryItemView } from './associations.view-model';
import { constitutionWarnings } from './constitution-rules';

export interface RegistryQuery {
  communeCode?: string;
  kind?: string;
  status?: string;
  warning?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * The registries of organisations (issue 16 item 8, out of AssociationsService): the one an actor sees, with each
 * organisation's warnings (DOM-ORG-11, -14, -6, -9), and a commune's public list of those in force.
 */
@Injectable()
export class AssociationRegistryService {
  constructor(
    private readonly repo: AssociationsRepository,
    private readonly territory: TerritoryService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The registry with its contacts as CSV or XLSX (issue 20 item 7), for the municipal officer to coordinate with the
   * serenazgo or the police: only a municipal officer (their communes or districts) or an administrator; the
   * registry's filters apply; every export is audited (personal data, ARCHITECTURE.md §5); cells that look like
   * formulas are protected (writeTableFile). A Peruvian registry says distrito and RUC.
   */
  async exportRegistry(
    actor: Actor,
    query: RegistryQuery,
    format: TableFormat,
    context: AuditContext,
  ): Promise<{ filename: string; contentType: string; content: Buffer; rows: number }> {
    const communeCodes = actor.roles
      .filter((r) => r.role === 'municipal_officer' && r.scopeId)
      .map((r) => r.scopeId as string);
    if (!isAdmin(actor) && !communeCodes.length) throw AssociationException.forbidden(T.registryExportOnlyOfficer());
    const now = this.clock.now();
    const rows = await this.repo.registry({
      scope: isAdmin(actor) ? null : { communeCodes, associationIds: [] },
      now,
      communeCode: query.communeCode,
      kind: query.kind,
      status: query.status,
      q: query.q,
    });
    let items = this.withWarnings(rows, now);
    if (query.warning === 'any') items = items.filter((i) => i.warnings.length > 0);
    else if (query.warning)
      items = items.filter((i) => i.warnings.some((w) => w.code === (query.warning as WarningCode)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const contacts = await this.repo.registryContacts(
      items.map((i) => i.id),
      now,
    );
    const countries = new Set(
      isAdmin(actor) ? items.map((i) => i.country) : communeCodes.map((c) => (c.startsWith('PE-') ? 'PE' : 'CL')),
    );
    const peru = countries.size === 1 && countries.has('PE');
    const chile = countries.size === 1 && countries.has('CL');
    const t = (key: string) => translate('es', `registry.file.${key}`);
    const header = [
      t('name'),
      t('kind'),
      t('status'),
      peru ? t('district') : chile ? t('commune') : t('communeOrDistrict'),
      peru ? 'RUC' : chile ? 'RUT' : 'RUT / RUC',
      t('address'),
      t('neighbourhoodUnit'),
      t('membersActive'),
      t('contactName'),
      t('contactPhone'),
      t('contactEmail'),
      t('presidentName'),
      t('presidentPhone'),
      t('presidentEmail'),
      t('secretaryName'),
      t('secretaryPhone'),
      t('secretaryEmail'),
      t('recognitionExpiresOn'),
      t('warnings'),
    ];
    const table = items.map((i) => {
      const c = contacts.get(i.id);
      const row = byId.get(i.id);
      return [
        i.name,
        translate('es', `kinds.${i.kind}`),
        translate('es', `associationStatuses.${i.status}`),
        i.communeName,
        i.document,
        c?.address ?? '',
        i.neighbourhoodUnit,
        i.membersActive,
        c?.contactName ?? null,
        c?.contactPhone ?? null,
        c?.contactEmail ?? null,
        c?.presidentName ?? null,
        c?.presidentPhone ?? null,
        c?.presidentEmail ?? null,
        c?.secretaryName ?? null,
        c?.secretaryPhone ?? null,
        c?.secretaryEmail ?? null,
        formatDate(row?.recognitionExpiresOn ?? null),
        i.warnings.map((w) => `${translate('es', `warnings.${w.code}`)}: ${formatDate(w.dueOn)}`).join('; '),
      ];
    });
    // Every export of personal data leaves an audit row (ARCHITECTURE.md §5), as the roster's do.
    await this.audit.record(
      context,
      {
        action: 'registry.exported',
        objectType: 'registry',
        scopeType: isAdmin(actor) ? undefined : 'commune',
        scopeId: isAdmin(actor) ? undefined : communeCodes.join(','),
        details: { format, rows: table.length, filters: { ...query } },
      },
      this.dataSource.manager,
    );
    const owner = communeCodes.length === 1 ? (items[0]?.communeName ?? communeCodes[0]) : null;
    return {
      filename: downloadName(
        'registro-organizaciones',
        localDate(now, rows[0]?.timeZone ?? 'America/Santiago'),
        owner,
        format,
      ),
      contentType: TABLE_CONTENT_TYPES[format],
      content: await writeTableFile(format, translate('es', 'registry.title'), header, table),
      rows: table.length,
    };
  }

  /**
   * The registry the actor sees: municipal officers their communes, admins every commune, association
   * officers and members their own associations. Filters by kind, status, warning and name.
   */
  async registry(actor: Actor, query: RegistryQuery): Promise<{ items: RegistryItemView[]; total: number }> {
    const now = this.clock.now();
    const filter = {
      scope: registryScope(actor),
      now,
      communeCode: query.communeCode,
      kind: query.kind,
      status: query.status,
      q: query.q,
    };
    const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    if (!query.warning) {
      // No filter by warning: the database pages and counts, and warnings are computed for the page's rows alone
      // (issue 21: a commune of 3,233 organisations).
      const [rows, total] = await Promise.all([
        this.repo.registry(filter, undefined, { limit: pageSize, offset: (page - 1) * pageSize }),
        this.repo.registryCount(filter),
      ]);
      return { items: this.withWarnings(rows, now), total };
    }
    const items = this.withWarnings(await this.repo.registry(filter), now).filter((i) =>
      query.warning === 'any'
        ? i.warnings.length > 0
        : i.warnings.some((w) => w.code === (query.warning as WarningCode)),
    );
    return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
  }

  /** Each registry row with its members against the minimum and its warnings on its municipality's today. */
  private withWarnings(rows: RegistryRow[], now: Date): RegistryItemView[] {
    return rows.map((r) => {
      const minimum = foundersMinimum(r.kind, r.area, r.population, r.settings);
      const today = localDate(now, r.timeZone);
      return {
        ...namedAssociation(r),
        neighbourhoodUnit: r.neighbourhoodUnit,
        country: r.country,
        document: r.rut ? formatDocument('rut', r.rut) : r.ruc,
        membersActive: r.membersActive,
        foundersMinimum: minimum,
        warnings: [
          ...warningsFor(
            {
              kind: r.kind,
              status: r.status,
              country: r.country,
              membersActive: r.membersActive,
              foundersMinimum: minimum,
              membersBelowMinimumSince: r.membersBelowMinimumSince,
              recognitionExpiresOn: r.recognitionExpiresOn,
            },
            today,
          ),
          ...constitutionWarnings(
            {
              status: r.status,
              assemblyDate: r.assemblyDate,
              depositedOn: r.depositedOn,
              objectedOn: r.objectedOn,
              board: r.boardKind && r.boardEndsOn ? { kind: r.boardKind, endsOn: r.boardEndsOn } : null,
            },
            today,
          ),
        ],
      };
    });
  }

  /**
   * The start page of a municipal officer (issue 20 item 1): the organisations of these communes that have a
   * warning, at most `limit`, and how many have one. The same registry statement as /organizaciones?advertencia=any
   * (warnings are computed in code over the communes' rows, as there).
   */
  async communeWarnings(communeCodes: string[], limit = 10): Promise<{ items: RegistryItemView[]; total: number }> {
    if (!communeCodes.length) return { items: [], total: 0 };
    const now = this.clock.now();
    const rows = await this.repo.registry({ scope: { communeCodes, associationIds: [] }, now });
    const items = this.withWarnings(rows, now).filter((i) => i.warnings.length > 0);
    return { items: items.slice(0, limit), total: items.length };
  }

  /** A commune's organisations in force, for anyone: names and kinds, no personal data. */
  async publicRegistry(
    communeCode: string,
    page: { page: number; pageSize: number },
  ): Promise<{
    commune: MunicipalityContext;
    items: { id: string; name: string; kind: string; neighbourhoodUnit: string | null; since: string | null }[];
    total: number;
  }> {
    const commune = await this.territory.municipalityContext(communeCode);
    if (!commune) throw AssociationException.notFound();
    const today = localDate(this.clock.now(), commune.timeZone);
    const limit = page.pageSize;
    return { commune, ...(await this.repo.inForce(communeCode, today, { limit, offset: (page.page - 1) * limit })) };
  }
}
