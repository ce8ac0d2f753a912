import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../server/src/config';
import { openDataSource } from '../../server/src/db/data-source';
import { migrate } from '../../server/src/db/migrate';

export type Engine = 'sqlite' | 'mysql';

/** MariaDB server for database tests, without a database name: each test file gets its own. */
export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL?.replace(/\/+$/, '');

/** Marker the test runner looks for to explain skipped tests. */
export const MYSQL_SKIP_LABEL = 'MariaDB skipped: TEST_MYSQL_URL not set';

export interface TestDatabase {
  engine: Engine;
  config: DatabaseConfig;
  dataSource: DataSource;
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database of the given engine. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-test-'));
    const config: DatabaseConfig = { engine, file: path.join(dir, 'test.sqlite') };
    const dataSource = await openDataSource(config);
    await migrate(dataSource);
    return {
      engine,
      config,
      dataSource,
      drop: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_MYSQL_URL) throw new Error(MYSQL_SKIP_LABEL);
  const name = `preau_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await mysql.createConnection(TEST_MYSQL_URL);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const config: DatabaseConfig = { engine, url: `${TEST_MYSQL_URL}/${name}` };
  const dataSource = await openDataSource(config);
  await migrate(dataSource);
  return {
    engine,
    config,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      const cleanup = await mysql.createConnection(TEST_MYSQL_URL);
      await cleanup.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await cleanup.end();
    },
  };
}

/**
 * Declares the same suite once per engine: always on SQLite, on MariaDB when TEST_MYSQL_URL
 * is set. Without it the MariaDB copy is declared skipped, so the runner can say so plainly.
 */
export function describeEachEngine(name: string, suite: (db: () => TestDatabase) => void): void {
  for (const engine of ['sqlite', 'mysql'] as const) {
    const title = `${name} [${engine}]`;
    if (engine === 'mysql' && !TEST_MYSQL_URL) {
      describe.skip(`${title} (${MYSQL_SKIP_LABEL})`, () => {
        let unused: TestDatabase | undefined;
        suite(() => unused as TestDatabase);
      });
      continue;
    }
    describe(title, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.drop();
      });
      suite(() => {
        if (!database) throw new Error('test database not ready');
        return database;
      });
    });
  }
}
