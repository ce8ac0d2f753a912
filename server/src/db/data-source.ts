import { AsyncLocalStorage } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions, type ObjectLiteral } from 'typeorm';
import type { DatabaseConfig } from '../config';
import { SnakeNamingStrategy } from './naming-strategy';
import { ENTITIES } from './entities';
import { SQLITE_MIGRATIONS } from '../../../db/migrations/sqlite';
import { MYSQL_MIGRATIONS } from '../../../db/migrations/mysql';

/**
 * Builds (does not open) the DataSource for the configured engine. On a MySQL URL, pass
 * `flavor: 'mariadb'` for a MariaDB server: TypeORM reads MariaDB's catalogue differently.
 */
export function createDataSource(database: DatabaseConfig, flavor: 'mysql' | 'mariadb' = 'mysql'): DataSource {
  const common = {
    entities: ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Failures surface as exceptions handled (and logged once) by the error middleware.
    logging: false,
  } satisfies Partial<DataSourceOptions>;

  if (database.engine === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: database.file,
      enableWAL: true,
      // Several processes may share the file (server + seed script); wait rather than fail.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
      migrations: SQLITE_MIGRATIONS,
    });
    serialiseTransactions(sqlite);
    bindIntegers(sqlite);
    return sqlite;
  }
  const dataSource = new DataSource({
    ...common,
    type: flavor,
    url: database.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: ['DATE'],
    poolSize: 20,
    migrations: MYSQL_MIGRATIONS,
  });
  sessionsInUtc(dataSource);
  return dataSource;
}

/**
 * `timezone: 'Z'` only tells mysql2 how to convert dates; column defaults (CURRENT_TIMESTAMP)
 * follow the session's time zone. Every pooled connection is set to UTC so both agree.
 */
function sessionsInUtc(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { createPool(options: unknown): Promise<PoolEvents> };
  const createPool = driver.createPool.bind(driver);
  driver.createPool = async (options) => {
    const pool = await createPool(options);
    pool.on('connection', (connection) => connection.query("SET time_zone = '+00:00'"));
    return pool;
  };
}

interface PoolEvents {
  on(event: 'connection', listener: (connection: { query(sql: string): unknown }) => void): unknown;
}

/** Asks a MySQL-protocol server whether it is MariaDB. */
async function detectFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.version).includes('MariaDB') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** Creates and opens the DataSource, choosing the MySQL or MariaDB dialect from the server itself. */
export async function openDataSource(database: DatabaseConfig): Promise<DataSource> {
  const flavor = database.engine === 'mysql' ? await detectFlavor(database.url) : 'mysql';
  return createDataSource(database, flavor).initialize();
}

const insideTransaction = new AsyncLocalStorage<true>();

/**
 * better-sqlite3 has one connection per database, so two transactions of concurrent requests
 * would share it and fail ("cannot start a transaction within a transaction"). Top-level
 * transactions therefore run one after the other; nested calls run within the current one.
 *
 * Each waits for a turn of the event loop first. better-sqlite3 answers synchronously, so without
 * that a busy server would run every queued transaction in one turn, and Node accepts a single
 * new connection per turn: under load, a client opening a connection waited seconds for it.
 */
function serialiseTransactions(dataSource: DataSource): void {
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    if (insideTransaction.getStore()) return transaction(...args);
    const run = queue.then(nextTurn).then(() => insideTransaction.run(true, () => transaction(...args)));
    queue = run.catch(() => undefined);
    return run;
  }) as typeof manager.transaction;
}

/**
 * TypeORM's SQLite driver writes number parameters into the SQL text (`WHERE id = 27`), so
 * every id makes a new statement and better-sqlite3 compiles it again: a tenth of the server's
 * time under load. Integers are bound instead, as BigInt: better-sqlite3 binds a JS number as
 * REAL (a text column would store '27.0'), a BigInt as INTEGER, which is what the inlined
 * literal meant. Results still come back as numbers.
 */
function bindIntegers(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql: string, parameters: ObjectLiteral) => {
    const bound = Object.fromEntries(
      Object.entries(parameters).map(([key, value]) => [key, typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value]),
    );
    return escape(sql, bound);
  };
}

/** The engine family as the API reports it: MariaDB counts as `mysql`. */
export function engineOf(dataSource: DataSource): 'sqlite' | 'mysql' {
  return dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}
