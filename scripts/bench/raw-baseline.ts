import http from 'node:http';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../../server/src/config';
import type { CapturedQuery } from './capture-sql';

/**
 * The raw baseline: the statements the app runs for a list request, run through the bare
 * driver behind a bare `node:http` server, the rows sent back as JSON. No framework, no
 * ORM, no validation, no entity mapping: the most a Node process can do with that SQL.
 */

/** One list request the baseline answers: its query string and the app's statements for it. */
export interface RawRoute {
  /** Path and query string, exactly as requested. */
  url: string;
  /** The page's SELECT, then the COUNT when the app runs one. */
  queries: CapturedQuery[];
  page: number;
  pageSize: number;
}

/** The mysql2 pool options TypeORM uses for the app's data source. */
export interface RawMysqlOptions {
  connectionLimit: number;
  charset?: string;
  timezone?: string;
  dateStrings?: boolean | string[];
}

export interface RawSpec {
  database: DatabaseConfig;
  mysql?: RawMysqlOptions;
  routes: RawRoute[];
}

type Row = Record<string, unknown>;

interface Executor {
  /** Runs a route's statements in order, as TypeORM does: on one connection, one after the other. */
  run(route: RawRoute): Promise<Row[][]>;
  close(): Promise<void>;
}

function sqliteExecutor(file: string, routes: RawRoute[]): Executor {
  const db = new Database(file, { fileMustExist: true });
  // The app's data source sets these on its connection.
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const statements = new Map(routes.map((route) => [route, route.queries.map((query) => db.prepare(query.sql))]));
  return {
    run: async (route) => statements.get(route)!.map((statement, i) => statement.all(...route.queries[i]!.parameters) as Row[]),
    close: async () => {
      db.close();
    },
  };
}

function mysqlExecutor(url: string, options: RawMysqlOptions): Executor {
  // The same options TypeORM passes to mysql2 (MysqlDriver.createConnectionOptions), same pool size.
  const pool = mysql.createPool({
    uri: url,
    supportBigNumbers: true,
    bigNumberStrings: true,
    stringifyObjects: true,
    ...options,
    dateStrings: options.dateStrings as mysql.PoolOptions['dateStrings'],
  });
  return {
    run: async (route) => {
      const connection = await pool.getConnection();
      try {
        const results: Row[][] = [];
        for (const query of route.queries) {
          const [rows] = await connection.query<mysql.RowDataPacket[]>(query.sql, query.parameters);
          results.push(rows);
        }
        return results;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The page as the app shapes it: `{ items, total, page, pageSize }`, items being the raw joined rows. */
function pageBody(route: RawRoute, results: Row[][]): string {
  const [items = [], countRows] = results;
  const total = countRows ? Number(Object.values(countRows[0] ?? {})[0]) : items.length;
  return JSON.stringify({ items, total, page: route.page, pageSize: route.pageSize });
}

/** Starts the baseline on `host`, on a free port; resolves once it listens. */
export async function startRawServer(spec: RawSpec, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const executor =
    spec.database.engine === 'sqlite'
      ? sqliteExecutor(spec.database.file, spec.routes)
      : mysqlExecutor(spec.database.url, spec.mysql ?? { connectionLimit: 10 });
  const routes = new Map(spec.routes.map((route) => [route.url, route]));

  const server = http.createServer((req, res) => {
    const route = req.method === 'GET' ? routes.get(req.url ?? '') : undefined;
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    executor.run(route).then(
      (results) => {
        const body = pageBody(route, results);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('raw baseline: no TCP address');
  return {
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await executor.close();
    },
  };
}
