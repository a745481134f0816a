import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21: an organisation's draft actas (the start page's "actas por aprobar") were found by reading the whole
 * minutes table (0.45 s among 900,000 actas); drafts have no number, so the numbering index never served them.
 */
export class MinutesDraftIndex1796662000000 implements MigrationInterface {
  name = 'MinutesDraftIndex1796662000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IX_minutes_association_draft" ON "minutes" ("association_id") WHERE status = 'draft'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_minutes_association_draft"`);
  }
}
