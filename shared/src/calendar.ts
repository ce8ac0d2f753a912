import { z } from 'zod';
import { IsoDate } from './common';
import { Priority } from './routing';

/** Days of the week, in the keys of `WeeklyOpeningHours`. */
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** Wall-clock time `HH:MM` in the calendar's time zone; `24:00` is allowed as an end (open until midnight). */
export const ClockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time is HH:MM, from 00:00 to 24:00');
export type ClockTime = z.infer<typeof ClockTime>;

/** Minutes since midnight of a valid `ClockTime`. */
export function clockMinutes(time: ClockTime): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** One opening interval of a day, `start` included, `end` excluded. */
export const OpeningInterval = z
  .object({ start: ClockTime, end: ClockTime })
  .refine((interval) => clockMinutes(interval.start) < clockMinutes(interval.end), {
    message: 'An opening interval ends after it starts',
    path: ['end'],
  });
export type OpeningInterval = z.infer<typeof OpeningInterval>;

/** As many opening intervals as a day takes. */
export const MAX_DAY_INTERVALS = 8;

/** A day's opening intervals, in order and not overlapping; an empty list is a closed day. */
export const DayOpeningHours = z
  .array(OpeningInterval)
  .max(MAX_DAY_INTERVALS)
  .superRefine((intervals, ctx) => {
    intervals.forEach((interval, index) => {
      const previous = intervals[index - 1];
      if (previous && clockMinutes(interval.start) < clockMinutes(previous.end)) {
        ctx.addIssue({ code: 'custom', path: [index, 'start'], message: 'Intervals are in order and do not overlap' });
      }
    });
  });
export type DayOpeningHours = z.infer<typeof DayOpeningHours>;

const morning = { start: '08:00', end: '12:00' };
const afternoon = { start: '13:30', end: '17:00' };

/**
 * A primary school's week: 08:00–12:00 and 13:30–17:00, Wednesday morning only (most French
 * primary schools have no class on Wednesday afternoon), closed at the weekend.
 */
export const DEFAULT_OPENING_HOURS: Readonly<Record<Weekday, ReadonlyArray<Readonly<OpeningInterval>>>> = {
  mon: [morning, afternoon],
  tue: [morning, afternoon],
  wed: [morning],
  thu: [morning, afternoon],
  fri: [morning, afternoon],
  sat: [],
  sun: [],
};

const copyWeek = (week: Readonly<Record<Weekday, ReadonlyArray<Readonly<OpeningInterval>>>>) =>
  Object.fromEntries(Weekday.options.map((day) => [day, week[day].map((interval) => ({ ...interval }))])) as Record<
    Weekday,
    OpeningInterval[]
  >;

/** Opening hours for each day of the week; all seven days are given so none is set by accident. */
export const WeeklyOpeningHours = z.object({
  mon: DayOpeningHours,
  tue: DayOpeningHours,
  wed: DayOpeningHours,
  thu: DayOpeningHours,
  fri: DayOpeningHours,
  sat: DayOpeningHours,
  sun: DayOpeningHours,
});
export type WeeklyOpeningHours = z.infer<typeof WeeklyOpeningHours>;

/**
 * Metropolitan school holiday zones (winter and spring holidays differ by zone). `none` takes no
 * national school holidays: Corsica and overseas académies publish their own calendars, to enter
 * as `extraHolidayPeriods`.
 */
export const HolidayZone = z.enum(['A', 'B', 'C', 'none']);
export type HolidayZone = z.infer<typeof HolidayZone>;

/**
 * Public holidays that exist only in part of France, on top of the 11 national ones:
 * Alsace-Moselle adds Good Friday and 26 December (Code du travail L3134-13); each overseas
 * territory adds the day it commemorates the abolition of slavery (décret 83-1003).
 */
export const RegionalHoliday = z.enum([
  'alsace_moselle',
  'guadeloupe',
  'martinique',
  'guyane',
  'reunion',
  'mayotte',
  'saint_barthelemy',
  'saint_martin',
]);
export type RegionalHoliday = z.infer<typeof RegionalHoliday>;

