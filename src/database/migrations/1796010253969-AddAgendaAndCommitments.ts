import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAgendaAndCommitments1796010253969 implements MigrationInterface {
  name = 'AddAgendaAndCommitments1796010253969';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agenda_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "position" integer NOT NULL, "title" text NOT NULL, "source" text NOT NULL DEFAULT 'manual', "commitment_id" uuid, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_agenda_item_source" CHECK (source IN ('manual', 'previous_minutes', 'carried_commitment')), CONSTRAINT "PK_413623e61232799619c2e0a1d42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_agenda_item_meeting" ON "agenda_item"  ("meeting_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "commitment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid, "table_id" uuid, "origin_meeting_id" uuid NOT NULL, "description" text NOT NULL, "owner_membership_id" uuid, "owner_participant_id" uuid, "owner_institution_id" uuid, "owner_name" text, "due_on" date, "status" text NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_commitment_status" CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')), CONSTRAINT "CK_commitment_body" CHECK (num_nonnulls(association_id, table_id) = 1), CONSTRAINT "PK_7a0899978d100f72269b3045d7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6a213cd64bd69b44312d6c15a9" ON "commitment"  ("table_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_1da7d57df8e2614e5d9ae30e7f" ON "commitment"  ("origin_meeting_id") `);
    await queryRunner.query(`CREATE INDEX "IX_commitment_open" ON "commitment"  ("association_id", "status") `);
    await queryRunner.query(
      `ALTER TABLE "agenda_item" ADD CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_4003331d6bc1d327db49f1e1cdb" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_1da7d57df8e2614e5d9ae30e7f7" FOREIGN KEY ("origin_meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_4ea2d70b3fcefa0d99a1307fbae" FOREIGN KEY ("owner_membership_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_4ea2d70b3fcefa0d99a1307fbae"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_1da7d57df8e2614e5d9ae30e7f7"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_4003331d6bc1d327db49f1e1cdb"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "FK_4d88141b534e8aad85bb583eb3b"`);
    await queryRunner.query(`DROP INDEX "public"."IX_commitment_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1da7d57df8e2614e5d9ae30e7f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6a213cd64bd69b44312d6c15a9"`);
    await queryRunner.query(`DROP TABLE "commitment"`);
    await queryRunner.query(`DROP INDEX "public"."IX_agenda_item_meeting"`);
    await queryRunner.query(`DROP TABLE "agenda_item"`);
  }
}
