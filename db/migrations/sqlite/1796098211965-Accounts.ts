import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1796098211965 implements MigrationInterface {
  name = 'Accounts1796098211965';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"membership\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"role\" varchar(20) NOT NULL, \"organisation_kind\" varchar(20) NOT NULL, \"organisation_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"IDX_616d1d5ac421f6695071abc2bd\" ON \"membership\" (\"organisation_kind\", \"organisation_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d2925c28193bfd76f663fed192\" ON \"membership\" (\"user_id\", \"role\", \"organisation_id\") ");
    await queryRunner.query("CREATE TABLE \"user_account\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"version\" integer NOT NULL, \"username\" varchar(60) NOT NULL, \"email\" varchar(254), \"display_name\" varchar(150) NOT NULL, \"password_hash\" varchar(255), \"disabled\" boolean NOT NULL DEFAULT (0), \"demo\" boolean NOT NULL DEFAULT (0), \"sso_subject\" varchar(255), \"last_login_at\" datetime)");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_76206035d3e631df360174ad92\" ON \"user_account\" (\"sso_subject\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_56a0e4bcec2b5411beafa47ffa\" ON \"user_account\" (\"email\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_3c4d4fae641bf9048ad324ee0d\" ON \"user_account\" (\"username\") ");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"name\" varchar(100) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"last_used_at\" datetime, \"expires_at\" datetime, \"revoked_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\" ON \"api_token\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\" ON \"api_token\" (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"http_session\" (\"sid\" varchar(64) PRIMARY KEY NOT NULL, \"data\" text NOT NULL, \"expires_at\" datetime NOT NULL, \"user_id\" integer)");
    await queryRunner.query("CREATE INDEX \"IDX_cfade81f79122909fa617188c9\" ON \"http_session\" (\"user_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c7d6e250210dc2f50a32df3ad7\" ON \"http_session\" (\"expires_at\") ");
    await queryRunner.query("CREATE TABLE \"audit_entry\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"at\" datetime NOT NULL DEFAULT (datetime('now')), \"actor_user_id\" integer, \"actor_label\" varchar(254) NOT NULL, \"ip\" varchar(45), \"action\" varchar(60) NOT NULL, \"target_type\" varchar(40), \"target_id\" integer, \"commune_id\" integer, \"details\" text)");
    await queryRunner.query("CREATE INDEX \"IDX_7a9e4f0b7b7717598108a7a66d\" ON \"audit_entry\" (\"target_type\", \"target_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_1a3580c6f45bcaa0bbef657fc0\" ON \"audit_entry\" (\"commune_id\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d25e9d6638b7fd5d91343d3ebe\" ON \"audit_entry\" (\"action\", \"ip\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d6f8fc0e21dbb1615cbaf60847\" ON \"audit_entry\" (\"action\", \"actor_label\", \"at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9d18bd4a32fc0cd8ff82b12037\" ON \"audit_entry\" (\"at\") ");
    await queryRunner.query("DROP INDEX \"IDX_616d1d5ac421f6695071abc2bd\"");
    await queryRunner.query("DROP INDEX \"IDX_d2925c28193bfd76f663fed192\"");
    await queryRunner.query("CREATE TABLE \"temporary_membership\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"role\" varchar(20) NOT NULL, \"organisation_kind\" varchar(20) NOT NULL, \"organisation_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT \"FK_e9c72e8d29784031c96f5c6af8d\" FOREIGN KEY (\"user_id\") REFERENCES \"user_account\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_membership\"(\"id\", \"user_id\", \"role\", \"organisation_kind\", \"organisation_id\", \"created_at\") SELECT \"id\", \"user_id\", \"role\", \"organisation_kind\", \"organisation_id\", \"created_at\" FROM \"membership\"");
    await queryRunner.query("DROP TABLE \"membership\"");
    await queryRunner.query("ALTER TABLE \"temporary_membership\" RENAME TO \"membership\"");
    await queryRunner.query("CREATE INDEX \"IDX_616d1d5ac421f6695071abc2bd\" ON \"membership\" (\"organisation_kind\", \"organisation_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d2925c28193bfd76f663fed192\" ON \"membership\" (\"user_id\", \"role\", \"organisation_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\"");
    await queryRunner.query("DROP INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\"");
    await queryRunner.query("CREATE TABLE \"temporary_api_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"name\" varchar(100) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"last_used_at\" datetime, \"expires_at\" datetime, \"revoked_at\" datetime, CONSTRAINT \"FK_1725c5ea908ff009f6ab3fa34fd\" FOREIGN KEY (\"user_id\") REFERENCES \"user_account\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_api_token\"(\"id\", \"user_id\", \"name\", \"prefix\", \"token_hash\", \"created_at\", \"last_used_at\", \"expires_at\", \"revoked_at\") SELECT \"id\", \"user_id\", \"name\", \"prefix\", \"token_hash\", \"created_at\", \"last_used_at\", \"expires_at\", \"revoked_at\" FROM \"api_token\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("ALTER TABLE \"temporary_api_token\" RENAME TO \"api_token\"");
    await queryRunner.query("CREATE INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\" ON \"api_token\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\" ON \"api_token\" (\"token_hash\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\"");
    await queryRunner.query("DROP INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\"");
    await queryRunner.query("ALTER TABLE \"api_token\" RENAME TO \"temporary_api_token\"");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"name\" varchar(100) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"last_used_at\" datetime, \"expires_at\" datetime, \"revoked_at\" datetime)");
    await queryRunner.query("INSERT INTO \"api_token\"(\"id\", \"user_id\", \"name\", \"prefix\", \"token_hash\", \"created_at\", \"last_used_at\", \"expires_at\", \"revoked_at\") SELECT \"id\", \"user_id\", \"name\", \"prefix\", \"token_hash\", \"created_at\", \"last_used_at\", \"expires_at\", \"revoked_at\" FROM \"temporary_api_token\"");
    await queryRunner.query("DROP TABLE \"temporary_api_token\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\" ON \"api_token\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\" ON \"api_token\" (\"user_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_d2925c28193bfd76f663fed192\"");
    await queryRunner.query("DROP INDEX \"IDX_616d1d5ac421f6695071abc2bd\"");
    await queryRunner.query("ALTER TABLE \"membership\" RENAME TO \"temporary_membership\"");
    await queryRunner.query("CREATE TABLE \"membership\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"role\" varchar(20) NOT NULL, \"organisation_kind\" varchar(20) NOT NULL, \"organisation_id\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"membership\"(\"id\", \"user_id\", \"role\", \"organisation_kind\", \"organisation_id\", \"created_at\") SELECT \"id\", \"user_id\", \"role\", \"organisation_kind\", \"organisation_id\", \"created_at\" FROM \"temporary_membership\"");
    await queryRunner.query("DROP TABLE \"temporary_membership\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_d2925c28193bfd76f663fed192\" ON \"membership\" (\"user_id\", \"role\", \"organisation_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_616d1d5ac421f6695071abc2bd\" ON \"membership\" (\"organisation_kind\", \"organisation_id\") ");
    await queryRunner.query("DROP INDEX \"IDX_9d18bd4a32fc0cd8ff82b12037\"");
    await queryRunner.query("DROP INDEX \"IDX_d6f8fc0e21dbb1615cbaf60847\"");
    await queryRunner.query("DROP INDEX \"IDX_d25e9d6638b7fd5d91343d3ebe\"");
    await queryRunner.query("DROP INDEX \"IDX_1a3580c6f45bcaa0bbef657fc0\"");
    await queryRunner.query("DROP INDEX \"IDX_7a9e4f0b7b7717598108a7a66d\"");
    await queryRunner.query("DROP TABLE \"audit_entry\"");
    await queryRunner.query("DROP INDEX \"IDX_c7d6e250210dc2f50a32df3ad7\"");
    await queryRunner.query("DROP INDEX \"IDX_cfade81f79122909fa617188c9\"");
    await queryRunner.query("DROP TABLE \"http_session\"");
    await queryRunner.query("DROP INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\"");
    await queryRunner.query("DROP INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("DROP INDEX \"IDX_3c4d4fae641bf9048ad324ee0d\"");
    await queryRunner.query("DROP INDEX \"IDX_56a0e4bcec2b5411beafa47ffa\"");
    await queryRunner.query("DROP INDEX \"IDX_76206035d3e631df360174ad92\"");
    await queryRunner.query("DROP TABLE \"user_account\"");
    await queryRunner.query("DROP INDEX \"IDX_d2925c28193bfd76f663fed192\"");
    await queryRunner.query("DROP INDEX \"IDX_616d1d5ac421f6695071abc2bd\"");
    await queryRunner.query("DROP TABLE \"membership\"");
  }
}
