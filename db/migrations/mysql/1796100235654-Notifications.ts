import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796100235654 implements MigrationInterface {
  name = 'Notifications1796100235654';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `notification` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `ticket_id` int NULL, `kind` varchar(30) NOT NULL, `title` varchar(300) NOT NULL, `body` text NOT NULL, `link` varchar(200) NULL, `read_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_709570ea23197bf75890da5a6a` (`user_id`, `read_at`), INDEX `IDX_5259f9d159d642912658da4676` (`user_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `notification_dispatch` (`ticket_event_id` int NOT NULL, `dispatched_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`ticket_event_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `external_contact` (`id` int NOT NULL AUTO_INCREMENT, `kind` varchar(30) NOT NULL, `name` varchar(150) NULL, `commune_id` int NULL, `academy_id` int NULL, `email` varchar(254) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_ed8a77c66ce96d32f6eeddd08e` (`kind`, `academy_id`), INDEX `IDX_c0cbdb09d10824fc627850b603` (`kind`, `commune_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `notification` ADD CONSTRAINT `FK_928b7aa1754e08e1ed7052cb9d8` FOREIGN KEY (`user_id`) REFERENCES `user_account`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `notification` ADD CONSTRAINT `FK_e38046bbec1c49b3f10f74acef3` FOREIGN KEY (`ticket_id`) REFERENCES `ticket`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `notification_dispatch` ADD CONSTRAINT `FK_78cb82ced9ca1c1e1070f614a02` FOREIGN KEY (`ticket_event_id`) REFERENCES `ticket_event`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `external_contact` ADD CONSTRAINT `FK_5a1573e9549f610c9714d599400` FOREIGN KEY (`commune_id`) REFERENCES `commune`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `external_contact` ADD CONSTRAINT `FK_c1f377061761ddb101c5240e061` FOREIGN KEY (`academy_id`) REFERENCES `academy`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    // The timeline before notifications existed is history: nobody is notified of it now.
    await queryRunner.query("INSERT INTO `notification_dispatch` (`ticket_event_id`) SELECT `id` FROM `ticket_event`");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `external_contact` DROP FOREIGN KEY `FK_c1f377061761ddb101c5240e061`");
    await queryRunner.query("ALTER TABLE `external_contact` DROP FOREIGN KEY `FK_5a1573e9549f610c9714d599400`");
    await queryRunner.query("ALTER TABLE `notification_dispatch` DROP FOREIGN KEY `FK_78cb82ced9ca1c1e1070f614a02`");
    await queryRunner.query("ALTER TABLE `notification` DROP FOREIGN KEY `FK_e38046bbec1c49b3f10f74acef3`");
    await queryRunner.query("ALTER TABLE `notification` DROP FOREIGN KEY `FK_928b7aa1754e08e1ed7052cb9d8`");
    await queryRunner.query("DROP INDEX `IDX_c0cbdb09d10824fc627850b603` ON `external_contact`");
    await queryRunner.query("DROP INDEX `IDX_ed8a77c66ce96d32f6eeddd08e` ON `external_contact`");
    await queryRunner.query("DROP TABLE `external_contact`");
    await queryRunner.query("DROP TABLE `notification_dispatch`");
    await queryRunner.query("DROP INDEX `IDX_5259f9d159d642912658da4676` ON `notification`");
    await queryRunner.query("DROP INDEX `IDX_709570ea23197bf75890da5a6a` ON `notification`");
    await queryRunner.query("DROP TABLE `notification`");
  }
}
