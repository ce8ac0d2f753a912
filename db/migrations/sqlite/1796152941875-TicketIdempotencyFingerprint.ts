import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketIdempotencyFingerprint1796152941875 implements MigrationInterface {
  name = 'TicketIdempotencyFingerprint1796152941875';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place, not by copying the table as the generator does: the ticket table is big.
    // Reports filed before keep no fingerprint: their key still replays, whatever is sent with it.
    await queryRunner.query('ALTER TABLE "ticket" ADD COLUMN "idempotency_fingerprint" varchar(64)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "ticket" DROP COLUMN "idempotency_fingerprint"');
  }
}
