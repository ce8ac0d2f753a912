import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillTimelineLevels } from '../defaults/1796128389104-timeline-levels';

export class TimelineLevels1796128389104 implements MigrationInterface {
  name = 'TimelineLevels1796128389104';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `ticket_event` ADD `from_level` int NULL');
    await queryRunner.query('ALTER TABLE `ticket_event` ADD `to_level` int NULL');
    await backfillTimelineLevels(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `ticket_event` DROP COLUMN `to_level`');
    await queryRunner.query('ALTER TABLE `ticket_event` DROP COLUMN `from_level`');
  }
}
