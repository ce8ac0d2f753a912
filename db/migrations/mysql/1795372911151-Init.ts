import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795372911151 implements MigrationInterface {
  name = 'Init1795372911151';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `academy` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `code` varchar(40) NOT NULL, `name` varchar(150) NOT NULL, UNIQUE INDEX `IDX_2396349f385cc5cb5ebbaeee66` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `circonscription` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `name` varchar(150) NOT NULL, `academy_id` int NOT NULL, UNIQUE INDEX `IDX_f47323c70f518a331f38e1b968` (`academy_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `commune` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `name` varchar(150) NOT NULL, `insee_code` varchar(5) NULL, `academy_id` int NOT NULL, UNIQUE INDEX `IDX_e7332d2d062084a544895f4abf` (`insee_code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `school` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `uai` varchar(8) NOT NULL, `name` varchar(200) NOT NULL, `type` varchar(10) NOT NULL, `address` varchar(255) NULL, `postal_code` varchar(5) NULL, `commune_id` int NOT NULL, `circonscription_id` int NOT NULL, `retired_at` datetime NULL, UNIQUE INDEX `IDX_b53c7b42deffe80b5d38b1c3aa` (`uai`), INDEX `IDX_15fd394811783a8d1b3d89715d` (`circonscription_id`), INDEX `IDX_2a7b5fc69848cbcf35a0bc86bc` (`commune_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `room` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `school_id` int NOT NULL, `name` varchar(100) NOT NULL, `description` varchar(255) NULL, `retired_at` datetime NULL, UNIQUE INDEX `IDX_df28a3fed2b39d88ac781db519` (`school_id`, `name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `equipment` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `kind` varchar(32) NOT NULL, `status` varchar(16) NOT NULL, `asset_tag` varchar(50) NOT NULL, `brand` varchar(100) NULL, `model` varchar(150) NULL, `serial` varchar(100) NULL, `mac_address` varchar(17) NULL, `hostname` varchar(100) NULL, `commune_id` int NOT NULL, `school_id` int NULL, `room_id` int NULL, `container_id` int NULL, `purchase_date` date NULL, `purchase_price_cents` int NULL, `supplier` varchar(150) NULL, `warranty_ends_on` date NULL, `funding` varchar(20) NOT NULL, `funding_programme` varchar(150) NULL, `funding_amount_cents` int NULL, `notes` text NULL, INDEX `IDX_4af83b76a430fc94e55562a228` (`container_id`), INDEX `IDX_034fdb6d26b756bddee6191e40` (`room_id`), INDEX `IDX_b9c98a9bbd7678934c48a3fe07` (`commune_id`, `kind`, `asset_tag`), INDEX `IDX_bc5baa7c1c7ec45e43f584819b` (`school_id`, `kind`, `asset_tag`), INDEX `IDX_922c72a4280b20a55911ae9f3f` (`commune_id`, `serial`), UNIQUE INDEX `IDX_698b21ae5e334b7368f126de0c` (`commune_id`, `asset_tag`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `equipment_event` (`id` int NOT NULL AUTO_INCREMENT, `equipment_id` int NOT NULL, `change` varchar(20) NOT NULL, `from_value` varchar(100) NULL, `to_value` varchar(100) NULL, `from_label` varchar(255) NULL, `to_label` varchar(255) NULL, `note` varchar(500) NULL, `actor` varchar(150) NOT NULL, `at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_36d5180f55611960246ae44d80` (`equipment_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `equipment_search_term` (`term` varchar(100) NOT NULL, `equipment_id` int NOT NULL, INDEX `IDX_50fdd76bd533d6051cb60132da` (`equipment_id`), PRIMARY KEY (`term`, `equipment_id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `circonscription` ADD CONSTRAINT `FK_64785c836294433fcab2ae87a48` FOREIGN KEY (`academy_id`) REFERENCES `academy`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `commune` ADD CONSTRAINT `FK_bd0642bd99d8f031cbfb9c7c93b` FOREIGN KEY (`academy_id`) REFERENCES `academy`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `school` ADD CONSTRAINT `FK_46868177fc4b6bbe8e2c18aeeb5` FOREIGN KEY (`commune_id`) REFERENCES `commune`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `school` ADD CONSTRAINT `FK_15fd394811783a8d1b3d89715dc` FOREIGN KEY (`circonscription_id`) REFERENCES `circonscription`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `room` ADD CONSTRAINT `FK_898f4d3f7e870bc39c1dd36acff` FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `equipment` ADD CONSTRAINT `FK_a4a57dd85e0f561b90b6a14ea5f` FOREIGN KEY (`commune_id`) REFERENCES `commune`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `equipment` ADD CONSTRAINT `FK_07e3b6dad39b6d47acf57b11158` FOREIGN KEY (`school_id`) REFERENCES `school`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `equipment` ADD CONSTRAINT `FK_034fdb6d26b756bddee6191e40c` FOREIGN KEY (`room_id`) REFERENCES `room`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `equipment` ADD CONSTRAINT `FK_4af83b76a430fc94e55562a228e` FOREIGN KEY (`container_id`) REFERENCES `equipment`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `equipment_event` ADD CONSTRAINT `FK_6b6f75580ac99f9c99841c46dbf` FOREIGN KEY (`equipment_id`) REFERENCES `equipment`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `equipment_search_term` ADD CONSTRAINT `FK_50fdd76bd533d6051cb60132dab` FOREIGN KEY (`equipment_id`) REFERENCES `equipment`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `equipment_search_term` DROP FOREIGN KEY `FK_50fdd76bd533d6051cb60132dab`");
    await queryRunner.query("ALTER TABLE `equipment_event` DROP FOREIGN KEY `FK_6b6f75580ac99f9c99841c46dbf`");
    await queryRunner.query("ALTER TABLE `equipment` DROP FOREIGN KEY `FK_4af83b76a430fc94e55562a228e`");
    await queryRunner.query("ALTER TABLE `equipment` DROP FOREIGN KEY `FK_034fdb6d26b756bddee6191e40c`");
    await queryRunner.query("ALTER TABLE `equipment` DROP FOREIGN KEY `FK_07e3b6dad39b6d47acf57b11158`");
    await queryRunner.query("ALTER TABLE `equipment` DROP FOREIGN KEY `FK_a4a57dd85e0f561b90b6a14ea5f`");
    await queryRunner.query("ALTER TABLE `room` DROP FOREIGN KEY `FK_898f4d3f7e870bc39c1dd36acff`");
    await queryRunner.query("ALTER TABLE `school` DROP FOREIGN KEY `FK_15fd394811783a8d1b3d89715dc`");
    await queryRunner.query("ALTER TABLE `school` DROP FOREIGN KEY `FK_46868177fc4b6bbe8e2c18aeeb5`");
    await queryRunner.query("ALTER TABLE `commune` DROP FOREIGN KEY `FK_bd0642bd99d8f031cbfb9c7c93b`");
    await queryRunner.query("ALTER TABLE `circonscription` DROP FOREIGN KEY `FK_64785c836294433fcab2ae87a48`");
    await queryRunner.query("DROP INDEX `IDX_50fdd76bd533d6051cb60132da` ON `equipment_search_term`");
    await queryRunner.query("DROP TABLE `equipment_search_term`");
    await queryRunner.query("DROP INDEX `IDX_36d5180f55611960246ae44d80` ON `equipment_event`");
    await queryRunner.query("DROP TABLE `equipment_event`");
    await queryRunner.query("DROP INDEX `IDX_698b21ae5e334b7368f126de0c` ON `equipment`");
    await queryRunner.query("DROP INDEX `IDX_922c72a4280b20a55911ae9f3f` ON `equipment`");
    await queryRunner.query("DROP INDEX `IDX_bc5baa7c1c7ec45e43f584819b` ON `equipment`");
    await queryRunner.query("DROP INDEX `IDX_b9c98a9bbd7678934c48a3fe07` ON `equipment`");
    await queryRunner.query("DROP INDEX `IDX_034fdb6d26b756bddee6191e40` ON `equipment`");
    await queryRunner.query("DROP INDEX `IDX_4af83b76a430fc94e55562a228` ON `equipment`");
    await queryRunner.query("DROP TABLE `equipment`");
    await queryRunner.query("DROP INDEX `IDX_df28a3fed2b39d88ac781db519` ON `room`");
    await queryRunner.query("DROP TABLE `room`");
    await queryRunner.query("DROP INDEX `IDX_2a7b5fc69848cbcf35a0bc86bc` ON `school`");
    await queryRunner.query("DROP INDEX `IDX_15fd394811783a8d1b3d89715d` ON `school`");
    await queryRunner.query("DROP INDEX `IDX_b53c7b42deffe80b5d38b1c3aa` ON `school`");
    await queryRunner.query("DROP TABLE `school`");
    await queryRunner.query("DROP INDEX `IDX_e7332d2d062084a544895f4abf` ON `commune`");
    await queryRunner.query("DROP TABLE `commune`");
    await queryRunner.query("DROP INDEX `IDX_f47323c70f518a331f38e1b968` ON `circonscription`");
    await queryRunner.query("DROP TABLE `circonscription`");
    await queryRunner.query("DROP INDEX `IDX_2396349f385cc5cb5ebbaeee66` ON `academy`");
    await queryRunner.query("DROP TABLE `academy`");
  }
}
