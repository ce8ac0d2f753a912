import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1796098211965 implements MigrationInterface {
  name = 'Accounts1796098211965';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `membership` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `role` varchar(20) NOT NULL, `organisation_kind` varchar(20) NOT NULL, `organisation_id` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `IDX_616d1d5ac421f6695071abc2bd` (`organisation_kind`, `organisation_id`), UNIQUE INDEX `IDX_d2925c28193bfd76f663fed192` (`user_id`, `role`, `organisation_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `user_account` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `username` varchar(60) NOT NULL, `email` varchar(254) NULL, `display_name` varchar(150) NOT NULL, `password_hash` varchar(255) NULL, `disabled` tinyint NOT NULL DEFAULT 0, `demo` tinyint NOT NULL DEFAULT 0, `sso_subject` varchar(255) NULL, `last_login_at` datetime NULL, UNIQUE INDEX `IDX_76206035d3e631df360174ad92` (`sso_subject`), UNIQUE INDEX `IDX_56a0e4bcec2b5411beafa47ffa` (`email`), UNIQUE INDEX `IDX_3c4d4fae641bf9048ad324ee0d` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `api_token` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `name` varchar(100) NOT NULL, `prefix` varchar(16) NOT NULL, `token_hash` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `last_used_at` datetime NULL, `expires_at` datetime NULL, `revoked_at` datetime NULL, INDEX `IDX_1725c5ea908ff009f6ab3fa34f` (`user_id`), UNIQUE INDEX `IDX_bafaa5aab5957cd193fb2da8f2` (`token_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `http_session` (`sid` varchar(64) NOT NULL, `data` text NOT NULL, `expires_at` datetime NOT NULL, `user_id` int NULL, INDEX `IDX_cfade81f79122909fa617188c9` (`user_id`), INDEX `IDX_c7d6e250210dc2f50a32df3ad7` (`expires_at`), PRIMARY KEY (`sid`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `audit_entry` (`id` int NOT NULL AUTO_INCREMENT, `at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `actor_user_id` int NULL, `actor_label` varchar(254) NOT NULL, `ip` varchar(45) NULL, `action` varchar(60) NOT NULL, `target_type` varchar(40) NULL, `target_id` int NULL, `commune_id` int NULL, `details` text NULL, INDEX `IDX_7a9e4f0b7b7717598108a7a66d` (`target_type`, `target_id`), INDEX `IDX_1a3580c6f45bcaa0bbef657fc0` (`commune_id`, `at`), INDEX `IDX_d25e9d6638b7fd5d91343d3ebe` (`action`, `ip`, `at`), INDEX `IDX_d6f8fc0e21dbb1615cbaf60847` (`action`, `actor_label`, `at`), INDEX `IDX_9d18bd4a32fc0cd8ff82b12037` (`at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `membership` ADD CONSTRAINT `FK_e9c72e8d29784031c96f5c6af8d` FOREIGN KEY (`user_id`) REFERENCES `user_account`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `api_token` ADD CONSTRAINT `FK_1725c5ea908ff009f6ab3fa34fd` FOREIGN KEY (`user_id`) REFERENCES `user_account`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `api_token` DROP FOREIGN KEY `FK_1725c5ea908ff009f6ab3fa34fd`");
    await queryRunner.query("ALTER TABLE `membership` DROP FOREIGN KEY `FK_e9c72e8d29784031c96f5c6af8d`");
    await queryRunner.query("DROP INDEX `IDX_9d18bd4a32fc0cd8ff82b12037` ON `audit_entry`");
    await queryRunner.query("DROP INDEX `IDX_d6f8fc0e21dbb1615cbaf60847` ON `audit_entry`");
    await queryRunner.query("DROP INDEX `IDX_d25e9d6638b7fd5d91343d3ebe` ON `audit_entry`");
    await queryRunner.query("DROP INDEX `IDX_1a3580c6f45bcaa0bbef657fc0` ON `audit_entry`");
    await queryRunner.query("DROP INDEX `IDX_7a9e4f0b7b7717598108a7a66d` ON `audit_entry`");
    await queryRunner.query("DROP TABLE `audit_entry`");
    await queryRunner.query("DROP INDEX `IDX_c7d6e250210dc2f50a32df3ad7` ON `http_session`");
    await queryRunner.query("DROP INDEX `IDX_cfade81f79122909fa617188c9` ON `http_session`");
    await queryRunner.query("DROP TABLE `http_session`");
    await queryRunner.query("DROP INDEX `IDX_bafaa5aab5957cd193fb2da8f2` ON `api_token`");
    await queryRunner.query("DROP INDEX `IDX_1725c5ea908ff009f6ab3fa34f` ON `api_token`");
    await queryRunner.query("DROP TABLE `api_token`");
    await queryRunner.query("DROP INDEX `IDX_3c4d4fae641bf9048ad324ee0d` ON `user_account`");
    await queryRunner.query("DROP INDEX `IDX_56a0e4bcec2b5411beafa47ffa` ON `user_account`");
    await queryRunner.query("DROP INDEX `IDX_76206035d3e631df360174ad92` ON `user_account`");
    await queryRunner.query("DROP TABLE `user_account`");
    await queryRunner.query("DROP INDEX `IDX_d2925c28193bfd76f663fed192` ON `membership`");
    await queryRunner.query("DROP INDEX `IDX_616d1d5ac421f6695071abc2bd` ON `membership`");
    await queryRunner.query("DROP TABLE `membership`");
  }
}