/** As long as a holiday period's label may be. */
export const MAX_PERIOD_LABEL = 100;
/** As many extra holiday periods as a calendar takes. */
export const MAX_HOLIDAY_PERIODS = 200;

/** A run of closed days, both ends included (the first day without class, the day before classes restart). */
export const HolidayPeriod = z
  .object({ start: IsoDate, end: IsoDate, label: z.string().trim().max(MAX_PERIOD_LABEL).optional() })
  .refine((period) => period.start <= period.end, { message: 'A period ends on or after its first day', path: ['end'] });
export type HolidayPeriod = z.infer<typeof HolidayPeriod>;

/** Whether the runtime knows an IANA time zone name (`Europe/Paris`, `Indian/Reunion`). */
export function isKnownTimeZone(name: string): boolean {
  if (knownTimeZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  knownTimeZones.add(name);
  return true;
}
/** Zones already checked: building a formatter to test one costs more than a whole calendar check. */
const knownTimeZones = new Set<string>();

/**
 * When a commune's schools can be worked on: service-target clocks run only in these hours.
 * Calendars are values: build a new one to change it, never mutate one in place (the server
 * caches what it derives from each calendar object).
 */
export const WorkingCalendar = z.object({
  /** IANA zone of the opening hours; La Réunion is `Indian/Reunion`, Mayotte `Indian/Mayotte`. */
  timeZone: z
    .string()
    .trim()
    .refine(isKnownTimeZone, 'An IANA time zone such as Europe/Paris or Indian/Reunion')
    .default('Europe/Paris'),
  openingHours: WeeklyOpeningHours.default(() => copyWeek(DEFAULT_OPENING_HOURS)),
  /**
   * Zone C by default, the zone of the académies of the first communes (Montpellier,
   * Castelnaudary) and of Paris, Créteil, Versailles and Toulouse. A wrong zone shifts deadlines by
   * weeks in February and April, so set it from the commune's académie (`calendarHintsForAcademy`).
   */
  holidayZone: HolidayZone.default('C'),
  /**
   * Whether school holiday periods (the zone's and `extraHolidayPeriods`) are closed days. True by
   * default: technicians cannot enter a closed school. Turn it off where the city works in schools
   * during the holidays.
   */
  schoolHolidaysCount: z.boolean().default(true),
  /** Single closed days decided locally (a bridge day, a strike, a cyclone alert); always closed. */
  extraClosedDays: z.array(IsoDate).max(500).default([]),
  /** School holiday periods beyond the zone's: an overseas académie's calendar, a local decision. */
  extraHolidayPeriods: z.array(HolidayPeriod).max(MAX_HOLIDAY_PERIODS).default([]),
  /** Regional public holidays to add to the national ones. */
  regionalHolidays: z.array(RegionalHoliday).max(RegionalHoliday.options.length).default([]),
});
export type WorkingCalendar = z.output<typeof WorkingCalendar>;
export type WorkingCalendarInput = z.input<typeof WorkingCalendar>;

/** What can be told from an académie alone; the rest of a calendar is the commune's choice. */
export interface AcademyCalendarHints {
  timeZone: string;
  holidayZone: HolidayZone;
  /** Holidays of the whole académie; Moselle (académie de Nancy-Metz) also keeps `alsace_moselle`. */
  regionalHolidays: RegionalHoliday[];
}

/** Académies by holiday zone since 2016 (Caen and Rouen merged into Normandie in 2020). */
const ACADEMIES_BY_ZONE: Readonly<Record<'A' | 'B' | 'C', readonly string[]>> = {
  A: ['besancon', 'bordeaux', 'clermont-ferrand', 'dijon', 'grenoble', 'limoges', 'lyon', 'poitiers'],
  B: [
    'aix-marseille',
    'amiens',
    'caen',
    'lille',
    'nancy-metz',
    'nantes',
    'nice',
    'normandie',
    'orleans-tours',
    'reims',
    'rennes',
    'rouen',
    'strasbourg',
  ],
  C: ['creteil', 'montpellier', 'paris', 'toulouse', 'versailles'],
};

const OWN_CALENDAR_ACADEMIES: Readonly<Record<string, AcademyCalendarHints>> = {
  corse: { timeZone: 'Europe/Paris', holidayZone: 'none', regionalHolidays: [] },
  reunion: { timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'] },
  mayotte: { timeZone: 'Indian/Mayotte', holidayZone: 'none', regionalHolidays: ['mayotte'] },
  guadeloupe: { timeZone: 'America/Guadeloupe', holidayZone: 'none', regionalHolidays: ['guadeloupe'] },
  martinique: { timeZone: 'America/Martinique', holidayZone: 'none', regionalHolidays: ['martinique'] },
  guyane: { timeZone: 'America/Cayenne', holidayZone: 'none', regionalHolidays: ['guyane'] },
};

/**
 * Starting values for a commune's calendar from its académie's code (the slug without accents,
 * e.g. `aix-marseille`, `reunion`); null for a code this table does not know.
 */
export function calendarHintsForAcademy(code: string): AcademyCalendarHints | null {
  const slug = code.trim().toLowerCase();
  const own = OWN_CALENDAR_ACADEMIES[slug];
  if (own) return { ...own, regionalHolidays: [...own.regionalHolidays] };
  for (const zone of ['A', 'B', 'C'] as const) {
    if (ACADEMIES_BY_ZONE[zone].includes(slug)) {
      return { timeZone: 'Europe/Paris', holidayZone: zone, regionalHolidays: slug === 'strasbourg' ? ['alsace_moselle'] : [] };
    }
  }
  return null;
}

/**
 * Time allowed for a priority, in WORKING minutes of the commune's calendar: the clock runs only
 * during opening hours and stops while the ticket waits for someone else.
 */
export const ServiceTarget = z
  .object({
    firstResponseMinutes: z.number().int().min(0).max(527_040),
    resolutionMinutes: z.number().int().min(0).max(527_040),
  })
  .refine((target) => target.firstResponseMinutes <= target.resolutionMinutes, {
    message: 'The first response is due no later than the resolution',
    path: ['firstResponseMinutes'],
  });
export type ServiceTarget = z.infer<typeof ServiceTarget>;

/**
 * The "working day" the default targets are written in: 7 h 30, a full day of the default hours
 * (Wednesday counts only its morning, so a target spanning a Wednesday ends later in the week).
 */
export const WORKING_DAY_MINUTES = 450;

/**
 * P1 (whole school stopped now): answer within the hour, fix within 8 working hours.
 * P2: 4 hours / 2 working days. P3: 1 / 5 working days. P4: 2 / 10 working days.
 */
export const DEFAULT_SERVICE_TARGETS: Readonly<Record<Priority, Readonly<ServiceTarget>>> = {
  P1: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  P2: { firstResponseMinutes: 4 * 60, resolutionMinutes: 2 * WORKING_DAY_MINUTES },
  P3: { firstResponseMinutes: WORKING_DAY_MINUTES, resolutionMinutes: 5 * WORKING_DAY_MINUTES },
  P4: { firstResponseMinutes: 2 * WORKING_DAY_MINUTES, resolutionMinutes: 10 * WORKING_DAY_MINUTES },
};

/** Targets for every priority; defaults to `DEFAULT_SERVICE_TARGETS`. */
export const ServiceTargets = z
  .record(Priority, ServiceTarget)
  .default(() => ({
    P1: { ...DEFAULT_SERVICE_TARGETS.P1 },
    P2: { ...DEFAULT_SERVICE_TARGETS.P2 },
    P3: { ...DEFAULT_SERVICE_TARGETS.P3 },
    P4: { ...DEFAULT_SERVICE_TARGETS.P4 },
  }));
export type ServiceTargets = z.infer<typeof ServiceTargets>;
