import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillTimelineLevels } from '../defaults/1796128389104-timeline-levels';

export class TimelineLevels1796128389104 implements MigrationInterface {
  name = 'TimelineLevels1796128389104';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place, not by copying the table as the generator does: the timeline is the biggest table.
    await queryRunner.query('ALTER TABLE "ticket_event" ADD COLUMN "from_level" integer');
    await queryRunner.query('ALTER TABLE "ticket_event" ADD COLUMN "to_level" integer');
    await backfillTimelineLevels(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "ticket_event" DROP COLUMN "to_level"');
    await queryRunner.query('ALTER TABLE "ticket_event" DROP COLUMN "from_level"');
  }
}
