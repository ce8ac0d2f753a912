import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WeeklyDigestDeliveries1796110777647 implements MigrationInterface {
  name = 'WeeklyDigestDeliveries1796110777647';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"digest_delivery\" (\"user_id\" integer NOT NULL, \"period\" varchar(10) NOT NULL, \"sent_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"user_id\", \"period\"))");
    await queryRunner.query("CREATE TABLE \"temporary_digest_delivery\" (\"user_id\" integer NOT NULL, \"period\" varchar(10) NOT NULL, \"sent_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_e3e90163f98c88fbb497b8b32a7\" FOREIGN KEY (\"user_id\") REFERENCES \"user_account\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"user_id\", \"period\"))");
    await queryRunner.query("INSERT INTO \"temporary_digest_delivery\"(\"user_id\", \"period\", \"sent_at\") SELECT \"user_id\", \"period\", \"sent_at\" FROM \"digest_delivery\"");
    await queryRunner.query("DROP TABLE \"digest_delivery\"");
    await queryRunner.query("ALTER TABLE \"temporary_digest_delivery\" RENAME TO \"digest_delivery\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"digest_delivery\" RENAME TO \"temporary_digest_delivery\"");
    await queryRunner.query("CREATE TABLE \"digest_delivery\" (\"user_id\" integer NOT NULL, \"period\" varchar(10) NOT NULL, \"sent_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"user_id\", \"period\"))");
    await queryRunner.query("INSERT INTO \"digest_delivery\"(\"user_id\", \"period\", \"sent_at\") SELECT \"user_id\", \"period\", \"sent_at\" FROM \"temporary_digest_delivery\"");
    await queryRunner.query("DROP TABLE \"temporary_digest_delivery\"");
    await queryRunner.query("DROP TABLE \"digest_delivery\"");
  }
}
