import type { MigrationInterface, QueryRunner } from 'typeorm';
import { splitServiceTargetMarks } from '../defaults/1796145362354-service-target-marks';

export class ServiceTargetMarks1796145362354 implements MigrationInterface {
  name = 'ServiceTargetMarks1796145362354';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place, not by copying the table as the generator does: the ticket table is big.
    await queryRunner.query('ALTER TABLE "ticket" ADD COLUMN "first_response_warned_at" datetime');
    await queryRunner.query('ALTER TABLE "ticket" ADD COLUMN "first_response_breached_at" datetime');
    await queryRunner.query('ALTER TABLE "job_lock" ADD COLUMN "last_tick" datetime');
    await splitServiceTargetMarks(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "job_lock" DROP COLUMN "last_tick"');
    await queryRunner.query('ALTER TABLE "ticket" DROP COLUMN "first_response_breached_at"');
    await queryRunner.query('ALTER TABLE "ticket" DROP COLUMN "first_response_warned_at"');
  }
}
