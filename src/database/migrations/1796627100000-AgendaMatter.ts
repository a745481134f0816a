import type { MigrationInterface, QueryRunner } from 'typeorm';

/** DOM-MTG-2: an agenda point may name a matter that needs an extraordinary meeting. */
export class AgendaMatter1796627100000 implements MigrationInterface {
  name = 'AgendaMatter1796627100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agenda_item" ADD "matter" text`);
    await queryRunner.query(
      `ALTER TABLE "agenda_item" ADD CONSTRAINT "CK_agenda_item_matter" CHECK (matter IS NULL OR matter IN ('statute_reform', 'dissolution', 'real_estate', 'first_definitive_board', 'member_exclusion'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP CONSTRAINT "CK_agenda_item_matter"`);
    await queryRunner.query(`ALTER TABLE "agenda_item" DROP COLUMN "matter"`);
  }
}
