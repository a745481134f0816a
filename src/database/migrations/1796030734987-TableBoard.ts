import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TableBoard1796030734987 implements MigrationInterface {
  name = 'TableBoard1796030734987';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "commitment_evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commitment_id" uuid NOT NULL, "update_id" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_commitment_evidence_size" CHECK (size_bytes > 0), CONSTRAINT "CK_commitment_evidence_type" CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')), CONSTRAINT "PK_d1677817ddd48ac3e7bff82afc5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3721eaeafca4f1c16dd34c6ce3" ON "commitment_evidence"  ("commitment_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_85e3079bdccfaa21e9a707d471" ON "commitment_evidence"  ("update_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_commitment_evidence_key" ON "commitment_evidence"  ("storage_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "table_share_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "table_id" uuid NOT NULL, "token_hash" text NOT NULL, "label" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_56e014aaa16ed93571f5621d82c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8f0b47b1b70e72f0c3586441fb" ON "table_share_link"  ("table_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_table_share_link_token" ON "table_share_link"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "commitment" ADD "axis_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IX_commitment_board" ON "commitment"  ("table_id", "status", "due_on") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_attendance_participant" ON "attendance"  ("meeting_id", "participant_id") WHERE participant_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_51a55debf5f9f041713e2975539" FOREIGN KEY ("axis_id") REFERENCES "table_axis"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_evidence" ADD CONSTRAINT "FK_3721eaeafca4f1c16dd34c6ce36" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_evidence" ADD CONSTRAINT "FK_85e3079bdccfaa21e9a707d4719" FOREIGN KEY ("update_id") REFERENCES "commitment_update"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "table_share_link" ADD CONSTRAINT "FK_8f0b47b1b70e72f0c3586441fbf" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "table_share_link" DROP CONSTRAINT "FK_8f0b47b1b70e72f0c3586441fbf"`);
    await queryRunner.query(`ALTER TABLE "commitment_evidence" DROP CONSTRAINT "FK_85e3079bdccfaa21e9a707d4719"`);
    await queryRunner.query(`ALTER TABLE "commitment_evidence" DROP CONSTRAINT "FK_3721eaeafca4f1c16dd34c6ce36"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_51a55debf5f9f041713e2975539"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_attendance_participant"`);
    await queryRunner.query(`DROP INDEX "public"."IX_commitment_board"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP COLUMN "axis_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_table_share_link_token"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8f0b47b1b70e72f0c3586441fb"`);
    await queryRunner.query(`DROP TABLE "table_share_link"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_commitment_evidence_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_85e3079bdccfaa21e9a707d471"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3721eaeafca4f1c16dd34c6ce3"`);
    await queryRunner.query(`DROP TABLE "commitment_evidence"`);
  }
}
