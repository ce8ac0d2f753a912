import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796100235654 implements MigrationInterface {
  name = 'Notifications1796100235654';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"notification\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"ticket_id\" integer, \"kind\" varchar(30) NOT NULL, \"title\" varchar(300) NOT NULL, \"body\" text NOT NULL, \"link\" varchar(200), \"read_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_709570ea23197bf75890da5a6a\" ON \"notification\" (\"user_id\", \"read_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5259f9d159d642912658da4676\" ON \"notification\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"notification_dispatch\" (\"ticket_event_id\" integer PRIMARY KEY NOT NULL, \"dispatched_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE TABLE \"external_contact\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kind\" varchar(30) NOT NULL, \"name\" varchar(150), \"commune_id\" integer, \"academy_id\" integer, \"email\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_ed8a77c66ce96d32f6eeddd08e\" ON \"external_contact\" (\"kind\", \"academy_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c0cbdb09d10824fc627850b603\" ON \"external_contact\" (\"kind\", \"commune_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_709570ea23197bf75890da5a6a\"");
    await queryRunner.query("DROP INDEX \"IDX_5259f9d159d642912658da4676\"");
    await queryRunner.query("CREATE TABLE \"temporary_notification\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"ticket_id\" integer, \"kind\" varchar(30) NOT NULL, \"title\" varchar(300) NOT NULL, \"body\" text NOT NULL, \"link\" varchar(200), \"read_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_928b7aa1754e08e1ed7052cb9d8\" FOREIGN KEY (\"user_id\") REFERENCES \"user_account\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_e38046bbec1c49b3f10f74acef3\" FOREIGN KEY (\"ticket_id\") REFERENCES \"ticket\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_notification\"(\"id\", \"user_id\", \"ticket_id\", \"kind\", \"title\", \"body\", \"link\", \"read_at\", \"created_at\") SELECT \"id\", \"user_id\", \"ticket_id\", \"kind\", \"title\", \"body\", \"link\", \"read_at\", \"created_at\" FROM \"notification\"");
    await queryRunner.query("DROP TABLE \"notification\"");
    await queryRunner.query("ALTER TABLE \"temporary_notification\" RENAME TO \"notification\"");
    await queryRunner.query("CREATE INDEX \"IDX_709570ea23197bf75890da5a6a\" ON \"notification\" (\"user_id\", \"read_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_5259f9d159d642912658da4676\" ON \"notification\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"temporary_notification_dispatch\" (\"ticket_event_id\" integer PRIMARY KEY NOT NULL, \"dispatched_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_78cb82ced9ca1c1e1070f614a02\" FOREIGN KEY (\"ticket_event_id\") REFERENCES \"ticket_event\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_notification_dispatch\"(\"ticket_event_id\", \"dispatched_at\") SELECT \"ticket_event_id\", \"dispatched_at\" FROM \"notification_dispatch\"");
    await queryRunner.query("DROP TABLE \"notification_dispatch\"");
    await queryRunner.query("ALTER TABLE \"temporary_notification_dispatch\" RENAME TO \"notification_dispatch\"");
    await queryRunner.query("DROP INDEX \"IDX_ed8a77c66ce96d32f6eeddd08e\"");
    await queryRunner.query("DROP INDEX \"IDX_c0cbdb09d10824fc627850b603\"");
    await queryRunner.query("CREATE TABLE \"temporary_external_contact\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kind\" varchar(30) NOT NULL, \"name\" varchar(150), \"commune_id\" integer, \"academy_id\" integer, \"email\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_5a1573e9549f610c9714d599400\" FOREIGN KEY (\"commune_id\") REFERENCES \"commune\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_c1f377061761ddb101c5240e061\" FOREIGN KEY (\"academy_id\") REFERENCES \"academy\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_external_contact\"(\"id\", \"kind\", \"name\", \"commune_id\", \"academy_id\", \"email\", \"created_at\") SELECT \"id\", \"kind\", \"name\", \"commune_id\", \"academy_id\", \"email\", \"created_at\" FROM \"external_contact\"");
    await queryRunner.query("DROP TABLE \"external_contact\"");
    await queryRunner.query("ALTER TABLE \"temporary_external_contact\" RENAME TO \"external_contact\"");
    await queryRunner.query("CREATE INDEX \"IDX_ed8a77c66ce96d32f6eeddd08e\" ON \"external_contact\" (\"kind\", \"academy_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c0cbdb09d10824fc627850b603\" ON \"external_contact\" (\"kind\", \"commune_id\") ");
    // The timeline before notifications existed is history: nobody is notified of it now.
    await queryRunner.query("INSERT INTO \"notification_dispatch\" (\"ticket_event_id\") SELECT \"id\" FROM \"ticket_event\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_c0cbdb09d10824fc627850b603\"");
    await queryRunner.query("DROP INDEX \"IDX_ed8a77c66ce96d32f6eeddd08e\"");
    await queryRunner.query("ALTER TABLE \"external_contact\" RENAME TO \"temporary_external_contact\"");
    await queryRunner.query("CREATE TABLE \"external_contact\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kind\" varchar(30) NOT NULL, \"name\" varchar(150), \"commune_id\" integer, \"academy_id\" integer, \"email\" varchar(254) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"external_contact\"(\"id\", \"kind\", \"name\", \"commune_id\", \"academy_id\", \"email\", \"created_at\") SELECT \"id\", \"kind\", \"name\", \"commune_id\", \"academy_id\", \"email\", \"created_at\" FROM \"temporary_external_contact\"");
    await queryRunner.query("DROP TABLE \"temporary_external_contact\"");
    await queryRunner.query("CREATE INDEX \"IDX_c0cbdb09d10824fc627850b603\" ON \"external_contact\" (\"kind\", \"commune_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ed8a77c66ce96d32f6eeddd08e\" ON \"external_contact\" (\"kind\", \"academy_id\") ");
    await queryRunner.query("ALTER TABLE \"notification_dispatch\" RENAME TO \"temporary_notification_dispatch\"");
    await queryRunner.query("CREATE TABLE \"notification_dispatch\" (\"ticket_event_id\" integer PRIMARY KEY NOT NULL, \"dispatched_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"notification_dispatch\"(\"ticket_event_id\", \"dispatched_at\") SELECT \"ticket_event_id\", \"dispatched_at\" FROM \"temporary_notification_dispatch\"");
    await queryRunner.query("DROP TABLE \"temporary_notification_dispatch\"");
    await queryRunner.query("DROP INDEX \"IDX_5259f9d159d642912658da4676\"");
    await queryRunner.query("DROP INDEX \"IDX_709570ea23197bf75890da5a6a\"");
    await queryRunner.query("ALTER TABLE \"notification\" RENAME TO \"temporary_notification\"");
    await queryRunner.query("CREATE TABLE \"notification\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"ticket_id\" integer, \"kind\" varchar(30) NOT NULL, \"title\" varchar(300) NOT NULL, \"body\" text NOT NULL, \"link\" varchar(200), \"read_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"notification\"(\"id\", \"user_id\", \"ticket_id\", \"kind\", \"title\", \"body\", \"link\", \"read_at\", \"created_at\") SELECT \"id\", \"user_id\", \"ticket_id\", \"kind\", \"title\", \"body\", \"link\", \"read_at\", \"created_at\" FROM \"temporary_notification\"");
    await queryRunner.query("DROP TABLE \"temporary_notification\"");
    await queryRunner.query("CREATE INDEX \"IDX_5259f9d159d642912658da4676\" ON \"notification\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_709570ea23197bf75890da5a6a\" ON \"notification\" (\"user_id\", \"read_at\") ");
    await queryRunner.query("DROP INDEX \"IDX_c0cbdb09d10824fc627850b603\"");
    await queryRunner.query("DROP INDEX \"IDX_ed8a77c66ce96d32f6eeddd08e\"");
    await queryRunner.query("DROP TABLE \"external_contact\"");
    await queryRunner.query("DROP TABLE \"notification_dispatch\"");
    await queryRunner.query("DROP INDEX \"IDX_5259f9d159d642912658da4676\"");
    await queryRunner.query("DROP INDEX \"IDX_709570ea23197bf75890da5a6a\"");
    await queryRunner.query("DROP TABLE \"notification\"");
  }
}
