import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddConstitutionAndBoards1795323647028 implements MigrationInterface {
  name = 'AddConstitutionAndBoards1795323647028';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "board_term" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "kind" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_board_term_dates" CHECK (ends_on > starts_on), CONSTRAINT "CK_board_term_kind" CHECK (kind IN ('provisional', 'definitive')), CONSTRAINT "PK_2cac0e81983c069b85a73ae0a7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_82e86ca11c3b71ca6c56322abb" ON "board_term"  ("association_id") `);
    await queryRunner.query(
      `CREATE TABLE "board_seat" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "term_id" uuid NOT NULL, "membership_id" uuid NOT NULL, "position" text NOT NULL, "rank" integer, "declared_eligible" boolean NOT NULL, CONSTRAINT "CK_board_seat_position" CHECK (position IN ('president', 'secretary', 'treasurer', 'director', 'substitute')), CONSTRAINT "PK_1269f7c25ecdec935eee315ee25" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_245b3e8d433fac0527c3b08aaf" ON "board_seat"  ("membership_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_board_seat_member" ON "board_seat"  ("term_id", "membership_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "constitution" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "commune_code" text NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE, "proposed_place" character varying(300), "requested_at" TIMESTAMP WITH TIME ZONE, "requested_by" uuid, "faith_minister_user_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "assembly_at" TIMESTAMP WITH TIME ZONE, "place" character varying(300), "statutes_approved" boolean NOT NULL DEFAULT false, "recorded_at" TIMESTAMP WITH TIME ZONE, "recorded_by" uuid, "certified_at" TIMESTAMP WITH TIME ZONE, "certified_by" uuid, "notes" text, "acta_document_id" uuid, "certificate_document_id" uuid, "deposited_on" date, "objected_on" date, "objection_reasons" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "UQ_2e34b407b05807f3e832f18d3d1" UNIQUE ("association_id"), CONSTRAINT "REL_2e34b407b05807f3e832f18d3d" UNIQUE ("association_id"), CONSTRAINT "PK_9441df9e4a9826a27bff01026d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4ed03a90ed2a9b40e8d8565586" ON "constitution"  ("commune_code") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_5fa780bfb35e99446142f5e6c2" ON "constitution"  ("faith_minister_user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "constitution_founder" ("constitution_id" uuid NOT NULL, "membership_id" uuid NOT NULL, CONSTRAINT "PK_e2ca2a3782200f9abc6d1c7e9bb" PRIMARY KEY ("constitution_id", "membership_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_term" ADD CONSTRAINT "FK_82e86ca11c3b71ca6c56322abb5" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_seat" ADD CONSTRAINT "FK_c07b475b926eb7301ccf263b58f" FOREIGN KEY ("term_id") REFERENCES "board_term"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "board_seat" ADD CONSTRAINT "FK_245b3e8d433fac0527c3b08aafb" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constitution" ADD CONSTRAINT "FK_2e34b407b05807f3e832f18d3d1" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constitution" ADD CONSTRAINT "FK_5fa780bfb35e99446142f5e6c2f" FOREIGN KEY ("faith_minister_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constitution_founder" ADD CONSTRAINT "FK_25626407550212d57d9d9aaaa04" FOREIGN KEY ("constitution_id") REFERENCES "constitution"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constitution_founder" ADD CONSTRAINT "FK_a85308495d3fb59a95d8d61e930" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "constitution_founder" DROP CONSTRAINT "FK_a85308495d3fb59a95d8d61e930"`);
    await queryRunner.query(`ALTER TABLE "constitution_founder" DROP CONSTRAINT "FK_25626407550212d57d9d9aaaa04"`);
    await queryRunner.query(`ALTER TABLE "constitution" DROP CONSTRAINT "FK_5fa780bfb35e99446142f5e6c2f"`);
    await queryRunner.query(`ALTER TABLE "constitution" DROP CONSTRAINT "FK_2e34b407b05807f3e832f18d3d1"`);
    await queryRunner.query(`ALTER TABLE "board_seat" DROP CONSTRAINT "FK_245b3e8d433fac0527c3b08aafb"`);
    await queryRunner.query(`ALTER TABLE "board_seat" DROP CONSTRAINT "FK_c07b475b926eb7301ccf263b58f"`);
    await queryRunner.query(`ALTER TABLE "board_term" DROP CONSTRAINT "FK_82e86ca11c3b71ca6c56322abb5"`);
    await queryRunner.query(`DROP TABLE "constitution_founder"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5fa780bfb35e99446142f5e6c2"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4ed03a90ed2a9b40e8d8565586"`);
    await queryRunner.query(`DROP TABLE "constitution"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_board_seat_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_245b3e8d433fac0527c3b08aaf"`);
    await queryRunner.query(`DROP TABLE "board_seat"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_82e86ca11c3b71ca6c56322abb"`);
    await queryRunner.query(`DROP TABLE "board_term"`);
  }
}
