import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../server/src/config';
import { openDataSource } from '../../server/src/db/data-source';
import { MYSQL_BENCH_DATABASE } from './settings';

export type BenchEngine = 'sqlite' | 'mariadb';

/** An empty database for one engine, and how to point the app at it. */
export interface BenchDatabase {
  engine: BenchEngine;
  /** For messages: engine, version, where. */
  label: string;
  config: DatabaseConfig;
  /**
   * The environment under which `loadConfig` finds this database; DATA_DIR is always a
   * temporary folder, so the app under test writes nothing into the repository.
   */
  appEnv: Record<string, string>;
  drop(): Promise<void>;
}

/** A SQLite file in a fresh temporary folder, named as the app names its embedded database. */
const temporaryFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-'));

export function createSqliteDatabase(): BenchDatabase {
  const dir = temporaryFolder();
  const file = path.join(dir, 'preau.sqlite');
  return {
    engine: 'sqlite',
    label: `SQLite ${file}`,
    config: { engine: 'sqlite', file },
    appEnv: { DATA_DIR: dir },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A throwaway database (`preau_bench` unless named) on the MariaDB server at `serverUrl` (left over from
 * an interrupted run, it is dropped first). Returns the reason instead when the server cannot be used.
 */
export async function createMariaDbDatabase(serverUrl: string, name = MYSQL_BENCH_DATABASE): Promise<BenchDatabase | { skipped: string }> {
  let admin: mysql.Connection;
  try {
    admin = await mysql.createConnection({ uri: serverUrl, connectTimeout: 5000 });
  } catch (error) {
    return { skipped: `cannot connect to ${redact(serverUrl)}: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const [rows] = await admin.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    const version = String(rows[0]?.version);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const dir = temporaryFolder();
    return {
      engine: 'mariadb',
      label: `${version.includes('MariaDB') ? 'MariaDB' : 'MySQL'} ${version} ${redact(url.toString())}`,
      config: { engine: 'mysql', url: url.toString() },
      appEnv: { DATABASE_URL: url.toString(), DATA_DIR: dir },
      drop: async () => {
        fs.rmSync(dir, { recursive: true, force: true });
        const cleanup = await mysql.createConnection(serverUrl);
        try {
          await cleanup.query(`DROP DATABASE IF EXISTS \`${name}\``);
        } finally {
          await cleanup.end();
        }
      },
    };
  } catch (error) {
    return { skipped: `cannot create ${name} on ${redact(serverUrl)}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await admin.end();
  }
}

/** Runs `work` on a data source of its own over `database`, closed whatever happens. */
export async function withDataSource<T>(database: Pick<BenchDatabase, 'config'>, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await openDataSource(database.config);
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
