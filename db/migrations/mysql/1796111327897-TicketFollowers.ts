import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketFollowers1796111327897 implements MigrationInterface {
  name = 'TicketFollowers1796111327897';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `ticket_follower` (`id` int NOT NULL AUTO_INCREMENT, `ticket_id` int NOT NULL, `user_id` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_d841bd80bc8a54a48df9b86a54` (`user_id`), UNIQUE INDEX `IDX_1ad6721a82b487290b6ff2d526` (`ticket_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `ticket_follower` ADD CONSTRAINT `FK_0672e3d6abf998830c6ca6f0b48` FOREIGN KEY (`ticket_id`) REFERENCES `ticket`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `ticket_follower` ADD CONSTRAINT `FK_d841bd80bc8a54a48df9b86a541` FOREIGN KEY (`user_id`) REFERENCES `user_account`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ticket_follower` DROP FOREIGN KEY `FK_d841bd80bc8a54a48df9b86a541`");
    await queryRunner.query("ALTER TABLE `ticket_follower` DROP FOREIGN KEY `FK_0672e3d6abf998830c6ca6f0b48`");
    await queryRunner.query("DROP INDEX `IDX_1ad6721a82b487290b6ff2d526` ON `ticket_follower`");
    await queryRunner.query("DROP INDEX `IDX_d841bd80bc8a54a48df9b86a54` ON `ticket_follower`");
    await queryRunner.query("DROP TABLE `ticket_follower`");
  }
}
