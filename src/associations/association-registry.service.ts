import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { type Actor, isAdmin } from '../common/access/actor';
import { downloadName } from '../common/format/file-name';
import type { Writable } from 'node:stream';
import { openTableStream, type TableFormat } from '../common/format/table-stream';
import { translate } from '../common/i18n/i18n';
import { Clock } from '../common/clock';
import { localDate } from '../common/format/dates';
import { formatDocument } from '../common/format/identity';
import { MunicipalityContext, TerritoryService } from '../territory/territory.service';
import { registryScope } from './association-access';
import { foundersMinimum, warningsFor, WarningCode } from './association-rules';
import { AssociationException } from './associations.exception';
import { associationTexts as T } from './associations.messages';
import { AssociationsRepository, type RegistryFilter, type RegistryRow } from './associations.repository';
import { registryFileCells, registryFileHeader } from './registry-file';
import { namedAssociation, type RegistryItemView } from './associations.view-model';
import { constitutionWarnings } from './constitution-rules';

/** How many organisations a whole-registry read (an export, a filter by warning) reads at a time, by primary key. */
const EXPORT_BATCH = 1000;

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
   * registry's filters apply; every export is audited before its first byte (personal data, ARCHITECTURE.md §5);
   * cells that look like formulas are protected (openTableStream). A Peruvian registry says distrito and RUC.
   * Streamed (issue 21): the matching ids are read once in the registry's order, then the rows, their warnings and
   * contacts in batches of 1,000 by primary key, so memory stays flat for the national registry (100,000 rows).
   * Returns how many organisations were written (the audit row has how many matched when the file began).
   */
  async exportRegistry(
    actor: Actor,
    query: RegistryQuery,
    format: TableFormat,
    out: Writable,
    context: AuditContext,
    onStart: (filename: string) => void,
  ): Promise<number> {
    const communeCodes = actor.roles
      .filter((r) => r.role === 'municipal_officer' && r.scopeId)
      .map((r) => r.scopeId as string);
    if (!isAdmin(actor) && !communeCodes.length) throw AssociationException.forbidden(T.registryExportOnlyOfficer());
    const now = this.clock.now();
    const filter: RegistryFilter = {
      scope: isAdmin(actor) ? null : { communeCodes, associationIds: [] },
      now,
      communeCode: query.communeCode,
      kind: query.kind,
      status: query.status,
      q: query.q,
    };
    const all = await this.repo.registryIds(filter);
    // a filter by warning: the warnings are computed batch by batch and only the ids that have them are kept
    const matched = query.warning ? await this.withWarningIds(filter, all, query.warning) : all;
    const batch = (from: number) => this.batch(filter, matched, from);
    const countries = new Set(
      isAdmin(actor) ? matched.map((m) => m.country) : communeCodes.map((c) => (c.startsWith('PE-') ? 'PE' : 'CL')),
    );
    // Every export of personal data leaves an audit row (ARCHITECTURE.md §5), as the roster's do: before the first byte.
    await this.audit.record(
      context,
      {
        action: 'registry.exported',
        objectType: 'registry',
        scopeType: isAdmin(actor) ? undefined : 'commune',
        scopeId: isAdmin(actor) ? undefined : communeCodes.join(','),
        details: { format, rows: matched.length, filters: { ...query } },
      },
      this.dataSource.manager,
    );
    const first = await batch(0);
    const owner = communeCodes.length === 1 ? (first[0]?.item.communeName ?? communeCodes[0]) : null;
    const zone = first[0]?.row.timeZone ?? 'America/Santiago';
    onStart(downloadName('registro-organizaciones', localDate(now, zone), owner, format));
    const table = await openTableStream(format, translate('es', 'registry.title'), registryFileHeader(countries), out);
    let written = 0;
    // every batch of the ids, even one whose organisations all went away since (deleted or out of the filter)
    for (let from = 0; from < matched.length; from += EXPORT_BATCH) {
      const rows = from === 0 ? first : await batch(from);
      const contacts = await this.repo.registryContacts(
        rows.map(({ row }) => row.id),
        now,
      );
      await table.rows(rows.map(({ row, item }) => registryFileCells(item, row, contacts.get(row.id))));
      written += rows.length;
    }
    await table.end();
    return written;
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
    // a filter by warning: warnings are computed in code, over every matching organisation in batches (memory stays
    // flat for the administrator's national registry); only the page's items are kept
    const matched = await this.withWarningIds(filter, await this.repo.registryIds(filter), query.warning);
    const window = matched.slice((page - 1) * pageSize, page * pageSize);
    const items = (await this.batch(filter, window, 0, pageSize)).map(({ item }) => item);
    return { items, total: matched.length };
  }

  /**
   * The rows and warnings of `ids[from, from + size)`, read by primary key in the registry's order (the filter's scope
   * still applies): how every whole-registry read goes, so that memory stays flat at national size (issue 21).
   */
  private async batch(
    filter: RegistryFilter,
    ids: { id: string }[],
    from: number,
    size = EXPORT_BATCH,
  ): Promise<{ row: RegistryRow; item: RegistryItemView }[]> {
    const slice = ids.slice(from, from + size).map((m) => m.id);
    if (!slice.length) return [];
    const rows = await this.repo.registry({ ...filter, ids: slice });
    const items = this.withWarnings(rows, filter.now);
    return rows.map((row, k) => ({ row, item: items[k] }));
  }

  /** Those of `ids` (in their order) that have the warning (`any`: some warning), computed batch by batch. */
  private async withWarningIds<M extends { id: string }>(
    filter: RegistryFilter,
    ids: M[],
    warning: string,
  ): Promise<M[]> {
    const kept: M[] = [];
    for (let from = 0; from < ids.length; from += EXPORT_BATCH) {
      const found = new Set(
        (await this.batch(filter, ids, from)).filter(({ item }) => hasWarning(item, warning)).map(({ row }) => row.id),
      );
      for (const m of ids.slice(from, from + EXPORT_BATCH)) if (found.has(m.id)) kept.push(m);
    }
    return kept;
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
    const filter = { scope: { communeCodes, associationIds: [] }, now: this.clock.now() };
    const matched = await this.withWarningIds(filter, await this.repo.registryIds(filter), 'any');
    const items = (await this.batch(filter, matched, 0, limit)).map(({ item }) => item);
    return { items, total: matched.length };
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

/** An organisation has the warning a registry filter asks for ('any': some warning). */
function hasWarning(item: RegistryItemView, warning: string): boolean {
  return warning === 'any' ? item.warnings.length > 0 : item.warnings.some((w) => w.code === (warning as WarningCode));
}
