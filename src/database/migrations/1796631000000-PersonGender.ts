import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 item 6: how a person's post is written, when their record says so ("Presidenta", "Presidente"); without
 * it the post's neutral name ("Presidencia"). Optional, recorded by the roster's officers.
 */
export class PersonGender1796631000000 implements MigrationInterface {
  name = 'PersonGender1796631000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" ADD "gender" text`);
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "CK_person_gender" CHECK (gender IS NULL OR gender IN ('female', 'male'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "CK_person_gender"`);
    await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "gender"`);
  }
}
