import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRegistryAndRosters1795316996350 implements MigrationInterface {
  name = 'AddRegistryAndRosters1795316996350';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "association" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "commune_code" text NOT NULL, "kind" text NOT NULL, "name" character varying(200) NOT NULL, "name_key" text NOT NULL, "area" text NOT NULL, "address" character varying(300) NOT NULL, "neighbourhood_unit" character varying(100), "rut" text, "ruc" text, "status" text NOT NULL DEFAULT 'in_formation', "registry_number" character varying(50), "registered_on" date, "recognised_by" character varying(200), "recognised_on" date, "recognition_expires_on" date, "contact_name" character varying(200), "contact_phone" character varying(40), "contact_email" character varying(254), "description" text, "members_below_minimum_since" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_association_area" CHECK (area IN ('urban','rural')), CONSTRAINT "CK_association_status" CHECK (status IN ('in_formation','pending_certification','constituted','in_force','objected','board_expired','dissolved')), CONSTRAINT "PK_5c770cfef7a1f66da23be411699" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_4108ff84cd08d8e88a672d989e" ON "association"  ("commune_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_116f641670f730814357175d15" ON "association"  ("status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_association_ruc" ON "association"  ("ruc") WHERE ruc IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_association_rut" ON "association"  ("rut") WHERE rut IS NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_association_name" ON "association"  ("commune_code", "name_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "association_status_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by_user_id" uuid, "by_name" character varying(200), "reason" text NOT NULL, CONSTRAINT "PK_59ef179b9507b4c72191b36102b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7e85120e5e559074bc7bfd0bb2" ON "association_status_change"  ("association_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_type" text NOT NULL, "document_number" text, "full_name" character varying(200) NOT NULL, "name_key" text NOT NULL, "birth_date" date, "email" character varying(254), "phone" character varying(40), "address" character varying(300), "erased_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_2c256f4b8bc8abe8b50a3cc8f3" ON "person"  ("name_key") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_person_document" ON "person"  ("document_type", "document_number") WHERE document_number IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "person_id" uuid NOT NULL, "neighbourhood_council" boolean NOT NULL DEFAULT false, "status" text NOT NULL DEFAULT 'active', "joined_on" date NOT NULL, "left_on" date, "end_reason" text, "business_name" character varying(200), "business_category" character varying(100), "guardian_name" character varying(200), "guardian_consent_at" TIMESTAMP WITH TIME ZONE, "guardian_consent_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "CK_membership_left" CHECK ((status = 'ended') = (left_on IS NOT NULL)), CONSTRAINT "CK_membership_status" CHECK (status IN ('active','suspended','ended')), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6fc5e2153171bbeb54f4fda659" ON "membership"  ("person_id") `);
    await queryRunner.query(`CREATE INDEX "IX_membership_roster" ON "membership"  ("association_id", "status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_membership_one_neighbourhood_council" ON "membership"  ("person_id") WHERE status <> 'ended' AND neighbourhood_council`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_membership_current" ON "membership"  ("association_id", "person_id") WHERE status <> 'ended'`,
    );
    await queryRunner.query(
      `CREATE TABLE "membership_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "membership_id" uuid NOT NULL, "action" text NOT NULL, "effective_on" date NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by_user_id" uuid, "by_name" character varying(200), "reason" text, "fields" jsonb, CONSTRAINT "PK_a5bbbf1d51331d1ff4e6419c48e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_6afe8f10329efe64980c380aba" ON "membership_event"  ("membership_id") `);
    await queryRunner.query(
      `CREATE TABLE "roster_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "association_id" uuid NOT NULL, "user_id" uuid NOT NULL, "filename" character varying(200) NOT NULL, "format" text NOT NULL, "content" bytea NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_45aa91a49477018ab4f4da7852d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_63a88f6326b6f6b024b53ffba6" ON "roster_import"  ("association_id") `);
    await queryRunner.query(
      `ALTER TABLE "association" ADD CONSTRAINT "FK_4108ff84cd08d8e88a672d989ec" FOREIGN KEY ("commune_code") REFERENCES "commune"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "association_status_change" ADD CONSTRAINT "FK_7e85120e5e559074bc7bfd0bb2b" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_d2908e0737b47ef6f29e92826cc" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership" ADD CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "membership_event" ADD CONSTRAINT "FK_6afe8f10329efe64980c380aba0" FOREIGN KEY ("membership_id") REFERENCES "membership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "roster_import" ADD CONSTRAINT "FK_63a88f6326b6f6b024b53ffba6a" FOREIGN KEY ("association_id") REFERENCES "association"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "roster_import" DROP CONSTRAINT "FK_63a88f6326b6f6b024b53ffba6a"`);
    await queryRunner.query(`ALTER TABLE "membership_event" DROP CONSTRAINT "FK_6afe8f10329efe64980c380aba0"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_6fc5e2153171bbeb54f4fda6595"`);
    await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_d2908e0737b47ef6f29e92826cc"`);
    await queryRunner.query(`ALTER TABLE "association_status_change" DROP CONSTRAINT "FK_7e85120e5e559074bc7bfd0bb2b"`);
    await queryRunner.query(`ALTER TABLE "association" DROP CONSTRAINT "FK_4108ff84cd08d8e88a672d989ec"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_63a88f6326b6f6b024b53ffba6"`);
    await queryRunner.query(`DROP TABLE "roster_import"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6afe8f10329efe64980c380aba"`);
    await queryRunner.query(`DROP TABLE "membership_event"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_membership_current"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_membership_one_neighbourhood_council"`);
    await queryRunner.query(`DROP INDEX "public"."IX_membership_roster"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6fc5e2153171bbeb54f4fda659"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_person_document"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2c256f4b8bc8abe8b50a3cc8f3"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7e85120e5e559074bc7bfd0bb2"`);
    await queryRunner.query(`DROP TABLE "association_status_change"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_association_name"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_association_rut"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_association_ruc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_116f641670f730814357175d15"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4108ff84cd08d8e88a672d989e"`);
    await queryRunner.query(`DROP TABLE "association"`);
  }
}
