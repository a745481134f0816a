import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ObjectionCorrection1796005794536 implements MigrationInterface {
  name = 'ObjectionCorrection1796005794536';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "constitution" ADD "corrected_on" date`);
    await queryRunner.query(`ALTER TABLE "constitution" ADD "correction_notes" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "constitution" DROP COLUMN "correction_notes"`);
    await queryRunner.query(`ALTER TABLE "constitution" DROP COLUMN "corrected_on"`);
  }
}
