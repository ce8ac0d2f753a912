import type { DataSource } from 'typeorm';
import { engineOf } from './data-source';

/** How long a process waits for another one's migrations before giving up. */
const MIGRATION_LOCK_SECONDS = 600;
/** Lock names are server-wide: the database's name keeps two installations on one server apart. */
const LOCK_NAME = "CONCAT('preau_migrations:', DATABASE())";

/**
 * Runs pending migrations, one transaction each. On SQLite, foreign keys are switched off
 * around them (table rebuilds would otherwise cascade) and checked once they are done.
 * On MariaDB, several server processes may start together after an upgrade: they take turns
 * (a named lock of the database), and the later ones find nothing left to run.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  return engineOf(dataSource) === 'sqlite' ? migrateSqlite(dataSource) : migrateMysql(dataSource);
}

const runPending = async (dataSource: DataSource) => (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);

async function migrateSqlite(dataSource: DataSource): Promise<string[]> {
  await dataSource.query('PRAGMA foreign_keys = OFF');
  try {
    const ran = await runPending(dataSource);
    const broken: unknown[] = await dataSource.query('PRAGMA foreign_key_check');
    if (broken.length > 0) throw new Error(`Migrations left ${broken.length} broken foreign keys`);
    return ran;
  } finally {
    await dataSource.query('PRAGMA foreign_keys = ON');
  }
}

async function migrateMysql(dataSource: DataSource): Promise<string[]> {
  // GET_LOCK belongs to the connection that took it: one connection holds it throughout.
  const lockHolder = dataSource.createQueryRunner();
  try {
    const [{ got }] = await lockHolder.query(`SELECT GET_LOCK(${LOCK_NAME}, ?) AS got`, [MIGRATION_LOCK_SECONDS]);
    if (Number(got) !== 1) throw new Error(`Another Préau process has been migrating this database for ${MIGRATION_LOCK_SECONDS / 60} minutes: not starting`);
    try {
      return await runPending(dataSource);
    } finally {
      await lockHolder.query(`SELECT RELEASE_LOCK(${LOCK_NAME})`);
    }
  } finally {
    await lockHolder.release();
  }
}

/** SQL that would bring the migrated schema in line with the entities; empty when they agree. */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}
