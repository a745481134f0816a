import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 item 5: uploaded files (commitments' evidence) in the database instead of EVIDENCE_DIR, so instances
 * share nothing but the database. A commitment's evidence row that goes (its commitment deleted) takes its bytes
 * with it. Files already under EVIDENCE_DIR are brought in by `npm run cli -- evidence:import`.
 */
export class StoredFile1796658702900 implements MigrationInterface {
  name = 'StoredFile1796658702900';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_file" ("key" uuid NOT NULL, "content" bytea NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_stored_file_size" CHECK (size_bytes = octet_length(content)), CONSTRAINT "PK_eba350dfc8ac9ed18cc4d626c19" PRIMARY KEY ("key"))`,
    );
    // PDFs, JPEGs and PNGs are compressed already: kept out of line without trying to compress them again
    await queryRunner.query(`ALTER TABLE "stored_file" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    await queryRunner.query(
      `CREATE FUNCTION commitment_evidence_drop_file() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.storage_key ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
           DELETE FROM stored_file WHERE "key" = OLD.storage_key::uuid;
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER commitment_evidence_drop_file AFTER DELETE ON commitment_evidence FOR EACH ROW EXECUTE FUNCTION commitment_evidence_drop_file()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER commitment_evidence_drop_file ON commitment_evidence`);
    await queryRunner.query(`DROP FUNCTION commitment_evidence_drop_file()`);
    await queryRunner.query(`DROP TABLE "stored_file"`);
  }
}
