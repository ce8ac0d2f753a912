import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketIdempotencyFingerprint1796152941875 implements MigrationInterface {
  name = 'TicketIdempotencyFingerprint1796152941875';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Reports filed before keep no fingerprint: their key still replays, whatever is sent with it.
    await queryRunner.query("ALTER TABLE `ticket` ADD `idempotency_fingerprint` varchar(64) NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ticket` DROP COLUMN `idempotency_fingerprint`");
  }
}
