import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FleetMonitoring1796109727751 implements MigrationInterface {
  name = 'FleetMonitoring1796109727751';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"equipment_lifetime\" (\"kind\" varchar(32) PRIMARY KEY NOT NULL, \"years\" integer NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE TABLE \"mobile_class_plan\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"trolleys_planned\" integer NOT NULL, \"tablets_per_trolley\" integer NOT NULL, \"due_on\" date, \"programme\" varchar(150))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_84480a2e64a79d8991ecea410d\" ON \"mobile_class_plan\" (\"school_id\") ");
    await queryRunner.query("CREATE TABLE \"ent_subscription\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"school_year\" integer NOT NULL, \"cost_cents\" integer NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_3ba9086919ec8a4ce36f097776\" ON \"ent_subscription\" (\"school_year\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d5a8769fcdece335d165f88e60\" ON \"ent_subscription\" (\"school_id\", \"school_year\") ");
    await queryRunner.query("DROP INDEX \"IDX_df28a3fed2b39d88ac781db519\"");
    await queryRunner.query("CREATE TABLE \"temporary_room\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(255), \"retired_at\" datetime, \"use\" varchar(20) NOT NULL DEFAULT ('other'), CONSTRAINT \"FK_898f4d3f7e870bc39c1dd36acff\" FOREIGN KEY (\"school_id\") REFERENCES \"school\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_room\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"name\", \"description\", \"retired_at\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"name\", \"description\", \"retired_at\" FROM \"room\"");
    await queryRunner.query("DROP TABLE \"room\"");
    await queryRunner.query("ALTER TABLE \"temporary_room\" RENAME TO \"room\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_df28a3fed2b39d88ac781db519\" ON \"room\" (\"school_id\", \"name\") ");
    await queryRunner.query("DROP INDEX \"IDX_84480a2e64a79d8991ecea410d\"");
    await queryRunner.query("CREATE TABLE \"temporary_mobile_class_plan\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"trolleys_planned\" integer NOT NULL, \"tablets_per_trolley\" integer NOT NULL, \"due_on\" date, \"programme\" varchar(150), CONSTRAINT \"FK_84480a2e64a79d8991ecea410d8\" FOREIGN KEY (\"school_id\") REFERENCES \"school\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_mobile_class_plan\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"trolleys_planned\", \"tablets_per_trolley\", \"due_on\", \"programme\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"trolleys_planned\", \"tablets_per_trolley\", \"due_on\", \"programme\" FROM \"mobile_class_plan\"");
    await queryRunner.query("DROP TABLE \"mobile_class_plan\"");
    await queryRunner.query("ALTER TABLE \"temporary_mobile_class_plan\" RENAME TO \"mobile_class_plan\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_84480a2e64a79d8991ecea410d\" ON \"mobile_class_plan\" (\"school_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_3ba9086919ec8a4ce36f097776\"");
    await queryRunner.query("DROP INDEX \"IDX_d5a8769fcdece335d165f88e60\"");
    await queryRunner.query("CREATE TABLE \"temporary_ent_subscription\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"school_year\" integer NOT NULL, \"cost_cents\" integer NOT NULL, CONSTRAINT \"FK_695376f14ff8ad6d33f19a40f08\" FOREIGN KEY (\"school_id\") REFERENCES \"school\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_ent_subscription\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"school_year\", \"cost_cents\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"school_year\", \"cost_cents\" FROM \"ent_subscription\"");
    await queryRunner.query("DROP TABLE \"ent_subscription\"");
    await queryRunner.query("ALTER TABLE \"temporary_ent_subscription\" RENAME TO \"ent_subscription\"");
    await queryRunner.query("CREATE INDEX \"IDX_3ba9086919ec8a4ce36f097776\" ON \"ent_subscription\" (\"school_year\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d5a8769fcdece335d165f88e60\" ON \"ent_subscription\" (\"school_id\", \"school_year\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_d5a8769fcdece335d165f88e60\"");
    await queryRunner.query("DROP INDEX \"IDX_3ba9086919ec8a4ce36f097776\"");
    await queryRunner.query("ALTER TABLE \"ent_subscription\" RENAME TO \"temporary_ent_subscription\"");
    await queryRunner.query("CREATE TABLE \"ent_subscription\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"school_year\" integer NOT NULL, \"cost_cents\" integer NOT NULL)");
    await queryRunner.query("INSERT INTO \"ent_subscription\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"school_year\", \"cost_cents\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"school_year\", \"cost_cents\" FROM \"temporary_ent_subscription\"");
    await queryRunner.query("DROP TABLE \"temporary_ent_subscription\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d5a8769fcdece335d165f88e60\" ON \"ent_subscription\" (\"school_id\", \"school_year\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3ba9086919ec8a4ce36f097776\" ON \"ent_subscription\" (\"school_year\") ");
    await queryRunner.query("DROP INDEX \"IDX_84480a2e64a79d8991ecea410d\"");
    await queryRunner.query("ALTER TABLE \"mobile_class_plan\" RENAME TO \"temporary_mobile_class_plan\"");
    await queryRunner.query("CREATE TABLE \"mobile_class_plan\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"trolleys_planned\" integer NOT NULL, \"tablets_per_trolley\" integer NOT NULL, \"due_on\" date, \"programme\" varchar(150))");
    await queryRunner.query("INSERT INTO \"mobile_class_plan\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"trolleys_planned\", \"tablets_per_trolley\", \"due_on\", \"programme\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"trolleys_planned\", \"tablets_per_trolley\", \"due_on\", \"programme\" FROM \"temporary_mobile_class_plan\"");
    await queryRunner.query("DROP TABLE \"temporary_mobile_class_plan\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_84480a2e64a79d8991ecea410d\" ON \"mobile_class_plan\" (\"school_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_df28a3fed2b39d88ac781db519\"");
    await queryRunner.query("ALTER TABLE \"room\" RENAME TO \"temporary_room\"");
    await queryRunner.query("CREATE TABLE \"room\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"school_id\" integer NOT NULL, \"name\" varchar(100) NOT NULL, \"description\" varchar(255), \"retired_at\" datetime, CONSTRAINT \"FK_898f4d3f7e870bc39c1dd36acff\" FOREIGN KEY (\"school_id\") REFERENCES \"school\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"room\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"name\", \"description\", \"retired_at\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"school_id\", \"name\", \"description\", \"retired_at\" FROM \"temporary_room\"");
    await queryRunner.query("DROP TABLE \"temporary_room\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_df28a3fed2b39d88ac781db519\" ON \"room\" (\"school_id\", \"name\") ");
    await queryRunner.query("DROP INDEX \"IDX_d5a8769fcdece335d165f88e60\"");
    await queryRunner.query("DROP INDEX \"IDX_3ba9086919ec8a4ce36f097776\"");
    await queryRunner.query("DROP TABLE \"ent_subscription\"");
    await queryRunner.query("DROP INDEX \"IDX_84480a2e64a79d8991ecea410d\"");
    await queryRunner.query("DROP TABLE \"mobile_class_plan\"");
    await queryRunner.query("DROP TABLE \"equipment_lifetime\"");
  }
}
