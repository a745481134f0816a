import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Actor, isAdmin, officerCommunes } from '../common/access/actor';
import type { FieldError } from '../common/errors/domain.exception';
import { paging } from '../common/paging';
import { foldForSearch } from '../common/text';
import { Institution, INSTITUTION_KINDS, type InstitutionKind } from './entities/institution.entity';
import { InstitutionException } from './institutions.exception';
import { institutionTexts } from './institutions.messages';

export interface InstitutionView {
  id: string;
  name: string;
  kind: InstitutionKind;
  communeCode: string | null;
}

/**
 * Who else may register institutions, and in which communes (a port: the tables module answers for its
 * coordinators, so this platform module imports no feature). Administrators and municipal officers are known here.
 */
export type InstitutionRegistrars = (actor: Actor) => Promise<string[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const institutionView = (i: Institution): InstitutionView => ({
  id: i.id,
  name: i.name,
  kind: i.kind,
  communeCode: i.communeCode,
});

/**
 * The shared list of institutions (DOM-TBL-1, DOM-PRG-1): Carabineros, PDI, municipalities, Sercotec, a mall...
 * used by tables, meetings, programs, fund calls and venues. The same name (accents and case aside) in the same
 * commune, or a national body of that name, is the same institution: found or created under a lock.
 */
@Injectable()
export class InstitutionsService {
  private readonly registrars: InstitutionRegistrars[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A feature names the communes where its people may register institutions (table coordinators, ...). */
  registerRegistrars(registrars: InstitutionRegistrars): void {
    this.registrars.push(registrars);
  }

  /** GET /api/v1/institutions: the shared list, by name (any signed-in user: it holds no personal data). */
  async list(filter: {
    q?: string;
    communeCode?: string;
    kind?: string;
    page?: string | number;
    pageSize?: string | number;
  }): Promise<{ items: InstitutionView[]; total: number }> {
    const { limit, offset } = paging(filter);
    const qb = this.dataSource
      .getRepository(Institution)
      .createQueryBuilder('i')
      .orderBy('i.name_key')
      .addOrderBy('i.id')
      .take(limit)
      .skip(offset);
    if (filter.q) qb.andWhere('i.name_key LIKE :q', { q: `%${foldForSearch(filter.q).replace(/[%_\\]/g, '')}%` });
    if (filter.communeCode) qb.andWhere('(i.commune_code = :c OR i.commune_code IS NULL)', { c: filter.communeCode });
    if (filter.kind) qb.andWhere('i.kind = :kind', { kind: filter.kind });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(institutionView), total };
  }

  /**
   * POST /api/v1/institutions: found by its name in the commune or nationally, or created. Administrators (any,
   * national bodies included), municipal officers (their communes) and the registrars features name.
   */
  async create(
    actor: Actor,
    input: { name?: string; kind?: string; communeCode?: string | null },
    context: AuditContext,
  ): Promise<{ institution: InstitutionView; created: boolean }> {
    const extra = isAdmin(actor) ? [] : (await Promise.all(this.registrars.map((r) => r(actor)))).flat();
    const communes = officerCommunes(actor);
    if (
      !isAdmin(actor) &&
      !communes.length &&
      !extra.length &&
      !actor.roles.some((r) => r.role === 'table_coordinator')
    ) {
      throw InstitutionException.forbidden(institutionTexts.registerForbidden());
    }
    const errors: FieldError[] = [];
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name) errors.push(InstitutionException.fieldError('name', institutionTexts.fieldRequired({ field: 'name' })));
    else if (name.length > 200)
      errors.push(
        InstitutionException.fieldError('name', institutionTexts.fieldMaxLength({ field: 'name', max: 200 })),
      );
    if (!INSTITUTION_KINDS.includes(input.kind as InstitutionKind))
      errors.push(
        InstitutionException.fieldError('kind', institutionTexts.kindInvalid({ kinds: INSTITUTION_KINDS.join(', ') })),
      );
    const communeCode = input.communeCode ? String(input.communeCode) : null;
    if (communeCode && !(await this.communeExists(communeCode)))
      errors.push(
        InstitutionException.fieldError(
          'communeCode',
          institutionTexts.communeUnknown({ code: communeCode.slice(0, 20) }),
        ),
      );
    if (!isAdmin(actor) && !errors.length) {
      // the municipality registers its commune's institutions, a coordinator those of its tables' communes; national bodies, the administration
      const allowed = new Set([...communes, ...extra]);
      if (!communeCode) errors.push(InstitutionException.fieldError('communeCode', institutionTexts.communeMissing()));
      else if (!allowed.has(communeCode)) throw InstitutionException.forbidden(institutionTexts.outsideCommunes());
    }
    if (errors.length) throw InstitutionException.invalid(errors);
    return this.dataSource.transaction((em) =>
      this.findOrCreate(actor, { name, kind: input.kind as InstitutionKind, communeCode }, context, em),
    );
  }

  /** The institution of that name in the commune (or a national one), or a new one: one writer per name. */
  async findOrCreate(
    actor: Actor,
    input: { name: string; kind: InstitutionKind; communeCode: string | null },
    context: AuditContext,
    em: EntityManager,
  ): Promise<{ institution: InstitutionView; created: boolean }> {
    const nameKey = foldForSearch(input.name);
    // one writer per name: two people adding "Carabineros de Chile" at once get one institution
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`institution:${nameKey}`]);
    const existing = await this.findByName(input.name, input.communeCode, em);
    if (existing) return { institution: existing, created: false };
    const saved = await em.save(
      Institution,
      em.create(Institution, {
        name: input.name,
        nameKey,
        kind: input.kind,
        communeCode: input.communeCode,
        createdBy: actor.id,
      }),
    );
    await this.audit.record(
      context,
      {
        action: 'institution.created',
        objectType: 'institution',
        objectId: saved.id,
        scopeType: input.communeCode ? 'commune' : 'platform',
        scopeId: input.communeCode ?? undefined,
        details: { name: input.name, kind: input.kind },
      },
      em,
    );
    return { institution: institutionView(saved), created: true };
  }

  /** By name (accents and case aside): the commune's first, then a national or regional one. */
  async findByName(name: string, communeCode: string | null, em?: EntityManager): Promise<InstitutionView | null> {
    const found = await (em ?? this.dataSource.manager)
      .getRepository(Institution)
      .createQueryBuilder('i')
      .where('i.name_key = :k AND (i.commune_code IS NOT DISTINCT FROM :c OR i.commune_code IS NULL)', {
        k: foldForSearch(name),
        c: communeCode,
      })
      .orderBy('i.commune_code', 'ASC', 'NULLS LAST')
      .getOne();
    return found ? institutionView(found) : null;
  }

  async findById(id: string, em?: EntityManager): Promise<InstitutionView | null> {
    if (!UUID.test(id)) return null;
    const found = await (em ?? this.dataSource.manager).getRepository(Institution).findOneBy({ id });
    return found ? institutionView(found) : null;
  }

  /** Institutions of the commune or national ones, by name, for a form's list (at most 300), plus the ids given (current choices). */
  async optionsFor(communeCode: string, alsoIds: string[] = []): Promise<{ id: string; name: string }[]> {
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name, name_key FROM (SELECT id, name, name_key FROM institution WHERE commune_code = $1 OR commune_code IS NULL ORDER BY name_key LIMIT 300) i
       UNION SELECT id, name, name_key FROM institution WHERE id = ANY($2::uuid[])
       ORDER BY name_key`,
      [communeCode, alsoIds],
    );
    return rows.map((r) => ({ id: r.id, name: r.name }));
  }

  /** Which of these ids are institutions of the commune or national ones, or among `alsoIds` (already chosen). */
  async idsIn(ids: string[], communeCode: string, alsoIds: string[] = [], em?: EntityManager): Promise<Set<string>> {
    const valid = ids.filter((id) => UUID.test(id));
    if (!valid.length) return new Set();
    const rows: { id: string }[] = await (em ?? this.dataSource.manager).query(
      `SELECT id FROM institution WHERE id = ANY($1::uuid[]) AND (commune_code = $2 OR commune_code IS NULL OR id = ANY($3::uuid[]))`,
      [valid, communeCode, alsoIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  private async communeExists(code: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM commune WHERE code = $1`, [code])).length > 0;
  }
}
