import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tickets1796099995196 implements MigrationInterface {
  name = 'Tickets1796099995196';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `ticket` (`id` int NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, `reference` varchar(20) NULL, `school_id` int NOT NULL, `commune_id` int NOT NULL, `circonscription_id` int NOT NULL, `equipment_id` int NULL, `category` varchar(20) NOT NULL, `title` varchar(150) NOT NULL, `description` text NOT NULL, `impact` varchar(20) NOT NULL, `urgency` varchar(10) NOT NULL, `priority` varchar(2) NOT NULL, `status` varchar(20) NOT NULL, `approval` varchar(20) NOT NULL, `level` int NOT NULL, `group_kind` varchar(30) NOT NULL, `group_organisation_id` int NULL, `group_external_name` varchar(150) NULL, `group_label` varchar(200) NOT NULL, `assignee_user_id` int NULL, `reporter_user_id` int NOT NULL, `availability` varchar(500) NULL, `routing_rule` varchar(200) NOT NULL, `routing_reason` varchar(1000) NOT NULL, `out_of_scope` tinyint NOT NULL DEFAULT 0, `clock_started_at` datetime NULL, `pauses` text NULL, `first_response_due_at` datetime NULL, `resolution_due_at` datetime NULL, `first_responded_at` datetime NULL, `resolved_at` datetime NULL, `closed_at` datetime NULL, `breach_warned_at` datetime NULL, `breached_at` datetime NULL, `rating` int NULL, `rating_comment` varchar(2000) NULL, `idempotency_key` varchar(100) NULL, INDEX `IDX_275529321f45de4f1a128a081d` (`status`, `resolution_due_at`), INDEX `IDX_a2737f884787dc53c54823b96c` (`equipment_id`, `status`), INDEX `IDX_73178be230513d6b5e813c05d7` (`commune_id`, `status`), INDEX `IDX_3e9926d9943d07dfc248adb1b3` (`school_id`, `status`), INDEX `IDX_d569975befcd6fd2123b39a68c` (`status`, `level`, `group_kind`, `group_organisation_id`), UNIQUE INDEX `IDX_4b024b790d3e32be8282ed5295` (`reporter_user_id`, `idempotency_key`), UNIQUE INDEX `IDX_99998d8d0b7bb1046051f15d5c` (`reference`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `ticket_event` (`id` int NOT NULL AUTO_INCREMENT, `ticket_id` int NOT NULL, `kind` varchar(20) NOT NULL, `at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `actor_user_id` int NULL, `actor_label` varchar(150) NOT NULL, `body` text NULL, `internal` tinyint NOT NULL DEFAULT 0, `from_value` varchar(200) NULL, `to_value` varchar(200) NULL, `rule` varchar(200) NULL, INDEX `IDX_4a2cf777db1f398252ae8ce6db` (`ticket_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `commune_ticket_settings` (`commune_id` int NOT NULL, `require_director_approval` tinyint NOT NULL DEFAULT 0, `calendar` text NULL, `targets` text NULL, `reopen_days` int NOT NULL DEFAULT '7', `auto_close_days` int NOT NULL DEFAULT '5', PRIMARY KEY (`commune_id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `ticket_event` ADD CONSTRAINT `FK_458e163b194e4dffced5a0a6b82` FOREIGN KEY (`ticket_id`) REFERENCES `ticket`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `ticket_event` DROP FOREIGN KEY `FK_458e163b194e4dffced5a0a6b82`");
    await queryRunner.query("DROP TABLE `commune_ticket_settings`");
    await queryRunner.query("DROP INDEX `IDX_4a2cf777db1f398252ae8ce6db` ON `ticket_event`");
    await queryRunner.query("DROP TABLE `ticket_event`");
    await queryRunner.query("DROP INDEX `IDX_99998d8d0b7bb1046051f15d5c` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_4b024b790d3e32be8282ed5295` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_d569975befcd6fd2123b39a68c` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_3e9926d9943d07dfc248adb1b3` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_73178be230513d6b5e813c05d7` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_a2737f884787dc53c54823b96c` ON `ticket`");
    await queryRunner.query("DROP INDEX `IDX_275529321f45de4f1a128a081d` ON `ticket`");
    await queryRunner.query("DROP TABLE `ticket`");
  }
}
