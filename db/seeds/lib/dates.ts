/** Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so no time zone shifts a day. */

const MS_PER_DAY = 86_400_000;

function toUtc(isoDate: string): Date {
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new Error(`Not a YYYY-MM-DD date: ${isoDate}`);
  }
  return parsed;
}

const format = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  return format(new Date(toUtc(isoDate).getTime() + days * MS_PER_DAY));
}

/** Month arithmetic; the 31st of a short month rolls over into the next one, as Date does. */
export function addMonths(isoDate: string, months: number): string {
  const date = toUtc(isoDate);
  date.setUTCMonth(date.getUTCMonth() + months);
  return format(date);
}

export function addYears(isoDate: string, years: number): string {
  return addMonths(isoDate, years * 12);
}

/** Today in UTC, the day warranties are judged against in the API. */
export function todayUtc(): string {
  return format(new Date());
}
