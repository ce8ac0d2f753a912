import type { DataSource } from 'typeorm';
import { engineOf } from './data-source';

/**
 * Runs pending migrations, one transaction each. On SQLite, foreign keys are switched off
 * around them (table rebuilds would otherwise cascade) and checked once they are done.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const sqlite = engineOf(dataSource) === 'sqlite';
  if (sqlite) await dataSource.query('PRAGMA foreign_keys = OFF');
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (sqlite) {
      const broken: unknown[] = await dataSource.query('PRAGMA foreign_key_check');
      if (broken.length > 0) throw new Error(`Migrations left ${broken.length} broken foreign keys`);
    }
    return ran.map((migration) => migration.name);
  } finally {
    if (sqlite) await dataSource.query('PRAGMA foreign_keys = ON');
  }
}

/** SQL that would bring the migrated schema in line with the entities; empty when they agree. */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
