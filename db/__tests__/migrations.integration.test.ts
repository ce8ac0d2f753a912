import { describeEachEngine } from '../../test/support/databases';
import { schemaDrift } from '../../server/src/db/migrate';
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
