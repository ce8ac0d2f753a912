import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketFollowers1796111327897 implements MigrationInterface {
  name = 'TicketFollowers1796111327897';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"ticket_follower\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_d841bd80bc8a54a48df9b86a54\" ON \"ticket_follower\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1ad6721a82b487290b6ff2d526\" ON \"ticket_follower\" (\"ticket_id\", \"user_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_d841bd80bc8a54a48df9b86a54\"");
    await queryRunner.query("DROP INDEX \"IDX_1ad6721a82b487290b6ff2d526\"");
    await queryRunner.query("CREATE TABLE \"temporary_ticket_follower\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_0672e3d6abf998830c6ca6f0b48\" FOREIGN KEY (\"ticket_id\") REFERENCES \"ticket\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_d841bd80bc8a54a48df9b86a541\" FOREIGN KEY (\"user_id\") REFERENCES \"user_account\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_ticket_follower\"(\"id\", \"ticket_id\", \"user_id\", \"created_at\") SELECT \"id\", \"ticket_id\", \"user_id\", \"created_at\" FROM \"ticket_follower\"");
    await queryRunner.query("DROP TABLE \"ticket_follower\"");
    await queryRunner.query("ALTER TABLE \"temporary_ticket_follower\" RENAME TO \"ticket_follower\"");
    await queryRunner.query("CREATE INDEX \"IDX_d841bd80bc8a54a48df9b86a54\" ON \"ticket_follower\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1ad6721a82b487290b6ff2d526\" ON \"ticket_follower\" (\"ticket_id\", \"user_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_1ad6721a82b487290b6ff2d526\"");
    await queryRunner.query("DROP INDEX \"IDX_d841bd80bc8a54a48df9b86a54\"");
    await queryRunner.query("ALTER TABLE \"ticket_follower\" RENAME TO \"temporary_ticket_follower\"");
    await queryRunner.query("CREATE TABLE \"ticket_follower\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"ticket_follower\"(\"id\", \"ticket_id\", \"user_id\", \"created_at\") SELECT \"id\", \"ticket_id\", \"user_id\", \"created_at\" FROM \"temporary_ticket_follower\"");
    await queryRunner.query("DROP TABLE \"temporary_ticket_follower\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1ad6721a82b487290b6ff2d526\" ON \"ticket_follower\" (\"ticket_id\", \"user_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d841bd80bc8a54a48df9b86a54\" ON \"ticket_follower\" (\"user_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_1ad6721a82b487290b6ff2d526\"");
    await queryRunner.query("DROP INDEX \"IDX_d841bd80bc8a54a48df9b86a54\"");
    await queryRunner.query("DROP TABLE \"ticket_follower\"");
  }
}
