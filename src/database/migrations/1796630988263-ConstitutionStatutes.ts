import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConstitutionStatutes1796630988263 implements MigrationInterface {
  name = 'ConstitutionStatutes1796630988263';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "constitution_statutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "file_name" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "content" bytea NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "uploaded_by" uuid, CONSTRAINT "UQ_37b509ec91cccb9bdc63433a19a" UNIQUE ("association_id"), CONSTRAINT "REL_37b509ec91cccb9bdc63433a19" UNIQUE ("association_id"), CONSTRAINT "PK_b55c7b3c9c68ade40bca1b6c9d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "document" ADD "issued_with_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "constitution_statutes" ADD CONSTRAINT "FK_37b509ec91cccb9bdc63433a19a" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "document" ADD CONSTRAINT "FK_document_issued_with" FOREIGN KEY ("issued_with_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "FK_document_issued_with"`);
    await queryRunner.query(`ALTER TABLE "constitution_statutes" DROP CONSTRAINT "FK_37b509ec91cccb9bdc63433a19a"`);
    await queryRunner.query(`ALTER TABLE "document" DROP COLUMN "issued_with_id"`);
    await queryRunner.query(`DROP TABLE "constitution_statutes"`);
  }
}
