import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 item 2: the fund matching reads an applicant's calls (national, its region's, its commune's) from indexes
 * instead of scanning every call: a partial index of the national calls and GIN indexes of the calls' regions and
 * communes (queried with `@>`).
 */
export class FundCallTerritoryIndexes1796661577207 implements MigrationInterface {
  name = 'FundCallTerritoryIndexes1796661577207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IX_fund_call_national" ON "fund_call"  ("target_applicant") WHERE scope = 'national'`,
    );
    await queryRunner.query(`CREATE INDEX "IX_fund_call_regions" ON "fund_call" USING gin ("region_codes")`);
    await queryRunner.query(`CREATE INDEX "IX_fund_call_communes" ON "fund_call" USING gin ("commune_codes")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_fund_call_communes"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_call_regions"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_call_national"`);
  }
}
