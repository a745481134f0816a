import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkUserToPerson1795318089178 implements MigrationInterface {
  name = 'LinkUserToPerson1795318089178';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_3a194b12d01edcd333659ab50a" ON "app_user"  ("person_id") `);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_3a194b12d01edcd333659ab50a6" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_3a194b12d01edcd333659ab50a6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3a194b12d01edcd333659ab50a"`);
  }
}
