import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingConvened1796010496589 implements MigrationInterface {
  name = 'MeetingConvened1796010496589';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting" ADD "convened_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "meeting" ADD "convened_by" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting" DROP COLUMN "convened_by"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP COLUMN "convened_at"`);
  }
}
