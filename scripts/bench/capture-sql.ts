import type { Logger } from 'typeorm';

/** One statement exactly as TypeORM sent it to the driver. */
export interface CapturedQuery {
  sql: string;
  /** Integers are BigInts on SQLite: the app binds them so (see data-source.ts). */
  parameters: (string | number | bigint | null)[];
}

/**
 * A TypeORM logger that records statements while `recording` is on and does nothing
 * otherwise. Installed in the app's own data source, it shows the SQL a request really ran.
 */
export class CapturingLogger implements Logger {
  private recorded: CapturedQuery[] | null = null;

  start(): void {
    this.recorded = [];
  }

  stop(): CapturedQuery[] {
    const recorded = this.recorded ?? [];
    this.recorded = null;
    return recorded;
  }

  logQuery(query: string, parameters?: unknown[] | object): void {
    if (!this.recorded) return;
    this.recorded.push({ sql: query, parameters: Array.isArray(parameters) ? (parameters as CapturedQuery['parameters']) : [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * The statements of the equipment list itself: the page's SELECT and its COUNT, both
 * `FROM equipment e`. Whatever else a request runs (loading who is signed in, a token
 * lookup) is left out: the baseline stands for the list, not for the whole app.
 */
export function listStatements(queries: CapturedQuery[]): CapturedQuery[] {
  return queries.filter((query) => /^\s*SELECT\b/i.test(query.sql) && /\bFROM\s+["`]equipment["`]\s+["`]e["`]/i.test(query.sql));
}
