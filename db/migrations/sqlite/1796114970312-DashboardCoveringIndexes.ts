import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardCoveringIndexes1796114970312 implements MigrationInterface {
  name = 'DashboardCoveringIndexes1796114970312';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_3e9926d9943d07dfc248adb1b3\"");
    await queryRunner.query("CREATE INDEX \"IDX_f21aa23266db89b9bf3337af3e\" ON \"equipment\" (\"commune_id\", \"school_id\", \"kind\", \"status\", \"purchase_date\", \"warranty_ends_on\") ");
    await queryRunner.query("CREATE INDEX \"IDX_637b0521817c1527f60e15531e\" ON \"ticket\" (\"school_id\", \"status\", \"created_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_637b0521817c1527f60e15531e\"");
    await queryRunner.query("DROP INDEX \"IDX_f21aa23266db89b9bf3337af3e\"");
    await queryRunner.query("CREATE INDEX \"IDX_3e9926d9943d07dfc248adb1b3\" ON \"ticket\" (\"school_id\", \"status\") ");
  }
}
