import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketSettingsVersion1796173455807 implements MigrationInterface {
  name = 'TicketSettingsVersion1796173455807';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Settings saved before versions existed start at 1 (0 means "nothing stored"); new rows get theirs from TypeORM.
    await queryRunner.query("ALTER TABLE `commune_ticket_settings` ADD `version` int NOT NULL DEFAULT 1");
    await queryRunner.query("ALTER TABLE `commune_ticket_settings` ALTER COLUMN `version` DROP DEFAULT");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `commune_ticket_settings` DROP COLUMN `version`");
  }
}
