import { MIGRATIONS } from '../../../src/database/migrations';
import { pendingSchemaChanges } from '../../../src/database/migration-runner';
import { createTestApp, TestContext } from '../../support/test-app';

describe('schema', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('is exactly what the migrations build: the entities need no further change', async () => {
    expect(await pendingSchemaChanges(ctx.dataSource)).toEqual({ up: [], down: [] });
    const applied = await ctx.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new (m as new () => { name: string })().name));
  });

  it('never synchronises the schema from entities', () => {
    expect(ctx.dataSource.options.synchronize).toBe(false);
    expect(ctx.dataSource.options.migrationsRun).toBe(false);
  });
});
