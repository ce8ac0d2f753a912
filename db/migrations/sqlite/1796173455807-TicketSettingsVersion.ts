import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketSettingsVersion1796173455807 implements MigrationInterface {
  name = 'TicketSettingsVersion1796173455807';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"temporary_commune_ticket_settings\" (\"commune_id\" integer PRIMARY KEY NOT NULL, \"require_director_approval\" boolean NOT NULL DEFAULT (0), \"calendar\" text, \"targets\" text, \"reopen_days\" integer NOT NULL DEFAULT (7), \"auto_close_days\" integer NOT NULL DEFAULT (5), \"version\" integer NOT NULL)");
    // Settings saved before versions existed start at 1 (0 means "nothing stored").
    await queryRunner.query("INSERT INTO \"temporary_commune_ticket_settings\"(\"commune_id\", \"require_director_approval\", \"calendar\", \"targets\", \"reopen_days\", \"auto_close_days\", \"version\") SELECT \"commune_id\", \"require_director_approval\", \"calendar\", \"targets\", \"reopen_days\", \"auto_close_days\", 1 FROM \"commune_ticket_settings\"");
    await queryRunner.query("DROP TABLE \"commune_ticket_settings\"");
    await queryRunner.query("ALTER TABLE \"temporary_commune_ticket_settings\" RENAME TO \"commune_ticket_settings\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"commune_ticket_settings\" RENAME TO \"temporary_commune_ticket_settings\"");
    await queryRunner.query("CREATE TABLE \"commune_ticket_settings\" (\"commune_id\" integer PRIMARY KEY NOT NULL, \"require_director_approval\" boolean NOT NULL DEFAULT (0), \"calendar\" text, \"targets\" text, \"reopen_days\" integer NOT NULL DEFAULT (7), \"auto_close_days\" integer NOT NULL DEFAULT (5))");
    await queryRunner.query("INSERT INTO \"commune_ticket_settings\"(\"commune_id\", \"require_director_approval\", \"calendar\", \"targets\", \"reopen_days\", \"auto_close_days\") SELECT \"commune_id\", \"require_director_approval\", \"calendar\", \"targets\", \"reopen_days\", \"auto_close_days\" FROM \"temporary_commune_ticket_settings\"");
    await queryRunner.query("DROP TABLE \"temporary_commune_ticket_settings\"");
  }
}
