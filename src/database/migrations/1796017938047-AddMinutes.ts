import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMinutes1796017938047 implements MigrationInterface {
  name = 'AddMinutes1796017938047';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "minutes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "association_id" uuid, "table_id" uuid, "status" text NOT NULL DEFAULT 'draft', "book" text NOT NULL DEFAULT 'assembly', "number" integer, "items" jsonb NOT NULL DEFAULT '[]', "snapshot" jsonb, "approved_at" TIMESTAMP WITH TIME ZONE, "approved_by" uuid, "approver_name" text, "approver_position" text, "content_hash" text, "previous_hash" text, "previous_minutes_id" uuid, "document_id" uuid, "created_by" uuid, "updated_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_minutes_approved" CHECK (status = 'draft' OR (approved_at IS NOT NULL AND number IS NOT NULL AND content_hash IS NOT NULL AND snapshot IS NOT NULL)), CONSTRAINT "CK_minutes_status" CHECK (status IN ('draft', 'approved')), CONSTRAINT "CK_minutes_book" CHECK (book IN ('assembly', 'board')), CONSTRAINT "CK_minutes_body" CHECK (num_nonnulls(association_id, table_id) = 1), CONSTRAINT "PK_6430e69788e26236b493d6fcc7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b5f85480864d8582430e488a93" ON "minutes"  ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_90c1e15095bd0d8afc6f431289" ON "minutes"  ("table_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_minutes_table_number" ON "minutes"  ("table_id", "book", "number") WHERE table_id IS NOT NULL AND number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_minutes_association_number" ON "minutes"  ("association_id", "book", "number") WHERE association_id IS NOT NULL AND number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "number" integer NOT NULL, "text" text NOT NULL, "votes_for" integer NOT NULL, "votes_against" integer NOT NULL, "abstentions" integer NOT NULL, "majority" text NOT NULL, "outcome" text NOT NULL, "without_quorum" boolean NOT NULL DEFAULT false, CONSTRAINT "CK_agreement_outcome" CHECK (outcome IN ('approved', 'rejected')), CONSTRAINT "CK_agreement_majority" CHECK (majority IN ('simple', 'absolute', 'two_thirds')), CONSTRAINT "CK_agreement_votes" CHECK (votes_for >= 0 AND votes_against >= 0 AND abstentions >= 0), CONSTRAINT "PK_e7537188219eeef56233a609753" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_agreement_number" ON "agreement"  ("minutes_id", "number") `);
    await queryRunner.query(
      `CREATE TABLE "commitment_update" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commitment_id" uuid NOT NULL, "status" text, "progress" integer, "note" text NOT NULL, "created_by" uuid, "created_by_name" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_commitment_update_progress" CHECK (progress IS NULL OR (progress >= 0 AND progress <= 100)), CONSTRAINT "CK_commitment_update_status" CHECK (status IS NULL OR status IN ('open', 'in_progress', 'done', 'cancelled')), CONSTRAINT "PK_d790904ec3d9d23f4e1cf599638" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_14bf93ca4b0bc27ce6834588b5" ON "commitment_update"  ("commitment_id") `);
    await queryRunner.query(
      `CREATE TABLE "minutes_amendment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "amends_minutes_id" uuid NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_5ced904be99b69d0c001c6e490d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_425e8fee47106e9ddb2b0f8ad4" ON "minutes_amendment"  ("amends_minutes_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_minutes_amendment" ON "minutes_amendment"  ("minutes_id", "amends_minutes_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_distribution" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "sent_by" uuid, "queued" integer NOT NULL, "without_email" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_60a1599ceb2855377689c28ac3f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2e7292987d56ebf55538c6c750" ON "minutes_distribution"  ("minutes_id") `);
    await queryRunner.query(`ALTER TABLE "commitment" ADD "position" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "commitment" ADD "owner_kind" text NOT NULL DEFAULT 'person'`);
    await queryRunner.query(`ALTER TABLE "commitment" ADD "progress" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "commitment" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "CK_commitment_progress" CHECK (progress >= 0 AND progress <= 100)`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment" ADD CONSTRAINT "CK_commitment_owner_kind" CHECK (owner_kind IN ('member', 'participant', 'institution', 'person'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_b5f85480864d8582430e488a93d" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_4b3ba6dc9563fdb127b625798e3" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_f4bf7c09525a1d7581906969c2c" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement" ADD CONSTRAINT "FK_225777fd841567557eb310c8cec" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commitment_update" ADD CONSTRAINT "FK_14bf93ca4b0bc27ce6834588b5e" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_amendment" ADD CONSTRAINT "FK_0ec3c5006c8bf8d24c3cfcbcfd3" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_amendment" ADD CONSTRAINT "FK_425e8fee47106e9ddb2b0f8ad44" FOREIGN KEY ("amends_minutes_id") REFERENCES "minutes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_distribution" ADD CONSTRAINT "FK_2e7292987d56ebf55538c6c750c" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // DOM-MTG-9, SECURITY.md: an approved acta never changes, whoever connects; corrections are amendments.
    await queryRunner.query(`CREATE FUNCTION minutes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          IF EXISTS (SELECT 1 FROM minutes WHERE status = 'approved') THEN
            RAISE EXCEPTION 'MINUTES_LOCKED: hay actas aprobadas; no se borran' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END IF;
        IF OLD.status = 'approved' THEN
          RAISE EXCEPTION 'MINUTES_LOCKED: el acta N° % está aprobada y no se modifica; corríjala con una enmienda en una reunión posterior', OLD.number USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER minutes_locked BEFORE UPDATE OR DELETE ON "minutes" FOR EACH ROW EXECUTE FUNCTION minutes_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER minutes_no_truncate BEFORE TRUNCATE ON "minutes" FOR EACH STATEMENT EXECUTE FUNCTION minutes_refuse_change()`,
    );
    // The agreements and amendments of an approved acta are part of it: no row added, changed or removed.
    await queryRunner.query(`CREATE FUNCTION minutes_part_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          IF EXISTS (SELECT 1 FROM minutes WHERE status = 'approved') THEN
            RAISE EXCEPTION 'MINUTES_LOCKED: hay actas aprobadas; sus partes no se borran' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
          IF EXISTS (SELECT 1 FROM minutes WHERE id = OLD.minutes_id AND status = 'approved') THEN
            RAISE EXCEPTION 'MINUTES_LOCKED: el acta está aprobada; % en % no está permitido', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          IF EXISTS (SELECT 1 FROM minutes WHERE id = NEW.minutes_id AND status = 'approved') THEN
            RAISE EXCEPTION 'MINUTES_LOCKED: el acta está aprobada; % en % no está permitido', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER agreement_locked BEFORE INSERT OR UPDATE OR DELETE ON "agreement" FOR EACH ROW EXECUTE FUNCTION minutes_part_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER agreement_no_truncate BEFORE TRUNCATE ON "agreement" FOR EACH STATEMENT EXECUTE FUNCTION minutes_part_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER minutes_amendment_locked BEFORE INSERT OR UPDATE OR DELETE ON "minutes_amendment" FOR EACH ROW EXECUTE FUNCTION minutes_part_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER minutes_amendment_no_truncate BEFORE TRUNCATE ON "minutes_amendment" FOR EACH STATEMENT EXECUTE FUNCTION minutes_part_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER minutes_amendment_no_truncate ON "minutes_amendment"`);
    await queryRunner.query(`DROP TRIGGER minutes_amendment_locked ON "minutes_amendment"`);
    await queryRunner.query(`DROP TRIGGER agreement_no_truncate ON "agreement"`);
    await queryRunner.query(`DROP TRIGGER agreement_locked ON "agreement"`);
    await queryRunner.query(`DROP TRIGGER minutes_no_truncate ON "minutes"`);
    await queryRunner.query(`DROP TRIGGER minutes_locked ON "minutes"`);
    await queryRunner.query(`DROP FUNCTION minutes_part_refuse_change()`);
    await queryRunner.query(`DROP FUNCTION minutes_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "minutes_distribution" DROP CONSTRAINT "FK_2e7292987d56ebf55538c6c750c"`);
    await queryRunner.query(`ALTER TABLE "minutes_amendment" DROP CONSTRAINT "FK_425e8fee47106e9ddb2b0f8ad44"`);
    await queryRunner.query(`ALTER TABLE "minutes_amendment" DROP CONSTRAINT "FK_0ec3c5006c8bf8d24c3cfcbcfd3"`);
    await queryRunner.query(`ALTER TABLE "commitment_update" DROP CONSTRAINT "FK_14bf93ca4b0bc27ce6834588b5e"`);
    await queryRunner.query(`ALTER TABLE "agreement" DROP CONSTRAINT "FK_225777fd841567557eb310c8cec"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_f4bf7c09525a1d7581906969c2c"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_4b3ba6dc9563fdb127b625798e3"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_b5f85480864d8582430e488a93d"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "CK_commitment_owner_kind"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP CONSTRAINT "CK_commitment_progress"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP COLUMN "closed_at"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP COLUMN "progress"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP COLUMN "owner_kind"`);
    await queryRunner.query(`ALTER TABLE "commitment" DROP COLUMN "position"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2e7292987d56ebf55538c6c750"`);
    await queryRunner.query(`DROP TABLE "minutes_distribution"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_minutes_amendment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_425e8fee47106e9ddb2b0f8ad4"`);
    await queryRunner.query(`DROP TABLE "minutes_amendment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_14bf93ca4b0bc27ce6834588b5"`);
    await queryRunner.query(`DROP TABLE "commitment_update"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_agreement_number"`);
    await queryRunner.query(`DROP TABLE "agreement"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_minutes_association_number"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_minutes_table_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_90c1e15095bd0d8afc6f431289"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b5f85480864d8582430e488a93"`);
    await queryRunner.query(`DROP TABLE "minutes"`);
  }
}
