import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobLocks1796100404256 implements MigrationInterface {
  name = 'JobLocks1796100404256';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `job_lock` (`name` varchar(100) NOT NULL, `locked_until` datetime NOT NULL, `locked_by` varchar(150) NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`name`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `job_lock`");
  }
}
