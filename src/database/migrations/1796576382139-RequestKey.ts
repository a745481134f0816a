import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Request keys (issue 22 item 2): an API Idempotency-Key or a page form's one-time id, with the first answer, kept 24 hours. */

export class RequestKey1796576382139 implements MigrationInterface {
  name = 'RequestKey1796576382139';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "request_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope" uuid NOT NULL, "kind" text NOT NULL, "key" text NOT NULL, "fingerprint" text NOT NULL, "status" integer, "body" jsonb, "location" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4388590791f2c784dcaf8e85540" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_request_key" ON "request_key"  ("scope", "kind", "key") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_request_key"`);
    await queryRunner.query(`DROP TABLE "request_key"`);
  }
}
