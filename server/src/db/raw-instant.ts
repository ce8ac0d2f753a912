/**
 * A datetime as a raw query returns it: mysql2 gives a Date (read as UTC), SQLite the stored
 * UTC text `YYYY-MM-DD HH:MM:SS(.SSS)`.
 */
export function rawInstant(value: Date | string): Date;
export function rawInstant(value: Date | string | null | undefined): Date | null;
export function rawInstant(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
}
