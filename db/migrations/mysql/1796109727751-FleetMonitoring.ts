import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FleetMonitoring1796109727751 implements MigrationInterface {
  name = 'FleetMonitoring1796109727751';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `equipment_lifetime` (`kind` varchar(32) NOT NULL, `years` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`kind`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `mobile_class_plan` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `school_id` int NOT NULL, `trolleys_planned` int NOT NULL, `tablets_per_trolley` int NOT NULL, `due_on` date NULL, `programme` varchar(150) NULL, UNIQUE INDEX `IDX_84480a2e64a79d8991ecea410d` (`school_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `ent_subscription` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `school_id` int NOT NULL, `school_year` int NOT NULL, `cost_cents` int NOT NULL, INDEX `IDX_3ba9086919ec8a4ce36f097776` (`school_year`), UNIQUE INDEX `IDX_d5a8769fcdece335d165f88e60` (`school_id`, `school_year`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `room` ADD `use` varchar(20) NOT NULL DEFAULT 'other'");
    await queryRunner.query("ALTER TABLE `mobile_class_plan` ADD CONSTRAINT `FK_84480a2e64a79d8991ecea410d8` FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `ent_subscription` ADD CONSTRAINT `FK_695376f14ff8ad6d33f19a40f08` FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ent_subscription` DROP FOREIGN KEY `FK_695376f14ff8ad6d33f19a40f08`");
    await queryRunner.query("ALTER TABLE `mobile_class_plan` DROP FOREIGN KEY `FK_84480a2e64a79d8991ecea410d8`");
    await queryRunner.query("ALTER TABLE `room` DROP COLUMN `use`");
    await queryRunner.query("DROP INDEX `IDX_d5a8769fcdece335d165f88e60` ON `ent_subscription`");
    await queryRunner.query("DROP INDEX `IDX_3ba9086919ec8a4ce36f097776` ON `ent_subscription`");
    await queryRunner.query("DROP TABLE `ent_subscription`");
    await queryRunner.query("DROP INDEX `IDX_84480a2e64a79d8991ecea410d` ON `mobile_class_plan`");
    await queryRunner.query("DROP TABLE `mobile_class_plan`");
    await queryRunner.query("DROP TABLE `equipment_lifetime`");
  }
}
