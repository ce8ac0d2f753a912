import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketDirectorInformed1796111135852 implements MigrationInterface {
  name = 'TicketDirectorInformed1796111135852';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ticket` ADD `director_informed` tinyint NOT NULL DEFAULT 0");
    // Security reports filed before the flag existed were followed by their director.
    await queryRunner.query("UPDATE ticket SET director_informed = 1 WHERE category = 'security'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ticket` DROP COLUMN `director_informed`");
  }
}
