import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1796101174777 implements MigrationInterface {
  name = 'Attachments1796101174777';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ticket_attachment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"uploader_user_id\" integer NOT NULL, \"original_name\" varchar(200) NOT NULL, \"media_type\" varchar(20) NOT NULL, \"byte_size\" integer NOT NULL, \"width\" integer NOT NULL, \"height\" integer NOT NULL, \"storage_key\" varchar(100) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_552457c63c0d2f20ee5df5160f\" ON \"ticket_attachment\" (\"storage_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c6d2c2c6fba78734176187f0bd\" ON \"ticket_attachment\" (\"ticket_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"IDX_552457c63c0d2f20ee5df5160f\"");
    await queryRunner.query("DROP INDEX \"IDX_c6d2c2c6fba78734176187f0bd\"");
    await queryRunner.query("CREATE TABLE \"temporary_ticket_attachment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"uploader_user_id\" integer NOT NULL, \"original_name\" varchar(200) NOT NULL, \"media_type\" varchar(20) NOT NULL, \"byte_size\" integer NOT NULL, \"width\" integer NOT NULL, \"height\" integer NOT NULL, \"storage_key\" varchar(100) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_26664df6b12d840fbf8945e1c41\" FOREIGN KEY (\"ticket_id\") REFERENCES \"ticket\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_48fdc6f8c335ed7dee1445fbb18\" FOREIGN KEY (\"uploader_user_id\") REFERENCES \"user_account\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_ticket_attachment\"(\"id\", \"ticket_id\", \"uploader_user_id\", \"original_name\", \"media_type\", \"byte_size\", \"width\", \"height\", \"storage_key\", \"created_at\") SELECT \"id\", \"ticket_id\", \"uploader_user_id\", \"original_name\", \"media_type\", \"byte_size\", \"width\", \"height\", \"storage_key\", \"created_at\" FROM \"ticket_attachment\"");
    await queryRunner.query("DROP TABLE \"ticket_attachment\"");
    await queryRunner.query("ALTER TABLE \"temporary_ticket_attachment\" RENAME TO \"ticket_attachment\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_552457c63c0d2f20ee5df5160f\" ON \"ticket_attachment\" (\"storage_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c6d2c2c6fba78734176187f0bd\" ON \"ticket_attachment\" (\"ticket_id\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_c6d2c2c6fba78734176187f0bd\"");
    await queryRunner.query("DROP INDEX \"IDX_552457c63c0d2f20ee5df5160f\"");
    await queryRunner.query("ALTER TABLE \"ticket_attachment\" RENAME TO \"temporary_ticket_attachment\"");
    await queryRunner.query("CREATE TABLE \"ticket_attachment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"uploader_user_id\" integer NOT NULL, \"original_name\" varchar(200) NOT NULL, \"media_type\" varchar(20) NOT NULL, \"byte_size\" integer NOT NULL, \"width\" integer NOT NULL, \"height\" integer NOT NULL, \"storage_key\" varchar(100) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"ticket_attachment\"(\"id\", \"ticket_id\", \"uploader_user_id\", \"original_name\", \"media_type\", \"byte_size\", \"width\", \"height\", \"storage_key\", \"created_at\") SELECT \"id\", \"ticket_id\", \"uploader_user_id\", \"original_name\", \"media_type\", \"byte_size\", \"width\", \"height\", \"storage_key\", \"created_at\" FROM \"temporary_ticket_attachment\"");
    await queryRunner.query("DROP TABLE \"temporary_ticket_attachment\"");
    await queryRunner.query("CREATE INDEX \"IDX_c6d2c2c6fba78734176187f0bd\" ON \"ticket_attachment\" (\"ticket_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_552457c63c0d2f20ee5df5160f\" ON \"ticket_attachment\" (\"storage_key\") ");
    await queryRunner.query("DROP INDEX \"IDX_c6d2c2c6fba78734176187f0bd\"");
    await queryRunner.query("DROP INDEX \"IDX_552457c63c0d2f20ee5df5160f\"");
    await queryRunner.query("DROP TABLE \"ticket_attachment\"");
  }
}
