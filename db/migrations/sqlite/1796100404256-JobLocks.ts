import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobLocks1796100404256 implements MigrationInterface {
  name = 'JobLocks1796100404256';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"job_lock\" (\"name\" varchar(100) PRIMARY KEY NOT NULL, \"locked_until\" datetime NOT NULL, \"locked_by\" varchar(150), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"job_lock\"");
  }
}
