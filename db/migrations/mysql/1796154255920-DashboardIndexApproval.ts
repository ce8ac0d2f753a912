import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardIndexApproval1796154255920 implements MigrationInterface {
  name = 'DashboardIndexApproval1796154255920';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_8305b5b34dd375a77f037f2ebc` ON `ticket`");
    await queryRunner.query("CREATE INDEX `IDX_004ac464fbe2b7c5d2bc0cf5b0` ON `ticket` (`status`, `commune_id`, `school_id`, `level`, `created_at`, `circonscription_id`, `approval`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_004ac464fbe2b7c5d2bc0cf5b0` ON `ticket`");
    await queryRunner.query("CREATE INDEX `IDX_8305b5b34dd375a77f037f2ebc` ON `ticket` (`status`, `commune_id`, `school_id`, `level`, `created_at`, `circonscription_id`)");
  }
}
