import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddTables1796021649829 implements MigrationInterface {
  name = 'AddTables1796021649829';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "institution" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "name_key" text NOT NULL, "kind" text NOT NULL, "commune_code" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_institution_kind" CHECK (kind IN ('municipality', 'police', 'investigations_police', 'prosecutor', 'crime_prevention', 'government_delegation', 'sercotec', 'other_public', 'civil_society', 'association', 'private')), CONSTRAINT "PK_f60ee4ff0719b7df54830b39087" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_institution_name" ON "institution"  ("name_key", "commune_code") `);
    await queryRunner.query(
      `CREATE TABLE "mesa" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "name" text NOT NULL, "scope_level" text NOT NULL, "scope_code" text NOT NULL, "commune_code" text, "time_zone" text NOT NULL, "convener_institution_id" uuid, "security_council" boolean NOT NULL DEFAULT false, "description" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_mesa_council" CHECK (NOT security_council OR (kind = 'security' AND scope_level = 'commune')), CONSTRAINT "CK_mesa_commune" CHECK ((scope_level = 'commune' AND commune_code = scope_code) OR (scope_level <> 'commune' AND commune_code IS NULL)), CONSTRAINT "CK_mesa_scope" CHECK (scope_level IN ('commune', 'province', 'region')), CONSTRAINT "CK_mesa_kind" CHECK (kind IN ('security', 'productive_development', 'other')), CONSTRAINT "PK_1ddbc4791ca87a1032b5b759e99" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_75f79374ec30aeeb516e10fd29" ON "mesa"  ("commune_code") `);
    await queryRunner.query(`CREATE INDEX "IX_mesa_scope" ON "mesa"  ("scope_level", "scope_code") `);
    await queryRunner.query(
      `CREATE TABLE "table_participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "table_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "name" text NOT NULL, "role" text, "email" text, "phone" text, "left_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_00addb332d4126369d8e924d0df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_table_participant_table" ON "table_participant"  ("table_id", "institution_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "table_axis" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "table_id" uuid NOT NULL, "name" text NOT NULL, "name_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1814593e62c749bc65ad6c79d55" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_table_axis_name" ON "table_axis"  ("table_id", "name_key") `);
    await queryRunner.query(
      `CREATE TABLE "table_axis_member" ("axis_id" uuid NOT NULL, "participant_id" uuid NOT NULL, CONSTRAINT "PK_ed8bf00164701433ccc074c1e2e" PRIMARY KEY ("axis_id", "participant_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "mesa" ADD CONSTRAINT "FK_cdea3e08c366e2239b811549398" FOREIGN KEY ("convener_institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "table_participant" ADD CONSTRAINT "FK_5f05793da888cdc3cacbb5fba8c" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "table_participant" ADD CONSTRAINT "FK_c3e703232090cb707e9c2ad60bb" FOREIGN KEY ("institution_id") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "table_axis" ADD CONSTRAINT "FK_7e8f84e05d3ec70196ac2a320f5" FOREIGN KEY ("table_id") REFERENCES "mesa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "table_axis_member" ADD CONSTRAINT "FK_40816139a394772fb56c37a29fd" FOREIGN KEY ("axis_id") REFERENCES "table_axis"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "table_axis_member" ADD CONSTRAINT "FK_29e51e51abe22a905545f79635e" FOREIGN KEY ("participant_id") REFERENCES "table_participant"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "table_axis_member" DROP CONSTRAINT "FK_29e51e51abe22a905545f79635e"`);
    await queryRunner.query(`ALTER TABLE "table_axis_member" DROP CONSTRAINT "FK_40816139a394772fb56c37a29fd"`);
    await queryRunner.query(`ALTER TABLE "table_axis" DROP CONSTRAINT "FK_7e8f84e05d3ec70196ac2a320f5"`);
    await queryRunner.query(`ALTER TABLE "table_participant" DROP CONSTRAINT "FK_c3e703232090cb707e9c2ad60bb"`);
    await queryRunner.query(`ALTER TABLE "table_participant" DROP CONSTRAINT "FK_5f05793da888cdc3cacbb5fba8c"`);
    await queryRunner.query(`ALTER TABLE "mesa" DROP CONSTRAINT "FK_cdea3e08c366e2239b811549398"`);
    await queryRunner.query(`DROP TABLE "table_axis_member"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_table_axis_name"`);
    await queryRunner.query(`DROP TABLE "table_axis"`);
    await queryRunner.query(`DROP INDEX "public"."IX_table_participant_table"`);
    await queryRunner.query(`DROP TABLE "table_participant"`);
    await queryRunner.query(`DROP INDEX "public"."IX_mesa_scope"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_75f79374ec30aeeb516e10fd29"`);
    await queryRunner.query(`DROP TABLE "mesa"`);
    await queryRunner.query(`DROP INDEX "public"."IX_institution_name"`);
    await queryRunner.query(`DROP TABLE "institution"`);
  }
}
