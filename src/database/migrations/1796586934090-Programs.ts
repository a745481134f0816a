import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programs and beneficiaries (issue 17, DOM-PRG-1 to 5): programs, enrolled associations, beneficiaries (persons of
 * the one registry), benefits, and activities, whose date, place and attendance are meetings of the acta engine with
 * the program as their body (meeting.program_id, attendance.beneficiary_id; the body and person checks widened by
 * hand, as TypeORM compares checks by name only).
 */

export class Programs1796586934090 implements MigrationInterface {
  name = 'Programs1796586934090';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "program" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" text NOT NULL, "year" integer NOT NULL, "agency_institution_id" uuid NOT NULL, "region_code" text, "commune_codes" text array NOT NULL DEFAULT '{}', "starts_on" date NOT NULL, "ends_on" date NOT NULL, "budget_clp" bigint, "lines" text array NOT NULL DEFAULT '{}', "time_zone" text NOT NULL DEFAULT 'America/Santiago', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_program_budget" CHECK (budget_clp IS NULL OR (budget_clp >= 0 AND budget_clp < 1000000000000)), CONSTRAINT "CK_program_territory" CHECK (region_code IS NOT NULL OR cardinality(commune_codes) > 0), CONSTRAINT "CK_program_dates" CHECK (ends_on >= starts_on), CONSTRAINT "CK_program_kind" CHECK (kind IN ('associative', 'individual')), CONSTRAINT "PK_3bade5945afbafefdd26a3a29fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_program_region" ON "program"  ("region_code") `);
    await queryRunner.query(
      `CREATE TABLE "program_association" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "association_id" uuid NOT NULL, "enrolled_on" date NOT NULL, "status" text NOT NULL DEFAULT 'active', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_program_association_status" CHECK (status IN ('active', 'graduated', 'withdrawn')), CONSTRAINT "PK_960cb33ca8434263180597d61b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3aeffdf23a58dc5843d4f1608c" ON "program_association"  ("association_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_program_association" ON "program_association"  ("program_id", "association_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "program_beneficiary" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "person_id" uuid NOT NULL, "business_name" text NOT NULL, "business_category" text NOT NULL, "owner_sex" text NOT NULL, "address" text, "commune_code" text NOT NULL, "association_id" uuid, "membership_id" uuid, "source" text NOT NULL, "consent_id" uuid, "enrolled_on" date NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_program_beneficiary_consent" CHECK (source = 'roster' OR consent_id IS NOT NULL), CONSTRAINT "CK_program_beneficiary_source" CHECK (source IN ('direct', 'roster', 'import')), CONSTRAINT "CK_program_beneficiary_sex" CHECK (owner_sex IN ('female', 'male', 'other', 'undisclosed')), CONSTRAINT "PK_6cc689453da18d68deeb01731b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cc63f2a0f2c647a3ca64214cef" ON "program_beneficiary"  ("person_id") `);
    await queryRunner.query(
      `CREATE INDEX "IX_program_beneficiary_association" ON "program_beneficiary"  ("program_id", "association_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_program_beneficiary_person" ON "program_beneficiary"  ("program_id", "person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "program_benefit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "beneficiary_id" uuid, "association_id" uuid, "kind" text NOT NULL, "amount_clp" bigint NOT NULL, "delivered_on" date NOT NULL, "line" text, "description" text, "over_budget" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_program_benefit_recipient" CHECK (num_nonnulls(beneficiary_id, association_id) = 1), CONSTRAINT "CK_program_benefit_amount" CHECK (amount_clp >= 0 AND amount_clp < 1000000000000), CONSTRAINT "CK_program_benefit_kind" CHECK (kind IN ('subsidy', 'training', 'technical_assistance', 'equipment', 'promotion', 'other')), CONSTRAINT "PK_05a6ed6864227e77d345996946f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_162032756e812e7ea76b9129fe" ON "program_benefit"  ("beneficiary_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_2ce9ca670196a64c068a1ba8fc" ON "program_benefit"  ("association_id") `);
    await queryRunner.query(
      `CREATE INDEX "IX_program_benefit_program" ON "program_benefit"  ("program_id", "delivered_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "program_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "program_id" uuid NOT NULL, "meeting_id" uuid NOT NULL, "title" text NOT NULL, "line" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_112e35665448d7a22b0781d6980" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_program_activity_meeting" ON "program_activity"  ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "IX_program_activity_program" ON "program_activity"  ("program_id") `);
    await queryRunner.query(`ALTER TABLE "meeting" ADD "program_id" uuid`);
    await queryRunner.query(`ALTER TABLE "attendance" ADD "beneficiary_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_b5149e3810167430178bd0a1dd" ON "meeting"  ("program_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_attendance_beneficiary" ON "attendance"  ("meeting_id", "beneficiary_id") WHERE beneficiary_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_b5149e3810167430178bd0a1ddd" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_9573970055c97cc20fbdeed08dd" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program" ADD CONSTRAINT "FK_a8bf3b4e43a099c1e5b6b6031a8" FOREIGN KEY ("agency_institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_association" ADD CONSTRAINT "FK_f08d243d89230ed9078610ced25" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_association" ADD CONSTRAINT "FK_3aeffdf23a58dc5843d4f1608cc" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_beneficiary" ADD CONSTRAINT "FK_7a432f24b765e5ea9f871ca3380" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_beneficiary" ADD CONSTRAINT "FK_cc63f2a0f2c647a3ca64214cef7" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_beneficiary" ADD CONSTRAINT "FK_5b6d44f3066e8ff0993a46c58b3" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_beneficiary" ADD CONSTRAINT "FK_c9199a64cc89a60571c77d79237" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_beneficiary" ADD CONSTRAINT "FK_5f47f1a717a0b9c5c98572814f4" FOREIGN KEY ("consent_id") REFERENCES "consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_benefit" ADD CONSTRAINT "FK_4c86e865f72ce1ad2631c8c68f2" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_benefit" ADD CONSTRAINT "FK_162032756e812e7ea76b9129feb" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_benefit" ADD CONSTRAINT "FK_2ce9ca670196a64c068a1ba8fc3" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_activity" ADD CONSTRAINT "FK_c64db062315f83e2db069621de4" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "program_activity" ADD CONSTRAINT "FK_90f1e5d8d7195a7c35108818084" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "CK_meeting_body"`);
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "CK_meeting_body" CHECK (num_nonnulls(association_id, table_id, program_id) = 1)`,
    );
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "CK_meeting_kind"`);
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "CK_meeting_kind" CHECK (kind IN ('ordinary', 'extraordinary', 'constitutive', 'board', 'table_session', 'program_activity'))`,
    );
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "CK_attendance_person"`);
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "CK_attendance_person" CHECK (num_nonnulls(membership_id, participant_id, beneficiary_id) = 1)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "meeting" WHERE program_id IS NOT NULL`);
    await queryRunner.query(`DELETE FROM "attendance" WHERE beneficiary_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "CK_attendance_person"`);
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "CK_attendance_person" CHECK (num_nonnulls(membership_id, participant_id) = 1)`,
    );
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "CK_meeting_kind"`);
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "CK_meeting_kind" CHECK (kind IN ('ordinary', 'extraordinary', 'constitutive', 'board', 'table_session'))`,
    );
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "CK_meeting_body"`);
    await queryRunner.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "CK_meeting_body" CHECK (num_nonnulls(association_id, table_id) = 1)`,
    );
    await queryRunner.query(`ALTER TABLE "program_activity" DROP CONSTRAINT "FK_90f1e5d8d7195a7c35108818084"`);
    await queryRunner.query(`ALTER TABLE "program_activity" DROP CONSTRAINT "FK_c64db062315f83e2db069621de4"`);
    await queryRunner.query(`ALTER TABLE "program_benefit" DROP CONSTRAINT "FK_2ce9ca670196a64c068a1ba8fc3"`);
    await queryRunner.query(`ALTER TABLE "program_benefit" DROP CONSTRAINT "FK_162032756e812e7ea76b9129feb"`);
    await queryRunner.query(`ALTER TABLE "program_benefit" DROP CONSTRAINT "FK_4c86e865f72ce1ad2631c8c68f2"`);
    await queryRunner.query(`ALTER TABLE "program_beneficiary" DROP CONSTRAINT "FK_5f47f1a717a0b9c5c98572814f4"`);
    await queryRunner.query(`ALTER TABLE "program_beneficiary" DROP CONSTRAINT "FK_c9199a64cc89a60571c77d79237"`);
    await queryRunner.query(`ALTER TABLE "program_beneficiary" DROP CONSTRAINT "FK_5b6d44f3066e8ff0993a46c58b3"`);
    await queryRunner.query(`ALTER TABLE "program_beneficiary" DROP CONSTRAINT "FK_cc63f2a0f2c647a3ca64214cef7"`);
    await queryRunner.query(`ALTER TABLE "program_beneficiary" DROP CONSTRAINT "FK_7a432f24b765e5ea9f871ca3380"`);
    await queryRunner.query(`ALTER TABLE "program_association" DROP CONSTRAINT "FK_3aeffdf23a58dc5843d4f1608cc"`);
    await queryRunner.query(`ALTER TABLE "program_association" DROP CONSTRAINT "FK_f08d243d89230ed9078610ced25"`);
    await queryRunner.query(`ALTER TABLE "program" DROP CONSTRAINT "FK_a8bf3b4e43a099c1e5b6b6031a8"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_9573970055c97cc20fbdeed08dd"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP CONSTRAINT "FK_b5149e3810167430178bd0a1ddd"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_attendance_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b5149e3810167430178bd0a1dd"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP COLUMN "beneficiary_id"`);
    await queryRunner.query(`ALTER TABLE "meeting" DROP COLUMN "program_id"`);
    await queryRunner.query(`DROP INDEX "public"."IX_program_activity_program"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_program_activity_meeting"`);
    await queryRunner.query(`DROP TABLE "program_activity"`);
    await queryRunner.query(`DROP INDEX "public"."IX_program_benefit_program"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2ce9ca670196a64c068a1ba8fc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_162032756e812e7ea76b9129fe"`);
    await queryRunner.query(`DROP TABLE "program_benefit"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_program_beneficiary_person"`);
    await queryRunner.query(`DROP INDEX "public"."IX_program_beneficiary_association"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cc63f2a0f2c647a3ca64214cef"`);
    await queryRunner.query(`DROP TABLE "program_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_program_association"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3aeffdf23a58dc5843d4f1608c"`);
    await queryRunner.query(`DROP TABLE "program_association"`);
    await queryRunner.query(`DROP INDEX "public"."IX_program_region"`);
    await queryRunner.query(`DROP TABLE "program"`);
  }
}
