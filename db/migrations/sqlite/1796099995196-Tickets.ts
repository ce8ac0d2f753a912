import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tickets1796099995196 implements MigrationInterface {
  name = 'Tickets1796099995196';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ticket\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"reference\" varchar(20), \"school_id\" integer NOT NULL, \"commune_id\" integer NOT NULL, \"circonscription_id\" integer NOT NULL, \"equipment_id\" integer, \"category\" varchar(20) NOT NULL, \"title\" varchar(150) NOT NULL, \"description\" text NOT NULL, \"impact\" varchar(20) NOT NULL, \"urgency\" varchar(10) NOT NULL, \"priority\" varchar(2) NOT NULL, \"status\" varchar(20) NOT NULL, \"approval\" varchar(20) NOT NULL, \"level\" integer NOT NULL, \"group_kind\" varchar(30) NOT NULL, \"group_organisation_id\" integer, \"group_external_name\" varchar(150), \"group_label\" varchar(200) NOT NULL, \"assignee_user_id\" integer, \"reporter_user_id\" integer NOT NULL, \"availability\" varchar(500), \"routing_rule\" varchar(200) NOT NULL, \"routing_reason\" varchar(1000) NOT NULL, \"out_of_scope\" boolean NOT NULL DEFAULT (0), \"clock_started_at\" datetime, \"pauses\" text, \"first_response_due_at\" datetime, \"resolution_due_at\" datetime, \"first_responded_at\" datetime, \"resolved_at\" datetime, \"closed_at\" datetime, \"breach_warned_at\" datetime, \"breached_at\" datetime, \"rating\" integer, \"rating_comment\" varchar(2000), \"idempotency_key\" varchar(100))");
    await queryRunner.query("CREATE INDEX \"IDX_275529321f45de4f1a128a081d\" ON \"ticket\" (\"status\", \"resolution_due_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_a2737f884787dc53c54823b96c\" ON \"ticket\" (\"equipment_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_73178be230513d6b5e813c05d7\" ON \"ticket\" (\"commune_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3e9926d9943d07dfc248adb1b3\" ON \"ticket\" (\"school_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d569975befcd6fd2123b39a68c\" ON \"ticket\" (\"status\", \"level\", \"group_kind\", \"group_organisation_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_4b024b790d3e32be8282ed5295\" ON \"ticket\" (\"reporter_user_id\", \"idempotency_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_99998d8d0b7bb1046051f15d5c\" ON \"ticket\" (\"reference\") ");
    await queryRunner.query("CREATE TABLE \"ticket_event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"kind\" varchar(20) NOT NULL, \"at\" datetime NOT NULL DEFAULT (datetime('now')), \"actor_user_id\" integer, \"actor_label\" varchar(150) NOT NULL, \"body\" text, \"internal\" boolean NOT NULL DEFAULT (0), \"from_value\" varchar(200), \"to_value\" varchar(200), \"rule\" varchar(200))");
    await queryRunner.query("CREATE INDEX \"IDX_4a2cf777db1f398252ae8ce6db\" ON \"ticket_event\" (\"ticket_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"commune_ticket_settings\" (\"commune_id\" integer PRIMARY KEY NOT NULL, \"require_director_approval\" boolean NOT NULL DEFAULT (0), \"calendar\" text, \"targets\" text, \"reopen_days\" integer NOT NULL DEFAULT (7), \"auto_close_days\" integer NOT NULL DEFAULT (5))");
    await queryRunner.query("DROP INDEX \"IDX_4a2cf777db1f398252ae8ce6db\"");
    await queryRunner.query("CREATE TABLE \"temporary_ticket_event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"kind\" varchar(20) NOT NULL, \"at\" datetime NOT NULL DEFAULT (datetime('now')), \"actor_user_id\" integer, \"actor_label\" varchar(150) NOT NULL, \"body\" text, \"internal\" boolean NOT NULL DEFAULT (0), \"from_value\" varchar(200), \"to_value\" varchar(200), \"rule\" varchar(200), CONSTRAINT \"FK_458e163b194e4dffced5a0a6b82\" FOREIGN KEY (\"ticket_id\") REFERENCES \"ticket\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_ticket_event\"(\"id\", \"ticket_id\", \"kind\", \"at\", \"actor_user_id\", \"actor_label\", \"body\", \"internal\", \"from_value\", \"to_value\", \"rule\") SELECT \"id\", \"ticket_id\", \"kind\", \"at\", \"actor_user_id\", \"actor_label\", \"body\", \"internal\", \"from_value\", \"to_value\", \"rule\" FROM \"ticket_event\"");
    await queryRunner.query("DROP TABLE \"ticket_event\"");
    await queryRunner.query("ALTER TABLE \"temporary_ticket_event\" RENAME TO \"ticket_event\"");
    await queryRunner.query("CREATE INDEX \"IDX_4a2cf777db1f398252ae8ce6db\" ON \"ticket_event\" (\"ticket_id\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_4a2cf777db1f398252ae8ce6db\"");
    await queryRunner.query("ALTER TABLE \"ticket_event\" RENAME TO \"temporary_ticket_event\"");
    await queryRunner.query("CREATE TABLE \"ticket_event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"kind\" varchar(20) NOT NULL, \"at\" datetime NOT NULL DEFAULT (datetime('now')), \"actor_user_id\" integer, \"actor_label\" varchar(150) NOT NULL, \"body\" text, \"internal\" boolean NOT NULL DEFAULT (0), \"from_value\" varchar(200), \"to_value\" varchar(200), \"rule\" varchar(200))");
    await queryRunner.query("INSERT INTO \"ticket_event\"(\"id\", \"ticket_id\", \"kind\", \"at\", \"actor_user_id\", \"actor_label\", \"body\", \"internal\", \"from_value\", \"to_value\", \"rule\") SELECT \"id\", \"ticket_id\", \"kind\", \"at\", \"actor_user_id\", \"actor_label\", \"body\", \"internal\", \"from_value\", \"to_value\", \"rule\" FROM \"temporary_ticket_event\"");
    await queryRunner.query("DROP TABLE \"temporary_ticket_event\"");
    await queryRunner.query("CREATE INDEX \"IDX_4a2cf777db1f398252ae8ce6db\" ON \"ticket_event\" (\"ticket_id\", \"id\") ");
    await queryRunner.query("DROP TABLE \"commune_ticket_settings\"");
    await queryRunner.query("DROP INDEX \"IDX_4a2cf777db1f398252ae8ce6db\"");
    await queryRunner.query("DROP TABLE \"ticket_event\"");
    await queryRunner.query("DROP INDEX \"IDX_99998d8d0b7bb1046051f15d5c\"");
    await queryRunner.query("DROP INDEX \"IDX_4b024b790d3e32be8282ed5295\"");
    await queryRunner.query("DROP INDEX \"IDX_d569975befcd6fd2123b39a68c\"");
    await queryRunner.query("DROP INDEX \"IDX_3e9926d9943d07dfc248adb1b3\"");
    await queryRunner.query("DROP INDEX \"IDX_73178be230513d6b5e813c05d7\"");
    await queryRunner.query("DROP INDEX \"IDX_a2737f884787dc53c54823b96c\"");
    await queryRunner.query("DROP INDEX \"IDX_275529321f45de4f1a128a081d\"");
    await queryRunner.query("DROP TABLE \"ticket\"");
  }
}
