import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertDefaultRoutingRules } from '../defaults/1796100209456-routing-rules';

export class RoutingRules1796100209456 implements MigrationInterface {
  name = 'RoutingRules1796100209456';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"routing_rule\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"name\" varchar(150) NOT NULL, \"position\" integer NOT NULL, \"trigger\" varchar(10) NOT NULL, \"from_level\" integer, \"conditions\" text NOT NULL, \"action\" text NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"commune_id\" integer)");
    await queryRunner.query("CREATE INDEX \"IDX_22de24e7d419e77def6b4e7802\" ON \"routing_rule\" (\"commune_id\", \"enabled\") ");
    await queryRunner.query("DROP INDEX \"IDX_22de24e7d419e77def6b4e7802\"");
    await queryRunner.query("CREATE TABLE \"temporary_routing_rule\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"name\" varchar(150) NOT NULL, \"position\" integer NOT NULL, \"trigger\" varchar(10) NOT NULL, \"from_level\" integer, \"conditions\" text NOT NULL, \"action\" text NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"commune_id\" integer, CONSTRAINT \"FK_49971e421c7aaf03a0eeb77cf79\" FOREIGN KEY (\"commune_id\") REFERENCES \"commune\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_routing_rule\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"name\", \"position\", \"trigger\", \"from_level\", \"conditions\", \"action\", \"enabled\", \"commune_id\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"name\", \"position\", \"trigger\", \"from_level\", \"conditions\", \"action\", \"enabled\", \"commune_id\" FROM \"routing_rule\"");
    await queryRunner.query("DROP TABLE \"routing_rule\"");
    await queryRunner.query("ALTER TABLE \"temporary_routing_rule\" RENAME TO \"routing_rule\"");
    await queryRunner.query("CREATE INDEX \"IDX_22de24e7d419e77def6b4e7802\" ON \"routing_rule\" (\"commune_id\", \"enabled\") ");
    await insertDefaultRoutingRules(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_22de24e7d419e77def6b4e7802\"");
    await queryRunner.query("ALTER TABLE \"routing_rule\" RENAME TO \"temporary_routing_rule\"");
    await queryRunner.query("CREATE TABLE \"routing_rule\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"name\" varchar(150) NOT NULL, \"position\" integer NOT NULL, \"trigger\" varchar(10) NOT NULL, \"from_level\" integer, \"conditions\" text NOT NULL, \"action\" text NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"commune_id\" integer)");
    await queryRunner.query("INSERT INTO \"routing_rule\"(\"id\", \"created_at\", \"updated_at\", \"version\", \"name\", \"position\", \"trigger\", \"from_level\", \"conditions\", \"action\", \"enabled\", \"commune_id\") SELECT \"id\", \"created_at\", \"updated_at\", \"version\", \"name\", \"position\", \"trigger\", \"from_level\", \"conditions\", \"action\", \"enabled\", \"commune_id\" FROM \"temporary_routing_rule\"");
    await queryRunner.query("DROP TABLE \"temporary_routing_rule\"");
    await queryRunner.query("CREATE INDEX \"IDX_22de24e7d419e77def6b4e7802\" ON \"routing_rule\" (\"commune_id\", \"enabled\") ");
    await queryRunner.query("DROP INDEX \"IDX_22de24e7d419e77def6b4e7802\"");
    await queryRunner.query("DROP TABLE \"routing_rule\"");
  }
}
