import type { RegionalHoliday } from '@preau/shared';
import { dayNumber, dayNumberOfIso, isoOfDayNumber } from './civil-days';

/** A public holiday (jour férié); `regional` names the option that adds it, absent for national ones. */
export interface PublicHoliday {
  date: string;
  name: string;
  regional?: RegionalHoliday;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian computus of Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  return isoOfDayNumber(easterDayNumber(year));
}

function easterDayNumber(year: number): number {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`No Gregorian Easter for year ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** Day of the abolition of slavery in each overseas territory (décret 83-1003 as amended). */
const ABOLITION_DAYS: Readonly<Partial<Record<RegionalHoliday, readonly [month: number, day: number]>>> = {
  guadeloupe: [5, 27],
  martinique: [5, 22],
  guyane: [6, 10],
  reunion: [12, 20],
  mayotte: [4, 27],
  saint_barthelemy: [10, 9],
  saint_martin: [5, 28],
};

/**
 * The 11 national public holidays of a year (Code du travail L3133-1) and the regional ones asked
 * for, in date order. Two can share a date (Ascension on 1 May 2008): both are listed.
 */
export function frenchPublicHolidays(year: number, regional: readonly RegionalHoliday[] = []): PublicHoliday[] {
  const easterDay = easterDayNumber(year);
  const fixed = (month: number, day: number) => isoOfDayNumber(dayNumber(year, month, day));
  const fromEaster = (offset: number) => isoOfDayNumber(easterDay + offset);
  const holidays: PublicHoliday[] = [
    { date: fixed(1, 1), name: "Jour de l'an" },
    { date: fromEaster(1), name: 'Lundi de Pâques' },
    { date: fixed(5, 1), name: 'Fête du Travail' },
    { date: fixed(5, 8), name: 'Victoire 1945' },
    { date: fromEaster(39), name: 'Ascension' },
    { date: fromEaster(50), name: 'Lundi de Pentecôte' },
    { date: fixed(7, 14), name: 'Fête nationale' },
    { date: fixed(8, 15), name: 'Assomption' },
    { date: fixed(11, 1), name: 'Toussaint' },
    { date: fixed(11, 11), name: 'Armistice 1918' },
    { date: fixed(12, 25), name: 'Noël' },
  ];
  for (const option of new Set(regional)) {
    if (option === 'alsace_moselle') {
      holidays.push({ date: fromEaster(-2), name: 'Vendredi saint', regional: option });
      holidays.push({ date: fixed(12, 26), name: 'Saint-Étienne', regional: option });
      continue;
    }
    const abolition = ABOLITION_DAYS[option];
    if (abolition) holidays.push({ date: fixed(...abolition), name: "Abolition de l'esclavage", regional: option });
  }
  return holidays.sort((left, right) => left.date.localeCompare(right.date));
}

const holidaySets = new Map<string, ReadonlySet<number>>();

/** The holidays of a year as day numbers, computed once per year and set of regional options. */
export function publicHolidayDays(year: number, regional: readonly RegionalHoliday[] = []): ReadonlySet<number> {
  const key = `${year}|${[...new Set(regional)].sort().join(',')}`;
  let days = holidaySets.get(key);
  if (!days) {
    days = new Set(frenchPublicHolidays(year, regional).map((holiday) => dayNumberOfIso(holiday.date)));
    holidaySets.set(key, days);
  }
  return days;
}

