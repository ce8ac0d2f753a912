import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardOpenTicketIndex1796112337621 implements MigrationInterface {
  name = 'DashboardOpenTicketIndex1796112337621';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_8305b5b34dd375a77f037f2ebc` ON `ticket` (`status`, `commune_id`, `school_id`, `level`, `created_at`, `circonscription_id`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_8305b5b34dd375a77f037f2ebc` ON `ticket`");
  }
}
