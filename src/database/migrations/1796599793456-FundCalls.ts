import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fund calls (issue 18, DOM-FND-1, DOM-FND-3): the calls with their territory, category, target applicant, amounts,
 * window and requirements (CHECKs written by hand in the entity, as TypeORM generates them from @Check), the users'
 * subscriptions to a call's reminders and the secret ICS feed addresses (only the token's SHA-256).
 */

export class FundCalls1796599793456 implements MigrationInterface {
  name = 'FundCalls1796599793456';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fund_call" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "institution_id" uuid NOT NULL, "name" text NOT NULL, "year" integer NOT NULL, "scope" text NOT NULL, "region_codes" text array NOT NULL DEFAULT '{}', "commune_codes" text array NOT NULL DEFAULT '{}', "category" text NOT NULL, "target_applicant" text NOT NULL, "association_kinds" text array, "amount_min_clp" bigint, "amount_max_clp" bigint, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL DEFAULT 'America/Santiago', "url" text, "requirements" jsonb NOT NULL DEFAULT '{}', "description" text, "owner_program_id" uuid, "owner_commune_code" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_fund_call_year" CHECK (year BETWEEN 2000 AND 2100), CONSTRAINT "CK_fund_call_amounts" CHECK ((amount_min_clp IS NULL OR (amount_min_clp >= 0 AND amount_min_clp < 1000000000000)) AND (amount_max_clp IS NULL OR (amount_max_clp >= 0 AND amount_max_clp < 1000000000000)) AND (amount_min_clp IS NULL OR amount_max_clp IS NULL OR amount_min_clp <= amount_max_clp)), CONSTRAINT "CK_fund_call_window" CHECK (closes_at > opens_at), CONSTRAINT "CK_fund_call_target" CHECK (target_applicant IN ('persons', 'organizations', 'businesses')), CONSTRAINT "CK_fund_call_category" CHECK (category IN ('social', 'security', 'productive', 'culture', 'sport', 'environment', 'infrastructure', 'other')), CONSTRAINT "CK_fund_call_territory" CHECK (scope = 'national' OR (scope = 'regional' AND cardinality(region_codes) > 0) OR (scope = 'communal' AND cardinality(commune_codes) > 0)), CONSTRAINT "CK_fund_call_scope" CHECK (scope IN ('communal', 'regional', 'national')), CONSTRAINT "PK_1cbfa462aedd178abd9f3f9e760" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_fund_call_owner_program" ON "fund_call"  ("owner_program_id") `);
    await queryRunner.query(`CREATE INDEX "IX_fund_call_opens" ON "fund_call"  ("opens_at") `);
    await queryRunner.query(`CREATE INDEX "IX_fund_call_closes" ON "fund_call"  ("closes_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_fund_call_name" ON "fund_call"  ("institution_id", "name", "year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "fund_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid, "user_id" uuid, "token_hash" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_fund_feed_owner" CHECK (num_nonnulls(association_id, user_id) = 1), CONSTRAINT "PK_10b979f9344ecef607dee90e8ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_fund_feed_association" ON "fund_feed"  ("association_id") `);
    await queryRunner.query(`CREATE INDEX "IX_fund_feed_user" ON "fund_feed"  ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_fund_feed_token" ON "fund_feed"  ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "fund_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fund_call_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ff4d8c5c59ac6c92781390377cb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_fund_subscription_user" ON "fund_subscription"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_fund_subscription" ON "fund_subscription"  ("fund_call_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_call" ADD CONSTRAINT "FK_3ecefa73c4bc6ed1c96532536fa" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_call" ADD CONSTRAINT "FK_621f23927116fd24e66c2c975ef" FOREIGN KEY ("owner_program_id") REFERENCES "program"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_feed" ADD CONSTRAINT "FK_81127f9ac37347f237b023d0ece" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_feed" ADD CONSTRAINT "FK_815bad13dd2f2304aa05fe577d5" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_subscription" ADD CONSTRAINT "FK_2961d0a4c1dd8d1c41de96d1730" FOREIGN KEY ("fund_call_id") REFERENCES "fund_call"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_subscription" ADD CONSTRAINT "FK_07f30f1cc88768bc7676c18f938" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fund_subscription" DROP CONSTRAINT "FK_07f30f1cc88768bc7676c18f938"`);
    await queryRunner.query(`ALTER TABLE "fund_subscription" DROP CONSTRAINT "FK_2961d0a4c1dd8d1c41de96d1730"`);
    await queryRunner.query(`ALTER TABLE "fund_feed" DROP CONSTRAINT "FK_815bad13dd2f2304aa05fe577d5"`);
    await queryRunner.query(`ALTER TABLE "fund_feed" DROP CONSTRAINT "FK_81127f9ac37347f237b023d0ece"`);
    await queryRunner.query(`ALTER TABLE "fund_call" DROP CONSTRAINT "FK_621f23927116fd24e66c2c975ef"`);
    await queryRunner.query(`ALTER TABLE "fund_call" DROP CONSTRAINT "FK_3ecefa73c4bc6ed1c96532536fa"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_subscription_user"`);
    await queryRunner.query(`DROP TABLE "fund_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_feed_token"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_feed_user"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_feed_association"`);
    await queryRunner.query(`DROP TABLE "fund_feed"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_call_name"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_call_closes"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_call_opens"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_call_owner_program"`);
    await queryRunner.query(`DROP TABLE "fund_call"`);
  }
}
