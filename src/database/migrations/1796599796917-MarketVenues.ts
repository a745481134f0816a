import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Market weeks (issue 19, DOM-MKT-1, 2, 4): venues of a program or a table, applications for a month, the month's
 * draft or published state, the slots (one live slot per stand and week, and per entrepreneur and month: partial
 * unique indexes) with their attendance, and the waitlist. The offers after a cancellation are M2's own migration.
 */

export class MarketVenues1796599796917 implements MigrationInterface {
  name = 'MarketVenues1796599796917';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market_venue" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "address" text NOT NULL, "commune_code" text NOT NULL, "program_id" uuid, "table_id" uuid, "stands_per_week" integer NOT NULL, "category_cap_per_week" integer, "own_dates" date array, "time_zone" text NOT NULL DEFAULT 'America/Santiago', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_market_venue_cap" CHECK (category_cap_per_week IS NULL OR category_cap_per_week > 0), CONSTRAINT "CK_market_venue_stands" CHECK (stands_per_week > 0 AND stands_per_week <= 1000), CONSTRAINT "CK_market_venue_owner" CHECK (program_id IS NOT NULL OR table_id IS NOT NULL), CONSTRAINT "PK_dc815141cb06b4d736dfea066a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_market_venue_table" ON "market_venue"  ("table_id") `);
    await queryRunner.query(`CREATE INDEX "IX_market_venue_program" ON "market_venue"  ("program_id") `);
    await queryRunner.query(
      `CREATE TABLE "market_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "month" character(7) NOT NULL, "preferred_weeks" date array NOT NULL DEFAULT '{}', "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL, "applied_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_market_application_month" CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "PK_2e1de3b2e467493735ed20c60f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_842c6ac3600cf0d218fba50244" ON "market_application"  ("beneficiary_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_market_application_month" ON "market_application"  ("venue_id", "month") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_application" ON "market_application"  ("venue_id", "beneficiary_id", "month") `,
    );
    await queryRunner.query(
      `CREATE TABLE "market_month" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "month" character(7) NOT NULL, "status" text NOT NULL DEFAULT 'draft', "drafted_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "published_by" uuid, CONSTRAINT "CK_market_month_published" CHECK (status = 'draft' OR published_at IS NOT NULL), CONSTRAINT "CK_market_month_month" CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "CK_market_month_status" CHECK (status IN ('draft', 'published')), CONSTRAINT "PK_98c59d63b182672ff8e103ea3cc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_market_month" ON "market_month"  ("venue_id", "month") `);
    await queryRunner.query(
      `CREATE TABLE "market_slot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "month" character(7) NOT NULL, "week_starts_on" date NOT NULL, "week_ends_on" date NOT NULL, "stand" integer NOT NULL, "beneficiary_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'assigned', "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "attendance" text, "attendance_marked_at" TIMESTAMP WITH TIME ZONE, "attendance_marked_by" uuid, "origin" text NOT NULL DEFAULT 'allocation', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_market_slot_month" CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "CK_market_slot_cancelled" CHECK (status = 'assigned' OR cancelled_at IS NOT NULL), CONSTRAINT "CK_market_slot_week" CHECK (week_ends_on >= week_starts_on), CONSTRAINT "CK_market_slot_stand" CHECK (stand > 0), CONSTRAINT "CK_market_slot_origin" CHECK (origin IN ('allocation', 'waitlist')), CONSTRAINT "CK_market_slot_attendance" CHECK (attendance IS NULL OR attendance IN ('attended', 'excused', 'no_show')), CONSTRAINT "CK_market_slot_status" CHECK (status IN ('assigned', 'cancelled')), CONSTRAINT "PK_e11b388fbe90810f9b9053979e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_280af01d76590a2e681c1cecd2" ON "market_slot"  ("beneficiary_id") `);
    await queryRunner.query(`CREATE INDEX "IX_market_slot_month" ON "market_slot"  ("venue_id", "month") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_slot_beneficiary" ON "market_slot"  ("venue_id", "month", "beneficiary_id") WHERE status = 'assigned'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_slot_stand" ON "market_slot"  ("venue_id", "week_starts_on", "stand") WHERE status = 'assigned'`,
    );
    await queryRunner.query(
      `CREATE TABLE "market_waitlist" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "month" character(7) NOT NULL, "beneficiary_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "CK_market_waitlist_month" CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT "CK_market_waitlist_position" CHECK (position > 0), CONSTRAINT "PK_263beb78841185011d5c6b315f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_21c82450fbad903f41a7dbf630" ON "market_waitlist"  ("beneficiary_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_waitlist_position" ON "market_waitlist"  ("venue_id", "month", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_market_waitlist_beneficiary" ON "market_waitlist"  ("venue_id", "month", "beneficiary_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "market_venue" ADD CONSTRAINT "FK_d00ebfc94ab725284ba0eb4c05c" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_venue" ADD CONSTRAINT "FK_a4385cc4fae05c14f43297b623f" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_application" ADD CONSTRAINT "FK_494a9db082d89c1aed1dbe887d4" FOREIGN KEY ("venue_id") REFERENCES "market_venue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_application" ADD CONSTRAINT "FK_842c6ac3600cf0d218fba50244b" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_month" ADD CONSTRAINT "FK_91fdc3b1ecf21c4ca5c786172c1" FOREIGN KEY ("venue_id") REFERENCES "market_venue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_slot" ADD CONSTRAINT "FK_29be74379d4353f7c7dbd3c59f4" FOREIGN KEY ("venue_id") REFERENCES "market_venue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_slot" ADD CONSTRAINT "FK_280af01d76590a2e681c1cecd2c" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_waitlist" ADD CONSTRAINT "FK_1e8366afa1687bb96ca7b9f338b" FOREIGN KEY ("venue_id") REFERENCES "market_venue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "market_waitlist" ADD CONSTRAINT "FK_21c82450fbad903f41a7dbf6308" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "market_waitlist" DROP CONSTRAINT "FK_21c82450fbad903f41a7dbf6308"`);
    await queryRunner.query(`ALTER TABLE "market_waitlist" DROP CONSTRAINT "FK_1e8366afa1687bb96ca7b9f338b"`);
    await queryRunner.query(`ALTER TABLE "market_slot" DROP CONSTRAINT "FK_280af01d76590a2e681c1cecd2c"`);
    await queryRunner.query(`ALTER TABLE "market_slot" DROP CONSTRAINT "FK_29be74379d4353f7c7dbd3c59f4"`);
    await queryRunner.query(`ALTER TABLE "market_month" DROP CONSTRAINT "FK_91fdc3b1ecf21c4ca5c786172c1"`);
    await queryRunner.query(`ALTER TABLE "market_application" DROP CONSTRAINT "FK_842c6ac3600cf0d218fba50244b"`);
    await queryRunner.query(`ALTER TABLE "market_application" DROP CONSTRAINT "FK_494a9db082d89c1aed1dbe887d4"`);
    await queryRunner.query(`ALTER TABLE "market_venue" DROP CONSTRAINT "FK_a4385cc4fae05c14f43297b623f"`);
    await queryRunner.query(`ALTER TABLE "market_venue" DROP CONSTRAINT "FK_d00ebfc94ab725284ba0eb4c05c"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_waitlist_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_waitlist_position"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_21c82450fbad903f41a7dbf630"`);
    await queryRunner.query(`DROP TABLE "market_waitlist"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_slot_stand"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_slot_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."IX_market_slot_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_280af01d76590a2e681c1cecd2"`);
    await queryRunner.query(`DROP TABLE "market_slot"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_month"`);
    await queryRunner.query(`DROP TABLE "market_month"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_market_application"`);
    await queryRunner.query(`DROP INDEX "public"."IX_market_application_month"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_842c6ac3600cf0d218fba50244"`);
    await queryRunner.query(`DROP TABLE "market_application"`);
    await queryRunner.query(`DROP INDEX "public"."IX_market_venue_program"`);
    await queryRunner.query(`DROP INDEX "public"."IX_market_venue_table"`);
    await queryRunner.query(`DROP TABLE "market_venue"`);
  }
}
