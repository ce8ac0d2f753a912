import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardCoveringIndexes1796115635653 implements MigrationInterface {
  name = 'DashboardCoveringIndexes1796115635653';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_3e9926d9943d07dfc248adb1b3` ON `ticket`");
    await queryRunner.query("CREATE INDEX `IDX_9e539ead35d89ab7d699c4294c` ON `equipment` (`commune_id`, `school_id`, `kind`, `status`, `purchase_date`, `warranty_ends_on`, `room_id`, `container_id`)");
    await queryRunner.query("CREATE INDEX `IDX_637b0521817c1527f60e15531e` ON `ticket` (`school_id`, `created_at`, `status`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_637b0521817c1527f60e15531e` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_9e539ead35d89ab7d699c4294c` ON `equipment`");
    await queryRunner.query("CREATE INDEX `IDX_3e9926d9943d07dfc248adb1b3` ON `ticket` (`school_id`, `status`)");
  }
}
