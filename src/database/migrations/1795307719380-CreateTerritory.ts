import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTerritory1795307719380 implements MigrationInterface {
  name = 'CreateTerritory1795307719380';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "region" ("code" text NOT NULL, "country" text NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "province" ("code" text NOT NULL, "region_code" text NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_3288dfa18d390ed33b359fc0418" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_48ccaa3337417db814c80146da" ON "province"  ("region_code") `);
    await queryRunner.query(
      `CREATE TABLE "commune" ("code" text NOT NULL, "country" text NOT NULL, "name" text NOT NULL, "sort_key" text NOT NULL, "province_code" text NOT NULL, "region_code" text NOT NULL, "population" integer, "population_source" text, CONSTRAINT "PK_c7da656431051b5e8b730945285" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_db31e8ebab6ee7370aacaca49d" ON "commune"  ("sort_key") `);
    await queryRunner.query(`CREATE INDEX "IDX_882191083c9bd8211d02086acc" ON "commune"  ("province_code") `);
    await queryRunner.query(`CREATE INDEX "IDX_dd11bd27dd60aae4075f000a52" ON "commune"  ("region_code") `);
    await queryRunner.query(
      `CREATE TABLE "municipality" ("id" uuid NOT NULL, "commune_code" text NOT NULL, "name" text NOT NULL, "time_zone" text NOT NULL, "country_profile" text NOT NULL, "settings" jsonb NOT NULL, "onboarded_at" TIMESTAMP WITH TIME ZONE, "office_name" text, "contact_email" text, "address" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_8ee06728907fdfd159652df82c" UNIQUE ("commune_code"), CONSTRAINT "PK_281ad341f20df7c41b83a182e2a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "system_setting" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c6ce0e35b3c0d67dca93523ba1b" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "province" ADD CONSTRAINT "FK_48ccaa3337417db814c80146da8" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "commune" ADD CONSTRAINT "FK_882191083c9bd8211d02086accc" FOREIGN KEY ("province_code") REFERENCES "province"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "municipality" ADD CONSTRAINT "FK_8ee06728907fdfd159652df82ce" FOREIGN KEY ("commune_code") REFERENCES "commune"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "municipality" DROP CONSTRAINT "FK_8ee06728907fdfd159652df82ce"`);
    await queryRunner.query(`ALTER TABLE "commune" DROP CONSTRAINT "FK_882191083c9bd8211d02086accc"`);
    await queryRunner.query(`ALTER TABLE "province" DROP CONSTRAINT "FK_48ccaa3337417db814c80146da8"`);
    await queryRunner.query(`DROP TABLE "system_setting"`);
    await queryRunner.query(`DROP TABLE "municipality"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_dd11bd27dd60aae4075f000a52"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_882191083c9bd8211d02086acc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_db31e8ebab6ee7370aacaca49d"`);
    await queryRunner.query(`DROP TABLE "commune"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_48ccaa3337417db814c80146da"`);
    await queryRunner.query(`DROP TABLE "province"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
