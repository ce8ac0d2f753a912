import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationMessages1796153059914 implements MigrationInterface {
  name = 'NotificationMessages1796153059914';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place, not by copying the table as the generator does: every user has notifications.
    // Rows written before stay NULL and keep showing their French title and body.
    await queryRunner.query('ALTER TABLE "notification" ADD COLUMN "message" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notification" DROP COLUMN "message"');
  }
}
