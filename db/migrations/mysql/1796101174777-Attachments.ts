import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1796101174777 implements MigrationInterface {
  name = 'Attachments1796101174777';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `ticket_attachment` (`id` int NOT NULL AUTO_INCREMENT, `ticket_id` int NOT NULL, `uploader_user_id` int NOT NULL, `original_name` varchar(200) NOT NULL, `media_type` varchar(20) NOT NULL, `byte_size` int NOT NULL, `width` int NOT NULL, `height` int NOT NULL, `storage_key` varchar(100) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `IDX_552457c63c0d2f20ee5df5160f` (`storage_key`), INDEX `IDX_c6d2c2c6fba78734176187f0bd` (`ticket_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `ticket_attachment` ADD CONSTRAINT `FK_26664df6b12d840fbf8945e1c41` FOREIGN KEY (`ticket_id`) REFERENCES `ticket`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `ticket_attachment` ADD CONSTRAINT `FK_48fdc6f8c335ed7dee1445fbb18` FOREIGN KEY (`uploader_user_id`) REFERENCES `user_account`(`id`) ON DELETE NO ACTION ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ticket_attachment` DROP FOREIGN KEY `FK_48fdc6f8c335ed7dee1445fbb18`");
    await queryRunner.query("ALTER TABLE `ticket_attachment` DROP FOREIGN KEY `FK_26664df6b12d840fbf8945e1c41`");
    await queryRunner.query("DROP INDEX `IDX_c6d2c2c6fba78734176187f0bd` ON `ticket_attachment`");
    await queryRunner.query("DROP INDEX `IDX_552457c63c0d2f20ee5df5160f` ON `ticket_attachment`");
    await queryRunner.query("DROP TABLE `ticket_attachment`");
  }
}
