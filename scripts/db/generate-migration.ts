/**
 * Writes a migration for both engines from the difference between the entities and the
 * schema the existing migrations produce, with one timestamp and name:
 *   npm run migration:generate -- AddTickets
 * Needs MariaDB (MIGRATION_MYSQL_URL, default mysql://root@127.0.0.1:3306) to diff the MySQL side.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../../server/src/config';
import { openDataSource } from '../../server/src/db/data-source';
import { migrate } from '../../server/src/db/migrate';

const ROOT = path.resolve(__dirname, '../..');

function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function diff(database: DatabaseConfig): Promise<{ up: string[]; down: string[] }> {
  const dataSource = await openDataSource(database);
  try {
    await migrate(dataSource);
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return { up: sql.upQueries.map((q) => q.query), down: sql.downQueries.map((q) => q.query).reverse() };
  } finally {
    await dataSource.destroy();
  }
}

function register(engine: 'sqlite' | 'mysql', fileBase: string, className: string): void {
  const indexFile = path.join(ROOT, 'db/migrations', engine, 'index.ts');
  let index = fs.readFileSync(indexFile, 'utf8');
  index = `import { ${className} } from './${fileBase}';\n` + index;
  index = index.replace(/= \[([^\]]*)\];/, (_m, list: string) => {
    const items = list.split(',').map((s) => s.trim()).filter(Boolean);
    return `= [${[...items, className].join(', ')}];`;
  });
  fs.writeFileSync(indexFile, index);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Usage: generate-migration <PascalCaseName>');
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const fileBase = `${timestamp}-${name}`;

  const sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preau-gen-')), 'gen.sqlite');
  const sqlite = await diff({ engine: 'sqlite', file: sqliteFile });

  const serverUrl = process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const database = `preau_gen_${timestamp}`;
  const admin = await mysql.createConnection(serverUrl);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  let mysqlDiff: { up: string[]; down: string[] };
  try {
    mysqlDiff = await diff({ engine: 'mysql', url: `${serverUrl.replace(/\/$/, '')}/${database}` });
  } finally {
    await admin.query(`DROP DATABASE \`${database}\``);
    await admin.end();
  }

  if (sqlite.up.length === 0 && mysqlDiff.up.length === 0) {
    console.log('No schema change: nothing to generate.');
    return;
  }
  for (const [engine, sql] of [['sqlite', sqlite], ['mysql', mysqlDiff]] as const) {
    const file = path.join(ROOT, 'db/migrations', engine, `${fileBase}.ts`);
    fs.writeFileSync(file, render(className, sql.up, sql.down));
    register(engine, fileBase, className);
    console.log(`wrote ${path.relative(ROOT, file)} (${sql.up.length} statements)`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
