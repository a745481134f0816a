import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TableForeignKeys1796022152944 implements MigrationInterface {
  name = 'TableForeignKeys1796022152944';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "meeting_series" ADD CONSTRAINT "FK_c1c3ae2d7a2f03a77fb1ddb094c" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_0907601f44d6edb513ce04a0132" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_6a213cd64bd69b44312d6c15a91" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_9bf4f214a2f786c2d53a89c6ca2" FOREIGN KEY ("owner_participant_id") REFERENCES "table_participant"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "FK_00710684fe2036e59c828a30d9e" FOREIGN KEY ("owner_institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_145dc0e1cecc756483c09fcd4a5" FOREIGN KEY ("participant_id") REFERENCES "table_participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_90c1e15095bd0d8afc6f4312894" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_90c1e15095bd0d8afc6f4312894"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_145dc0e1cecc756483c09fcd4a5"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_00710684fe2036e59c828a30d9e"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_9bf4f214a2f786c2d53a89c6ca2"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "FK_6a213cd64bd69b44312d6c15a91"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_0907601f44d6edb513ce04a0132"`);
    await queryRunner.query(`ALTER TABLE "meeting_series" DROP CONSTRAINT "FK_c1c3ae2d7a2f03a77fb1ddb094c"`);
  }
}
