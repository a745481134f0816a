import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatusChangeOrder1796008132995 implements MigrationInterface {
  name = 'StatusChangeOrder1796008132995';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "association_status_change" ADD "seq" BIGSERIAL NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "association_status_change" DROP COLUMN "seq"`);
  }
}
