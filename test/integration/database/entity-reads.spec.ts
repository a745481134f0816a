import { DataSource } from 'typeorm';
import { findById } from '../../../src/database/entity-reads';
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
});
