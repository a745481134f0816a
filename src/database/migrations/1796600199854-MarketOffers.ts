import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketOffers1796600199854 implements MigrationInterface {
  name = 'MarketOffers1796600199854';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market_offer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slot_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "offered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "lapsed_at" TIMESTAMP WITH TIME ZONE, "declined_at" TIMESTAMP WITH TIME ZONE, "accepted_slot_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_market_offer_expiry" CHECK (expires_at > offered_at), CONSTRAINT "CK_market_offer_outcome" CHECK ((CASE WHEN accepted_at IS NULL THEN 0 ELSE 1 END + CASE WHEN lapsed_at IS NULL THEN 0 ELSE 1 END + CASE WHEN declined_at IS NULL THEN 0 ELSE 1 END) <= 1), CONSTRAINT "PK_f17a1f6873ea017c8be707c545c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_market_offer_beneficiary" ON "market_offer"  ("beneficiary_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_offer_open" ON "market_offer"  ("slot_id") WHERE accepted_at IS NULL AND lapsed_at IS NULL AND declined_at IS NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_market_offer_token" ON "market_offer"  ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "market_offer" ADD CONSTRAINT "FK_c7bb88d39fa99c6082dcde69dcd" FOREIGN KEY ("slot_id") REFERENCES "market_slot"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_offer" ADD CONSTRAINT "FK_1743a6049cd0cfabd23723e6500" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_offer" DROP CONSTRAINT "FK_1743a6049cd0cfabd23723e6500"`);
    await queryRunner.query(`ALTER TABLE "market_offer" DROP CONSTRAINT "FK_c7bb88d39fa99c6082dcde69dcd"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_offer_token"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_offer_open"`);
    await queryRunner.query(`DROP INDEX "public"."IX_market_offer_beneficiary"`);
    await queryRunner.query(`DROP TABLE "market_offer"`);
  }
}
