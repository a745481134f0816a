import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardIndexes1796033769245 implements MigrationInterface {
  name = 'BoardIndexes1796033769245';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_commitment_board"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_14bf93ca4b0bc27ce6834588b5"`);
    await queryRunner.query(
      `CREATE INDEX "IX_commitment_board_institution" ON "commitment"  ("table_id", "owner_institution_id", "status", "due_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_commitment_update_commitment" ON "commitment_update"  ("commitment_id", "created_at") `,
    );
    // the board's order (open and in progress first, then by due date): its first page is read from the index
    await queryRunner.query(
      `CREATE INDEX "IX_commitment_board_order" ON "commitment" ("table_id", (status IN ('open', 'in_progress')) DESC, "due_on", "created_at", "position", "id") WHERE table_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_commitment_board_order"`);
    await queryRunner.query(`DROP INDEX "public"."IX_commitment_update_commitment"`);
    await queryRunner.query(`DROP INDEX "public"."IX_commitment_board_institution"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_14bf93ca4b0bc27ce6834588b5" ON "commitment_update" USING btree ("commitment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IX_commitment_board" ON "commitment" USING btree ("table_id", "status", "due_on") `,
    );
  }
}
