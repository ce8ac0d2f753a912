/**
 * Calendar days as integers (days since 1970-01-01 in the proleptic Gregorian calendar), so
 * holiday sets and day walks compare numbers, never time-zone-dependent `Date`s.
 */

const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function civilDate(day: number): CivilDate {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` to a day number; throws on anything else, as these come from validated data. */
export function dayNumberOfIso(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const day = match ? dayNumber(Number(match[1]), Number(match[2]), Number(match[3])) : Number.NaN;
  if (!Number.isInteger(day) || isoOfDayNumber(day) !== iso) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`);
  return day;
}

export function isoOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
