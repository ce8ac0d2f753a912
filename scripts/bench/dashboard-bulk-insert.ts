import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Multi-row parameterised INSERTs of one entity's rows, written as plain SQL. TypeORM's insert
 * builder prepares every value on its own and wrote 200,000 tickets in 40 to 70 s here; the
 * scale data has five times as many, so rows go straight to the driver, named by the entity's
 * metadata (a renamed column still fails loudly). Values are converted as TypeORM stores them:
 * instants as UTC `YYYY-MM-DD HH:MM:SS.mmm`, booleans as 1 or 0, everything else as given.
 */
export class BulkInsert<E extends ObjectLiteral, K extends keyof E & string> {
  private readonly table: string;
  private readonly columns: string[];
  private readonly sql: string;
  private readonly rowsPerStatement: number;
  private readonly pending: unknown[] = [];
  private rows = 0;
  /** Rows sent to the database so far. */
  written = 0;

  constructor(
    private readonly manager: EntityManager,
    entity: EntityTarget<E>,
    private readonly properties: readonly K[],
  ) {
    const metadata = manager.connection.getMetadata(entity);
    const driver = manager.connection.driver;
    this.table = driver.escape(metadata.tableName);
    this.columns = properties.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      return driver.escape(column.databaseName);
    });
    // SQLite binds at most 32,766 parameters a statement; 1,000 rows stay far below MariaDB's packet limit.
    this.rowsPerStatement = Math.max(1, Math.min(1000, Math.floor(30_000 / this.columns.length)));
    this.sql = this.statement(this.rowsPerStatement);
  }

  /** Queues a row; every full statement's worth is sent at once. */
  add(row: Pick<E, K>): Promise<void> | undefined {
    for (const property of this.properties) this.pending.push(toSqlValue(row[property]));
    if (++this.rows === this.rowsPerStatement) return this.flush();
    return undefined;
  }

  /** Sends what is queued. */
  async flush(): Promise<void> {
    if (this.rows === 0) return;
    const sql = this.rows === this.rowsPerStatement ? this.sql : this.statement(this.rows);
    const parameters = this.pending.splice(0);
    this.written += this.rows;
    this.rows = 0;
    await this.manager.query(sql, parameters);
  }

  private statement(rows: number): string {
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  }
}

/** Writes every row, then what is left queued; returns how many. */
export async function insertAll<E extends ObjectLiteral, K extends keyof E & string>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  properties: readonly K[],
  rows: Iterable<Pick<E, K>>,
): Promise<number> {
  const insert = new BulkInsert(manager, entity, properties);
  for (const row of rows) await insert.add(row);
  await insert.flush();
  return insert.written;
}

/** The string TypeORM writes for a `datetime` column on both engines: UTC `YYYY-MM-DD HH:MM:SS.mmm`. */
function sqlDateTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

function toSqlValue(value: unknown): unknown {
  if (value instanceof Date) return sqlDateTime(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}
