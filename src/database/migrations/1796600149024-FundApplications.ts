import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fund applications and declarations (issue 18, DOM-FND-4, DOM-FND-1): an association's or a beneficiary's
 * application to a call (status, CLP requested and awarded, expense report due and submitted), and what applicants
 * declare (public funds registry, no activity start). CHECKs written by hand in the entities.
 */
export class FundApplications1796600149024 implements MigrationInterface {
  name = 'FundApplications1796600149024';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fund_application" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fund_call_id" uuid NOT NULL, "association_id" uuid, "beneficiary_id" uuid, "status" text NOT NULL DEFAULT 'preparing', "amount_requested_clp" bigint NOT NULL, "amount_awarded_clp" bigint, "awarded_on" date, "expense_report_due_on" date, "expense_report_submitted_on" date, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_fund_application_amounts" CHECK (amount_requested_clp >= 0 AND amount_requested_clp < 1000000000000 AND (amount_awarded_clp IS NULL OR (amount_awarded_clp >= 0 AND amount_awarded_clp < 1000000000000))), CONSTRAINT "CK_fund_application_applicant" CHECK (num_nonnulls(association_id, beneficiary_id) = 1), CONSTRAINT "CK_fund_application_status" CHECK (status IN ('preparing', 'submitted', 'admissible', 'inadmissible', 'awarded', 'rejected')), CONSTRAINT "PK_1ffbdb50390ef2fda4e5f4e587a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_fund_application_beneficiary" ON "fund_application"  ("beneficiary_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_fund_application_association" ON "fund_application"  ("association_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_fund_application_beneficiary" ON "fund_application"  ("fund_call_id", "beneficiary_id") WHERE beneficiary_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_fund_application_association" ON "fund_application"  ("fund_call_id", "association_id") WHERE association_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "fund_declaration" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid, "beneficiary_id" uuid, "kind" text NOT NULL, "value" boolean NOT NULL, "declared_on" date NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_fund_declaration_association_kind" CHECK (association_id IS NULL OR kind = 'public_funds_registry'), CONSTRAINT "CK_fund_declaration_applicant" CHECK (num_nonnulls(association_id, beneficiary_id) = 1), CONSTRAINT "CK_fund_declaration_kind" CHECK (kind IN ('public_funds_registry', 'no_activity_start')), CONSTRAINT "PK_5d893cbead4866d8d73e0e67409" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_fund_declaration_beneficiary" ON "fund_declaration"  ("beneficiary_id", "kind") WHERE beneficiary_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_fund_declaration_association" ON "fund_declaration"  ("association_id", "kind") WHERE association_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_application" ADD CONSTRAINT "FK_f5dc01b4ba356d59279615d374f" FOREIGN KEY ("fund_call_id") REFERENCES "fund_call"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_application" ADD CONSTRAINT "FK_62ece18b575f8e6d7b772a1ec03" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_application" ADD CONSTRAINT "FK_f1c7b1d2662c1770867c643ba08" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_declaration" ADD CONSTRAINT "FK_036ba37fc4645869170d486cb76" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_declaration" ADD CONSTRAINT "FK_a442e5a160f6c4495b9bb0b9d64" FOREIGN KEY ("beneficiary_id") REFERENCES "program_beneficiary"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fund_declaration" DROP CONSTRAINT "FK_a442e5a160f6c4495b9bb0b9d64"`);
    await queryRunner.query(`ALTER TABLE "fund_declaration" DROP CONSTRAINT "FK_036ba37fc4645869170d486cb76"`);
    await queryRunner.query(`ALTER TABLE "fund_application" DROP CONSTRAINT "FK_f1c7b1d2662c1770867c643ba08"`);
    await queryRunner.query(`ALTER TABLE "fund_application" DROP CONSTRAINT "FK_62ece18b575f8e6d7b772a1ec03"`);
    await queryRunner.query(`ALTER TABLE "fund_application" DROP CONSTRAINT "FK_f5dc01b4ba356d59279615d374f"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_declaration_association"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_declaration_beneficiary"`);
    await queryRunner.query(`DROP TABLE "fund_declaration"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_application_association"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_fund_application_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_application_association"`);
    await queryRunner.query(`DROP INDEX "public"."IX_fund_application_beneficiary"`);
    await queryRunner.query(`DROP TABLE "fund_application"`);
  }
}
