import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationMessages1796153059914 implements MigrationInterface {
  name = 'NotificationMessages1796153059914';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `notification` ADD `message` text NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `notification` DROP COLUMN `message`");
  }
}
