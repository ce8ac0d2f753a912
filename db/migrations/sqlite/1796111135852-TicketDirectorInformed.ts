import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketDirectorInformed1796111135852 implements MigrationInterface {
  name = 'TicketDirectorInformed1796111135852';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_99998d8d0b7bb1046051f15d5c\"");
    await queryRunner.query("DROP INDEX \"IDX_4b024b790d3e32be8282ed5295\"");
    await queryRunner.query("DROP INDEX \"IDX_d569975befcd6fd2123b39a68c\"");
    await queryRunner.query("DROP INDEX \"IDX_3e9926d9943d07dfc248adb1b3\"");
    await queryRunner.query("DROP INDEX \"IDX_73178be230513d6b5e813c05d7\"");
    await queryRunner.query("DROP INDEX \"IDX_a2737f884787dc53c54823b96c\"");
    await queryRunner.query("DROP INDEX \"IDX_275529321f45de4f1a128a081d\"");
    await queryRunner.query("CREATE TABLE \"temporary_ticket\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"reference\" varchar(20), \"school_id\" integer NOT NULL, \"commune_id\" integer NOT NULL, \"circonscription_id\" integer NOT NULL, \"equipment_id\" integer, \"category\" varchar(20) NOT NULL, \"title\" varchar(150) NOT NULL, \"description\" text NOT NULL, \"impact\" varchar(20) NOT NULL, \"urgency\" varchar(10) NOT NULL, \"priority\" varchar(2) NOT NULL, \"status\" varchar(20) NOT NULL, \"approval\" varchar(20) NOT NULL, \"level\" integer NOT NULL, \"group_kind\" varchar(30) NOT NULL, \"group_organisation_id\" integer, \"group_external_name\" varchar(150), \"group_label\" varchar(200) NOT NULL, \"assignee_user_id\" integer, \"reporter_user_id\" integer NOT NULL, \"availability\" varchar(500), \"routing_rule\" varchar(200) NOT NULL, \"routing_reason\" varchar(1000) NOT NULL, \"out_of_scope\" boolean NOT NULL DEFAULT (0), \"clock_started_at\" datetime, \"pauses\" text, \"first_response_due_at\" datetime, \"resolution_due_at\" datetime, \"first_responded_at\" datetime, \"resolved_at\" datetime, \"closed_at\" datetime, \"breach_warned_at\" datetime, \"breached_at\" datetime, \"rating\" integer, \"rating_comment\" varchar(2000), \"idempotency_key\" varchar(100), \"director_informed\" boolean NOT NULL DEFAULT (0))");
    await queryRunner.query("INSERT INTO \"temporary_ticket\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"reference\", \"school_id\", \"commune_id\", \"circonscription_id\", \"equipment_id\", \"category\", \"title\", \"description\", \"impact\", \"urgency\", \"priority\", \"status\", \"approval\", \"level\", \"group_kind\", \"group_organisation_id\", \"group_external_name\", \"group_label\", \"assignee_user_id\", \"reporter_user_id\", \"availability\", \"routing_rule\", \"routing_reason\", \"out_of_scope\", \"clock_started_at\", \"pauses\", \"first_response_due_at\", \"resolution_due_at\", \"first_responded_at\", \"resolved_at\", \"closed_at\", \"breach_warned_at\", \"breached_at\", \"rating\", \"rating_comment\", \"idempotency_key\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"reference\", \"school_id\", \"commune_id\", \"circonscription_id\", \"equipment_id\", \"category\", \"title\", \"description\", \"impact\", \"urgency\", \"priority\", \"status\", \"approval\", \"level\", \"group_kind\", \"group_organisation_id\", \"group_external_name\", \"group_label\", \"assignee_user_id\", \"reporter_user_id\", \"availability\", \"routing_rule\", \"routing_reason\", \"out_of_scope\", \"clock_started_at\", \"pauses\", \"first_response_due_at\", \"resolution_due_at\", \"first_responded_at\", \"resolved_at\", \"closed_at\", \"breach_warned_at\", \"breached_at\", \"rating\", \"rating_comment\", \"idempotency_key\" FROM \"ticket\"");
    await queryRunner.query("DROP TABLE \"ticket\"");
    await queryRunner.query("ALTER TABLE \"temporary_ticket\" RENAME TO \"ticket\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_99998d8d0b7bb1046051f15d5c\" ON \"ticket\" (\"reference\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_4b024b790d3e32be8282ed5295\" ON \"ticket\" (\"reporter_user_id\", \"idempotency_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d569975befcd6fd2123b39a68c\" ON \"ticket\" (\"status\", \"level\", \"group_kind\", \"group_organisation_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3e9926d9943d07dfc248adb1b3\" ON \"ticket\" (\"school_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_73178be230513d6b5e813c05d7\" ON \"ticket\" (\"commune_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_a2737f884787dc53c54823b96c\" ON \"ticket\" (\"equipment_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_275529321f45de4f1a128a081d\" ON \"ticket\" (\"status\", \"resolution_due_at\") ");
    // Security reports filed before the flag existed were followed by their director.
    await queryRunner.query("UPDATE ticket SET director_informed = 1 WHERE category = 'security'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_275529321f45de4f1a128a081d\"");
    await queryRunner.query("DROP INDEX \"IDX_a2737f884787dc53c54823b96c\"");
    await queryRunner.query("DROP INDEX \"IDX_73178be230513d6b5e813c05d7\"");
    await queryRunner.query("DROP INDEX \"IDX_3e9926d9943d07dfc248adb1b3\"");
    await queryRunner.query("DROP INDEX \"IDX_d569975befcd6fd2123b39a68c\"");
    await queryRunner.query("DROP INDEX \"IDX_4b024b790d3e32be8282ed5295\"");
    await queryRunner.query("DROP INDEX \"IDX_99998d8d0b7bb1046051f15d5c\"");
    await queryRunner.query("ALTER TABLE \"ticket\" RENAME TO \"temporary_ticket\"");
    await queryRunner.query("CREATE TABLE \"ticket\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"reference\" varchar(20), \"school_id\" integer NOT NULL, \"commune_id\" integer NOT NULL, \"circonscription_id\" integer NOT NULL, \"equipment_id\" integer, \"category\" varchar(20) NOT NULL, \"title\" varchar(150) NOT NULL, \"description\" text NOT NULL, \"impact\" varchar(20) NOT NULL, \"urgency\" varchar(10) NOT NULL, \"priority\" varchar(2) NOT NULL, \"status\" varchar(20) NOT NULL, \"approval\" varchar(20) NOT NULL, \"level\" integer NOT NULL, \"group_kind\" varchar(30) NOT NULL, \"group_organisation_id\" integer, \"group_external_name\" varchar(150), \"group_label\" varchar(200) NOT NULL, \"assignee_user_id\" integer, \"reporter_user_id\" integer NOT NULL, \"availability\" varchar(500), \"routing_rule\" varchar(200) NOT NULL, \"routing_reason\" varchar(1000) NOT NULL, \"out_of_scope\" boolean NOT NULL DEFAULT (0), \"clock_started_at\" datetime, \"pauses\" text, \"first_response_due_at\" datetime, \"resolution_due_at\" datetime, \"first_responded_at\" datetime, \"resolved_at\" datetime, \"closed_at\" datetime, \"breach_warned_at\" datetime, \"breached_at\" datetime, \"rating\" integer, \"rating_comment\" varchar(2000), \"idempotency_key\" varchar(100))");
    await queryRunner.query("INSERT INTO \"ticket\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"reference\", \"school_id\", \"commune_id\", \"circonscription_id\", \"equipment_id\", \"category\", \"title\", \"description\", \"impact\", \"urgency\", \"priority\", \"status\", \"approval\", \"level\", \"group_kind\", \"group_organisation_id\", \"group_external_name\", \"group_label\", \"assignee_user_id\", \"reporter_user_id\", \"availability\", \"routing_rule\", \"routing_reason\", \"out_of_scope\", \"clock_started_at\", \"pauses\", \"first_response_due_at\", \"resolution_due_at\", \"first_responded_at\", \"resolved_at\", \"closed_at\", \"breach_warned_at\", \"breached_at\", \"rating\", \"rating_comment\", \"idempotency_key\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"reference\", \"school_id\", \"commune_id\", \"circonscription_id\", \"equipment_id\", \"category\", \"title\", \"description\", \"impact\", \"urgency\", \"priority\", \"status\", \"approval\", \"level\", \"group_kind\", \"group_organisation_id\", \"group_external_name\", \"group_label\", \"assignee_user_id\", \"reporter_user_id\", \"availability\", \"routing_rule\", \"routing_reason\", \"out_of_scope\", \"clock_started_at\", \"pauses\", \"first_response_due_at\", \"resolution_due_at\", \"first_responded_at\", \"resolved_at\", \"closed_at\", \"breach_warned_at\", \"breached_at\", \"rating\", \"rating_comment\", \"idempotency_key\" FROM \"temporary_ticket\"");
    await queryRunner.query("DROP TABLE \"temporary_ticket\"");
    await queryRunner.query("CREATE INDEX \"IDX_275529321f45de4f1a128a081d\" ON \"ticket\" (\"status\", \"resolution_due_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_a2737f884787dc53c54823b96c\" ON \"ticket\" (\"equipment_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_73178be230513d6b5e813c05d7\" ON \"ticket\" (\"commune_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3e9926d9943d07dfc248adb1b3\" ON \"ticket\" (\"school_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d569975befcd6fd2123b39a68c\" ON \"ticket\" (\"status\", \"level\", \"group_kind\", \"group_organisation_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_4b024b790d3e32be8282ed5295\" ON \"ticket\" (\"reporter_user_id\", \"idempotency_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_99998d8d0b7bb1046051f15d5c\" ON \"ticket\" (\"reference\") ");
  }
}
