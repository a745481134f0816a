import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in budgets per account, known device and source (issue 22 item 8) replace the user's lock, which a stranger could renew: app_user loses failed_logins and locked_until (current locks end). */

export class LoginThrottle1796574836396 implements MigrationInterface {
  name = 'LoginThrottle1796574836396';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" text NOT NULL, "kind" text NOT NULL, "user_id" uuid, "failures" integer NOT NULL DEFAULT '0', "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, "wait_until" TIMESTAMP WITH TIME ZONE, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_login_throttle_kind" CHECK (kind IN ('account', 'device', 'source')), CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_00804a346e15fe5d29f5ba3b5d" ON "login_throttle"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "failed_logins"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "locked_until"`);
    await queryRunner.query(
      `ALTER TABLE "login_throttle" ADD CONSTRAINT "FK_00804a346e15fe5d29f5ba3b5d9" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "login_throttle" DROP CONSTRAINT "FK_00804a346e15fe5d29f5ba3b5d9"`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "app_user" ADD "failed_logins" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`DROP INDEX "public"."IDX_00804a346e15fe5d29f5ba3b5d"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
  }
}
