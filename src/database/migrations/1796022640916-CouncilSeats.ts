import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CouncilSeats1796022640916 implements MigrationInterface {
  name = 'CouncilSeats1796022640916';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "table_participant" ADD "council_seat" text`);
    await queryRunner.query(
      `ALTER TABLE "table_participant" ADD CONSTRAINT "CK_table_participant_seat" CHECK (council_seat IS NULL OR council_seat IN ('mayor', 'government_delegation', 'councillor', 'police', 'investigations_police', 'prosecutor', 'cosoc', 'executive_secretary', 'gendarmeria', 'juvenile_service', 'senda'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "table_participant" DROP CONSTRAINT "CK_table_participant_seat"`);
    await queryRunner.query(`ALTER TABLE "table_participant" DROP COLUMN "council_seat"`);
  }
}
