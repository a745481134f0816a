import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMeetings1796009500879 implements MigrationInterface {
  name = 'AddMeetings1796009500879';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_feed" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_24c0b9c80e4a4ac8752d854bc2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_16cae1b0e9bfe4f820859c0188" ON "calendar_feed"  ("association_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_calendar_feed_token" ON "calendar_feed"  ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "meeting_series" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid, "table_id" uuid, "rrule" text NOT NULL, "local_start" text NOT NULL, "time_zone" text NOT NULL, "count" integer, "until" date, "place" text NOT NULL, "online_url" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_meeting_series_body" CHECK (num_nonnulls(association_id, table_id) = 1), CONSTRAINT "PK_4eca052972681e25409955b1774" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_1d15dd45e98e9ce7e20f530258" ON "meeting_series"  ("association_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c1c3ae2d7a2f03a77fb1ddb094" ON "meeting_series"  ("table_id") `);
    await queryRunner.query(
      `CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid, "table_id" uuid, "series_id" uuid, "number" integer, "kind" text NOT NULL DEFAULT 'ordinary', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL, "place" text NOT NULL, "online_url" text, "status" text NOT NULL DEFAULT 'scheduled', "call" text NOT NULL DEFAULT 'first', "cancelled_reason" text, "sequence" integer NOT NULL DEFAULT '0', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_meeting_call" CHECK (call IN ('first', 'second')), CONSTRAINT "CK_meeting_status" CHECK (status IN ('scheduled', 'held', 'cancelled')), CONSTRAINT "CK_meeting_kind" CHECK (kind IN ('ordinary', 'extraordinary', 'constitutive', 'board', 'table_session')), CONSTRAINT "CK_meeting_body" CHECK (num_nonnulls(association_id, table_id) = 1), CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0907601f44d6edb513ce04a013" ON "meeting"  ("table_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_4eca052972681e25409955b177" ON "meeting"  ("series_id") `);
    await queryRunner.query(
      `CREATE INDEX "IX_meeting_association_start" ON "meeting"  ("association_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_meeting_series_number" ON "meeting"  ("series_id", "number") WHERE series_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "FK_16cae1b0e9bfe4f820859c01886" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_1d15dd45e98e9ce7e20f530258b" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_aa09b93d8b88e0e3fd0262a9c11" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_4eca052972681e25409955b1774" FOREIGN KEY ("series_id") REFERENCES "meeting_series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_4eca052972681e25409955b1774"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_aa09b93d8b88e0e3fd0262a9c11"`);
    await queryRunner.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_1d15dd45e98e9ce7e20f530258b"`);
    await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "FK_16cae1b0e9bfe4f820859c01886"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_meeting_series_number"`);
    await queryRunner.query(`DROP INDEX "public"."IX_meeting_association_start"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4eca052972681e25409955b177"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0907601f44d6edb513ce04a013"`);
    await queryRunner.query(`DROP TABLE "meeting"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c1c3ae2d7a2f03a77fb1ddb094"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1d15dd45e98e9ce7e20f530258"`);
    await queryRunner.query(`DROP TABLE "meeting_series"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feed_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_16cae1b0e9bfe4f820859c0188"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
  }
}
