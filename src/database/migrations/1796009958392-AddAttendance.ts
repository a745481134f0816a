import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAttendance1796009958392 implements MigrationInterface {
  name = 'AddAttendance1796009958392';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "membership_id" uuid, "participant_id" uuid, "status" text NOT NULL, "mode" text NOT NULL DEFAULT 'in_person', "arrived_at" TIMESTAMP WITH TIME ZONE, "left_at" TIMESTAMP WITH TIME ZONE, "marked_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_attendance_mode" CHECK (mode IN ('in_person', 'online')), CONSTRAINT "CK_attendance_status" CHECK (status IN ('present', 'excused', 'absent')), CONSTRAINT "CK_attendance_person" CHECK (num_nonnulls(membership_id, participant_id) = 1), CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_fedd75244556b90cd6a92b7c14" ON "attendance"  ("meeting_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_attendance_member" ON "attendance"  ("meeting_id", "membership_id") WHERE membership_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_fedd75244556b90cd6a92b7c149" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_3827fdf31bf06b4acb7f9cb969c" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_3827fdf31bf06b4acb7f9cb969c"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_fedd75244556b90cd6a92b7c149"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_attendance_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fedd75244556b90cd6a92b7c14"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
  }
}
