import { DataSource } from 'typeorm';
import { AssociationStatusChange } from '../../../src/associations/entities/association-status-change.entity';
import { BoardTerm } from '../../../src/associations/entities/board-term.entity';
import { Constitution } from '../../../src/associations/entities/constitution.entity';
import { findById, findOneWhere, findWhere } from '../../../src/database/entity-reads';
import { Mesa } from '../../../src/tables/entities/mesa.entity';
import { TableAccess } from '../../../src/tables/table-access.service';
import { Municipality } from '../../../src/territory/entities/municipality.entity';
import { TerritoryRepository } from '../../../src/territory/territory.repository';
import { useDemoApp } from '../../support/demo-app';

/**
 * Issue 21: entities read by fixed SQL (src/database/entity-reads.ts) must be exactly what TypeORM's own `findOneBy`
 * gives — same class, same values and types (dates as text, timestamps as Date, bigint through its transformer) —
 * for every entity with a one-column key, on rows of the demo's five stories.
 */
describe('entity reads by fixed statements (issue 21)', () => {
  const demo = useDemoApp();

  it('findById gives what findOneBy gives, for every entity with rows in the demo', async () => {
    const dataSource = demo.ctx.get<DataSource>(DataSource);
    const em = dataSource.manager;
    let compared = 0;
    const entities = new Set<string>();
    for (const metadata of dataSource.entityMetadatas) {
      if (metadata.primaryColumns.length !== 1 || metadata.embeddeds.length || metadata.tableType !== 'regular')
        continue;
      const key = metadata.primaryColumns[0];
      const rows = await em.query<{ k: string }[]>(
        `SELECT "${key.databaseName}"::text AS k FROM "${metadata.tablePath}" ORDER BY 1 LIMIT 3`,
      );
      for (const { k } of rows) {
        const ours = await findById(em, metadata.target, k);
        const typeorm = await em.findOneBy(metadata.target, { [key.propertyName]: k });
        expect(ours).toEqual(typeorm);
        expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(typeorm));
        compared++;
        entities.add(metadata.name);
      }
    }
    // the demo has organisations, programs with amounts (bigint through a transformer), municipalities (jsonb)…
    for (const name of ['Association', 'Program', 'Municipality', 'Meeting', 'Minutes', 'Commitment'])
      expect(entities).toContain(name);
    expect(compared).toBeGreaterThan(60);
    expect(await findById(em, 'Association', '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('findWhere and findOneWhere give what the query builder gives, in its order', async () => {
    const em = demo.ctx.get<DataSource>(DataSource).manager;
    const ids = (await em.query<{ id: string }[]>(`SELECT id FROM association ORDER BY name_key`)).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(5);
    let changes = 0;
    let terms = 0;
    for (const id of ids) {
      const ours = await findWhere(em, AssociationStatusChange, {
        where: 'e.association_id = $1',
        params: [id],
        orderBy: 'e.at, e.seq',
      });
      const theirs = await em
        .getRepository(AssociationStatusChange)
        .createQueryBuilder('s')
        .where('s.association_id = :id', { id })
        .orderBy('s.at', 'ASC')
        .addOrderBy('s.seq', 'ASC')
        .getMany();
      expect(ours).toEqual(theirs);
      changes += ours.length;
      const term = await findOneWhere(em, BoardTerm, {
        where: 'e.association_id = $1 AND e.starts_on <= $2',
        params: [id, '2026-11-22'],
        orderBy: 'e.starts_on DESC, e.created_at DESC',
      });
      const theirTerm = await em
        .getRepository(BoardTerm)
        .createQueryBuilder('t')
        .where('t.association_id = :id AND t.starts_on <= :today', { id, today: '2026-11-22' })
        .orderBy('t.starts_on', 'DESC')
        .addOrderBy('t.created_at', 'DESC')
        .getOne();
      expect(term).toEqual(theirTerm);
      if (term) terms++;
      const constitution = await findOneWhere(em, Constitution, { where: 'e.association_id = $1', params: [id] });
      expect(constitution).toEqual(await em.findOneBy(Constitution, { associationId: id }));
    }
    expect(changes).toBeGreaterThan(ids.length);
    expect(terms).toBeGreaterThan(0);
  });

  it("a table with its convening institution (two entities in one row) is what the query builder's join gives", async () => {
    const em = demo.ctx.get<DataSource>(DataSource).manager;
    const access = demo.ctx.get<TableAccess>(TableAccess) as unknown as {
      withConvener(id: string): Promise<Mesa | null>;
    };
    const ids = (await em.query<{ id: string }[]>(`SELECT id FROM mesa ORDER BY id`)).map((r) => r.id);
    // and one without a convening institution
    const [{ was }] = await em.query<{ was: string | null }[]>(
      `SELECT convener_institution_id AS was FROM mesa WHERE id = $1`,
      [ids[0]],
    );
    await em.query(`UPDATE mesa SET convener_institution_id = NULL WHERE id = $1`, [ids[0]]);
    let convened = 0;
    for (const id of ids) {
      const theirs = await em
        .getRepository(Mesa)
        .createQueryBuilder('t')
        .leftJoinAndSelect('t.convener', 'convener')
        .where('t.id = :id', { id })
        .getOne();
      const ours = await access.withConvener(id);
      expect(ours).toEqual(theirs);
      if (ours?.convener) convened++;
    }
    await em.query(`UPDATE mesa SET convener_institution_id = $2 WHERE id = $1`, [ids[0], was]);
    expect(ids.length).toBeGreaterThan(1);
    expect(convened).toBeGreaterThan(0);
    expect(convened).toBeLessThan(ids.length);
    expect(await access.withConvener('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('a municipality with its commune is what the query builder gives, onboarded or not, Chilean or Peruvian', async () => {
    const em = demo.ctx.get<DataSource>(DataSource).manager;
    const territory = demo.ctx.get<TerritoryRepository>(TerritoryRepository);
    const codes =
      // the onboarded ones (office, contact, onboarding date set) first, then others, Peruvian districts among them
      (
        await em.query<{ code: string }[]>(
          `(SELECT commune_code AS code FROM municipality ORDER BY onboarded_at NULLS LAST, commune_code LIMIT 20)
         UNION (SELECT commune_code FROM municipality WHERE commune_code LIKE 'PE-%' ORDER BY 1 LIMIT 3)`,
        )
      ).map((r) => r.code);
    expect(codes.length).toBeGreaterThan(20);
    let onboarded = 0;
    for (const code of codes) {
      const theirs = await em
        .getRepository(Municipality)
        .createQueryBuilder('m')
        .innerJoinAndSelect('m.commune', 'c')
        .where('m.communeCode = :code', { code })
        .getOne();
      const ours = await territory.findMunicipalityByCommune(code);
      expect(ours).toEqual(theirs);
      expect(ours).toBeInstanceOf(Municipality);
      if (ours?.onboardedAt) onboarded++;
    }
    expect(onboarded).toBeGreaterThan(0);
    expect(await territory.findMunicipalityByCommune('99999')).toBeNull();
  });
});
