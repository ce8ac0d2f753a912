import type { MigrationInterface, QueryRunner } from 'typeorm';
import { insertDefaultRoutingRules } from '../defaults/1796100209456-routing-rules';

export class RoutingRules1796100209456 implements MigrationInterface {
  name = 'RoutingRules1796100209456';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `routing_rule` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `name` varchar(150) NOT NULL, `position` int NOT NULL, `trigger` varchar(10) NOT NULL, `from_level` int NULL, `conditions` text NOT NULL, `action` text NOT NULL, `enabled` tinyint NOT NULL DEFAULT 1, `commune_id` int NULL, INDEX `IDX_22de24e7d419e77def6b4e7802` (`commune_id`, `enabled`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `routing_rule` ADD CONSTRAINT `FK_49971e421c7aaf03a0eeb77cf79` FOREIGN KEY (`commune_id`) REFERENCES `commune`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await insertDefaultRoutingRules(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `routing_rule` DROP FOREIGN KEY `FK_49971e421c7aaf03a0eeb77cf79`");
    await queryRunner.query("DROP INDEX `IDX_22de24e7d419e77def6b4e7802` ON `routing_rule`");
    await queryRunner.query("DROP TABLE `routing_rule`");
  }
}
