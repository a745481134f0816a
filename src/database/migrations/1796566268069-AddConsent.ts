import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consent records of the people module (DOM-DATA-2, DOM-PRG-3): who consented to share what with whom, which text, withdrawn when. */

export class AddConsent1796566268069 implements MigrationInterface {
  name = 'AddConsent1796566268069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid, "association_id" uuid, "recipient_type" text NOT NULL, "recipient_id" uuid NOT NULL, "text_version" text NOT NULL, "granted_by" uuid NOT NULL, "granted_by_name" text NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_consent_withdrawal" CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL)), CONSTRAINT "CK_consent_recipient" CHECK (recipient_type IN ('program')), CONSTRAINT "CK_consent_subject" CHECK (num_nonnulls(person_id, association_id) = 1), CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_consent_recipient" ON "consent"  ("recipient_type", "recipient_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_consent_association_active" ON "consent"  ("association_id", "recipient_type", "recipient_id") WHERE association_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_consent_person_active" ON "consent"  ("person_id", "recipient_type", "recipient_id") WHERE person_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_89fd0f23d8b2bad031d9663173b" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_cce233aa4d7b98d9e60f5dd4789" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_cce233aa4d7b98d9e60f5dd4789"`);
    await queryRunner.query(`ALTER TABLE "consent" DROP CONSTRAINT "FK_89fd0f23d8b2bad031d9663173b"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_consent_person_active"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_consent_association_active"`);
    await queryRunner.query(`DROP INDEX "public"."IX_consent_recipient"`);
    await queryRunner.query(`DROP TABLE "consent"`);
  }
}
