import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One revision for all fund calls, raised by a statement-level trigger on any insert, update or delete of
 * `fund_call`, by any writer (the editor, an import, a manual fix). The fund matching caches each applicant's matched
 * calls per instance keyed by it: reading one row replaces an aggregate over every call of the territory on each
 * request, and a call changed anywhere makes every instance compute again (DOM-FND-2: live data).
 */
export class FundCallRevision1796627000000 implements MigrationInterface {
  name = 'FundCallRevision1796627000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fund_call_revision" ("id" smallint PRIMARY KEY CHECK ("id" = 1), "revision" bigint NOT NULL)`,
    );
    await queryRunner.query(`INSERT INTO "fund_call_revision" ("id", "revision") VALUES (1, 1)`);
    await queryRunner.query(`CREATE FUNCTION fund_call_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE fund_call_revision SET revision = revision + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER fund_call_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fund_call FOR EACH STATEMENT EXECUTE FUNCTION fund_call_changed()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER fund_call_changed ON fund_call`);
    await queryRunner.query(`DROP FUNCTION fund_call_changed()`);
    await queryRunner.query(`DROP TABLE "fund_call_revision"`);
  }
}
