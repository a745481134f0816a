import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 item 5: the per-minute rate limits (`verify`, `login`) counted in the database, so every instance
 * counts the same hits (src/auth/rate-limit.storage.ts); rows past their window are purged hourly.
 */
export class RateLimit1796659064512 implements MigrationInterface {
  name = 'RateLimit1796659064512';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit" ("key" text NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e6c0c0608decdf78e4d4b263397" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1a1f01e1a8225b3e01517e3e29" ON "rate_limit"  ("window_ends_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_1a1f01e1a8225b3e01517e3e29"`);
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }
}
