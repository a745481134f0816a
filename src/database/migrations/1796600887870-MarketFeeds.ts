import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketFeeds1796600887870 implements MigrationInterface {
  name = 'MarketFeeds1796600887870';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_20e97b61aff9dbb8e5434d3f907" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_feed_person" ON "market_feed"  ("person_id") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_market_feed_token" ON "market_feed"  ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "market_feed" ADD CONSTRAINT "FK_3e0ded835b2a9fc22797161099b" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_feed" DROP CONSTRAINT "FK_3e0ded835b2a9fc22797161099b"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_feed_token"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_feed_person"`);
    await queryRunner.query(`DROP TABLE "market_feed"`);
  }
}
