import { DateTime } from 'luxon';
import { REPORT_TIME_ZONE, type ReportPeriod } from '@preau/shared';

/** The instants a period covers: from its first day's midnight to the midnight after its last day, Paris time. */
export function periodInstants(period: Pick<ReportPeriod, 'from' | 'to'>): { start: Date; end: Date } {
  const start = DateTime.fromISO(period.from, { zone: REPORT_TIME_ZONE }).startOf('day');
  const end = DateTime.fromISO(period.to, { zone: REPORT_TIME_ZONE }).plus({ days: 1 }).startOf('day');
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** Today's date in Paris, `YYYY-MM-DD`. */
export function parisDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: REPORT_TIME_ZONE }).toISODate()!;
}

/** `01/09/2025`, as French readers write a day. */
export function frenchDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/**
 * A datetime as a raw query returns it: mysql2 gives a Date (read as UTC), SQLite the stored
 * UTC text `YYYY-MM-DD HH:MM:SS(.SSS)`.
 */
export function rawInstant(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
}
