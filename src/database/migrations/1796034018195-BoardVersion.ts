import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BoardVersion1796034018195 implements MigrationInterface {
  name = 'BoardVersion1796034018195';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mesa" ADD "board_version" bigint NOT NULL DEFAULT '0'`);
    // Whatever the commitments board of a table shows changes its board_version, by any writer (the services, a
    // bulk load, a manual fix): the board caches by table, version and filter, so it is never stale. Writers in the
    // app lock the table's row first, so these updates never wait on a lock held the other way round.
    await queryRunner.query(`CREATE FUNCTION mesa_board_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_data record;
      BEGIN
        IF TG_OP = 'DELETE' THEN row_data := OLD; ELSE row_data := NEW; END IF;
        IF TG_TABLE_NAME IN ('commitment', 'table_participant', 'table_axis', 'meeting') THEN
          UPDATE mesa SET board_version = board_version + 1 WHERE id = row_data.table_id;
        ELSIF TG_TABLE_NAME = 'commitment_update' THEN
          UPDATE mesa SET board_version = board_version + 1 WHERE id = (SELECT table_id FROM commitment WHERE id = row_data.commitment_id);
        ELSIF TG_TABLE_NAME = 'institution' THEN
          UPDATE mesa SET board_version = board_version + 1 WHERE id IN (SELECT table_id FROM table_participant WHERE institution_id = row_data.id);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER commitment_board_changed AFTER INSERT OR UPDATE ON commitment FOR EACH ROW WHEN (NEW.table_id IS NOT NULL) EXECUTE FUNCTION mesa_board_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER commitment_board_removed AFTER DELETE ON commitment FOR EACH ROW WHEN (OLD.table_id IS NOT NULL) EXECUTE FUNCTION mesa_board_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER commitment_update_board_changed AFTER INSERT OR DELETE ON commitment_update FOR EACH ROW EXECUTE FUNCTION mesa_board_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER table_participant_board_changed AFTER INSERT OR UPDATE OR DELETE ON table_participant FOR EACH ROW EXECUTE FUNCTION mesa_board_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER table_axis_board_changed AFTER INSERT OR UPDATE OR DELETE ON table_axis FOR EACH ROW EXECUTE FUNCTION mesa_board_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER meeting_board_changed AFTER UPDATE ON meeting FOR EACH ROW WHEN (NEW.table_id IS NOT NULL AND NEW.starts_at IS DISTINCT FROM OLD.starts_at) EXECUTE FUNCTION mesa_board_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER institution_board_changed AFTER UPDATE ON institution FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION mesa_board_changed()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [trigger, table] of [
      ['commitment_board_changed', 'commitment'],
      ['commitment_board_removed', 'commitment'],
      ['commitment_update_board_changed', 'commitment_update'],
      ['table_participant_board_changed', 'table_participant'],
      ['table_axis_board_changed', 'table_axis'],
      ['meeting_board_changed', 'meeting'],
      ['institution_board_changed', 'institution'],
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger} ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION mesa_board_changed()`);
    await queryRunner.query(`ALTER TABLE "mesa" DROP COLUMN "board_version"`);
  }
}
