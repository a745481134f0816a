import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAuditOutboxDocuments1795309685652 implements MigrationInterface {
  name = 'AddAuditOutboxDocuments1795309685652';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "role" text, "action" text NOT NULL, "object_type" text, "object_id" text, "scope_type" text, "scope_id" text, "ip" text, "request_id" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log"  ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_951e6339a77994dfbad976b35c" ON "audit_log"  ("action") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_8aa8bbfcb68682e135a2431e07" ON "audit_log"  ("object_type", "object_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "owner_type" text NOT NULL, "owner_id" text NOT NULL, "commune_code" text, "subject" text NOT NULL, "filename" text NOT NULL, "content_type" text NOT NULL DEFAULT 'application/pdf', "content" bytea NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "verification_code" text NOT NULL, "status" text NOT NULL DEFAULT 'issued', "time_zone" text NOT NULL DEFAULT 'America/Santiago', "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "superseded_by_id" uuid, "status_changed_at" TIMESTAMP WITH TIME ZONE, "status_reason" text, CONSTRAINT "UQ_ae5479528a469cc0d3fe6090fe4" UNIQUE ("verification_code"), CONSTRAINT "PK_e57d3357f83f3cdc0acffc3d777" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2d1b1cd857e0bc9da1e48d1112" ON "document"  ("owner_type", "owner_id") `);
    await queryRunner.query(
      `CREATE TABLE "outbox_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "dedupe_key" text NOT NULL, "to_address" text NOT NULL, "to_name" text, "subject" text NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, "claim_token" uuid, "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "smtp_message_id" text, CONSTRAINT "UQ_c9d3ed272e281eeb8be7353e2cd" UNIQUE ("dedupe_key"), CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outbox_message_due" ON "outbox_message"  ("next_attempt_at") WHERE sent_at IS NULL AND failed_at IS NULL`,
    );

    // Written by hand: integrity rules the entities cannot express (SECURITY.md, records integrity and audit).
    await queryRunner.query(
      `ALTER TABLE "document" ADD CONSTRAINT "CHK_document_status" CHECK ("status" IN ('issued', 'superseded', 'revoked'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document" ADD CONSTRAINT "FK_document_superseded_by" FOREIGN KEY ("superseded_by_id") REFERENCES "document"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "document" ADD CONSTRAINT "CHK_document_superseded_has_replacement" CHECK (("status" = 'superseded') = ("superseded_by_id" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "document" ADD CONSTRAINT "CHK_document_status_fields" CHECK ("status" = 'issued' OR "status_changed_at" IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "document" ADD CONSTRAINT "CHK_document_not_self_superseded" CHECK ("superseded_by_id" IS NULL OR "superseded_by_id" <> "id")`,
    );
    // The audit log is insert-only, whoever connects.
    await queryRunner.query(`CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log es de solo inserción: % no está permitido', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    // An issued document's bytes and identity never change; only its status may move on (superseded, revoked).
    await queryRunner.query(`CREATE FUNCTION document_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
          RAISE EXCEPTION 'un documento emitido no se puede borrar' USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- Only one change is allowed, once: issued -> superseded or revoked, with its date, reason and replacement.
        IF OLD.status <> 'issued' OR NEW.status = 'issued' THEN
          RAISE EXCEPTION 'un documento emitido no cambia: emita uno nuevo que lo reemplace' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (to_jsonb(NEW) - ARRAY['status', 'status_changed_at', 'status_reason', 'superseded_by_id'])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'status_changed_at', 'status_reason', 'superseded_by_id']) THEN
          RAISE EXCEPTION 'un documento emitido no cambia: emita uno nuevo que lo reemplace' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER document_immutable BEFORE UPDATE OR DELETE ON "document" FOR EACH ROW EXECUTE FUNCTION document_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER document_no_truncate BEFORE TRUNCATE ON "document" FOR EACH STATEMENT EXECUTE FUNCTION document_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER document_no_truncate ON "document"`);
    await queryRunner.query(`DROP TRIGGER document_immutable ON "document"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "CHK_document_status_fields"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "CHK_document_superseded_has_replacement"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "CHK_document_not_self_superseded"`);
    await queryRunner.query(`ALTER TABLE "document" DROP CONSTRAINT "FK_document_superseded_by"`);
    await queryRunner.query(`DROP FUNCTION document_refuse_change()`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON "audit_log"`);
    await queryRunner.query(`DROP TRIGGER audit_log_no_update_delete ON "audit_log"`);
    await queryRunner.query(`DROP FUNCTION audit_log_refuse_change()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outbox_message_due"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2d1b1cd857e0bc9da1e48d1112"`);
    await queryRunner.query(`DROP TABLE "document"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8aa8bbfcb68682e135a2431e07"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_951e6339a77994dfbad976b35c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ba27cef5b8b2b1a756e06ebcc5"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
