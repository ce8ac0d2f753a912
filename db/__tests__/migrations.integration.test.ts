import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { MYSQL_SKIP_LABEL, TEST_MYSQL_URL, describeEachEngine } from '../../test/support/databases';
import { openDataSource } from '../../server/src/db/data-source';
import { migrate, schemaDrift } from '../../server/src/db/migrate';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite';
import { MYSQL_MIGRATIONS } from '../migrations/mysql';

describe('migrations', () => {
  it('exist with the same names, in the same order, for both engines', () => {
    expect(SQLITE_MIGRATIONS.map((m) => m.name)).toEqual(MYSQL_MIGRATIONS.map((m) => m.name));
    const timestamps = SQLITE_MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]));
    expect(timestamps).toEqual([...timestamps].sort((a, b) => a - b));
  });
});

describeEachEngine('migrated schema', (db) => {
  it('matches the entities exactly (no drift)', async () => {
    expect(await schemaDrift(db().dataSource)).toEqual([]);
  });

  it('records every migration as run', async () => {
    const ran: { name: string }[] = await db().dataSource.query('SELECT name FROM migrations ORDER BY id');
    const expected = (db().engine === 'sqlite' ? SQLITE_MIGRATIONS : MYSQL_MIGRATIONS).map((m) => m.name);
    expect(ran.map((row) => row.name)).toEqual(expected);
  });
});

const RACE_TITLE = 'migrations started by two processes at once on MariaDB';
(TEST_MYSQL_URL ? describe : describe.skip)(TEST_MYSQL_URL ? RACE_TITLE : `${RACE_TITLE} (${MYSQL_SKIP_LABEL})`, () => {
  const name = `preau_t_race_${process.pid}`;
  const sources: DataSource[] = [];

  afterAll(async () => {
    await Promise.all(sources.filter((source) => source.isInitialized).map((source) => source.destroy()));
    const admin = await mysql.createConnection(TEST_MYSQL_URL!);
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  });

  it('take turns: one runs them all, the other finds nothing left, and both start', async () => {
    const admin = await mysql.createConnection(TEST_MYSQL_URL!);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const config = { engine: 'mysql' as const, url: `${TEST_MYSQL_URL}/${name}` };
    sources.push(await openDataSource(config), await openDataSource(config));

    // Before the lock, the second process failed to start: "Table 'migrations' already exists".
    const ran = await Promise.all(sources.map((source) => migrate(source)));
    expect(ran.map((names) => names.length).sort((a, b) => a - b)).toEqual([0, MYSQL_MIGRATIONS.length]);
    const twice: unknown[] = await sources[0]!.query('SELECT name FROM migrations GROUP BY name HAVING COUNT(*) > 1');
    expect(twice).toEqual([]);
    expect(await schemaDrift(sources[1]!)).toEqual([]);
  });
});
