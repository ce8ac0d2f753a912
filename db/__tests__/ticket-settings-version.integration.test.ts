import { describeEachEngine } from '../../test/support/databases';
import { TicketSettingsVersion1796173455807 as MysqlMigration } from '../migrations/mysql/1796173455807-TicketSettingsVersion';
import { TicketSettingsVersion1796173455807 as SqliteMigration } from '../migrations/sqlite/1796173455807-TicketSettingsVersion';

/** Settings saved before versions existed must not read as "nothing stored" (version 0). */
describeEachEngine('ticket settings version migration', (db) => {
  it('gives the settings a commune saved before it version 1, and keeps them', async () => {
    const { dataSource, engine } = db();
    const migration = engine === 'sqlite' ? new SqliteMigration() : new MysqlMigration();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await runner.query('INSERT INTO commune_ticket_settings (commune_id, require_director_approval, reopen_days, auto_close_days) VALUES (?, ?, ?, ?)', [424242, 1, 3, 9]);
      await migration.up(runner);
      const rows: Record<string, unknown>[] = await runner.query('SELECT * FROM commune_ticket_settings WHERE commune_id = ?', [424242]);
      expect(rows.map((row) => [Number(row.version), Number(row.require_director_approval), Number(row.reopen_days), Number(row.auto_close_days)])).toEqual([[1, 1, 3, 9]]);
      // The table as the test found it.
      await runner.query('DELETE FROM commune_ticket_settings WHERE commune_id = ?', [424242]);
    } finally {
      await runner.release();
    }
  });
});
