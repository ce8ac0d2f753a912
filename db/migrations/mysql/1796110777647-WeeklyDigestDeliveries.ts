import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WeeklyDigestDeliveries1796110777647 implements MigrationInterface {
  name = 'WeeklyDigestDeliveries1796110777647';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `digest_delivery` (`user_id` int NOT NULL, `period` varchar(10) NOT NULL, `sent_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`user_id`, `period`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `digest_delivery` ADD CONSTRAINT `FK_e3e90163f98c88fbb497b8b32a7` FOREIGN KEY (`user_id`) REFERENCES `user_account`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `digest_delivery` DROP FOREIGN KEY `FK_e3e90163f98c88fbb497b8b32a7`");
    await queryRunner.query("DROP TABLE `digest_delivery`");
  }
}
