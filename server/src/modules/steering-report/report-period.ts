import { DateTime } from 'luxon';
import { REPORTING_TIME_ZONE, type ReportPeriod } from '@preau/shared';

/** The instants a period covers: from its first day's midnight to the midnight after its last day, Paris time. */
export function periodInstants(period: Pick<ReportPeriod, 'from' | 'to'>): { start: Date; end: Date } {
  const start = DateTime.fromISO(period.from, { zone: REPORTING_TIME_ZONE }).startOf('day');
  const end = DateTime.fromISO(period.to, { zone: REPORTING_TIME_ZONE }).plus({ days: 1 }).startOf('day');
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** Today's date in Paris, `YYYY-MM-DD`. */
export function parisDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: REPORTING_TIME_ZONE }).toISODate()!;
}

/** `01/09/2025`, as French readers write a day. */
export function frenchDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
