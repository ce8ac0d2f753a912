import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillTicketSearchText } from '../defaults/1796145251925-ticket-search-text';

export class TicketSearchText1796145251925 implements MigrationInterface {
  name = 'TicketSearchText1796145251925';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `ticket` ADD `search_text` text NULL');
    await backfillTicketSearchText(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `ticket` DROP COLUMN `search_text`');
  }
}
