import type { HolidayPeriod, HolidayZone } from '@preau/shared';

type MetropolitanZone = Exclude<HolidayZone, 'none'>;

/** A school holiday period of metropolitan France, for the zones it applies to. */
export interface SchoolHolidayPeriod {
  name: string;
  zones: readonly MetropolitanZone[];
  /** First day without class (the departure is after class on the day before). */
  start: string;
  /** Last day without class, the day before classes restart. */
  end: string;
}

const ALL: readonly MetropolitanZone[] = ['A', 'B', 'C'];

/**
 * Official school calendar (Éducation nationale: arrêtés fixing the calendar, published as the
 * open dataset "fr-en-calendrier-scolaire" on data.education.gouv.fr). Dates are the published
 * "fin des cours" (a Saturday: primary schools have no class that day, so it is the first closed
 * day) and "reprise" minus one day. Zones since 2016: A Besançon, Bordeaux, Clermont-Ferrand,
 * Dijon, Grenoble, Limoges, Lyon, Poitiers; B Aix-Marseille, Amiens, Lille, Nancy-Metz, Nantes,
 * Nice, Normandie, Orléans-Tours, Reims, Rennes, Strasbourg; C Créteil, Montpellier, Paris,
 * Toulouse, Versailles.
 *
 * The rentrée is never before 1 September, so the summer of 2027 is closed until 31 August until
 * the 2027-2028 calendar is entered here. Add each new school year when it is published.
 */
export const SCHOOL_HOLIDAYS: readonly SchoolHolidayPeriod[] = [
  { name: "Vacances d'été 2025", zones: ALL, start: '2025-07-05', end: '2025-08-31' },

  // 2025-2026: rentrée Monday 1 September 2025.
  { name: 'Vacances de la Toussaint 2025', zones: ALL, start: '2025-10-18', end: '2025-11-02' },
  { name: 'Vacances de Noël 2025', zones: ALL, start: '2025-12-20', end: '2026-01-04' },
  { name: "Vacances d'hiver 2026", zones: ['A'], start: '2026-02-07', end: '2026-02-22' },
  { name: "Vacances d'hiver 2026", zones: ['B'], start: '2026-02-14', end: '2026-03-01' },
  { name: "Vacances d'hiver 2026", zones: ['C'], start: '2026-02-21', end: '2026-03-08' },
  { name: 'Vacances de printemps 2026', zones: ['A'], start: '2026-04-04', end: '2026-04-19' },
  { name: 'Vacances de printemps 2026', zones: ['B'], start: '2026-04-11', end: '2026-04-26' },
  { name: 'Vacances de printemps 2026', zones: ['C'], start: '2026-04-18', end: '2026-05-03' },
  // No class on Friday 15 and Saturday 16 May; Thursday 14 is Ascension Day.
  { name: "Pont de l'Ascension 2026", zones: ALL, start: '2026-05-15', end: '2026-05-16' },
  { name: "Vacances d'été 2026", zones: ALL, start: '2026-07-04', end: '2026-08-31' },

  // 2026-2027: rentrée Tuesday 1 September 2026.
  { name: 'Vacances de la Toussaint 2026', zones: ALL, start: '2026-10-17', end: '2026-11-01' },
  { name: 'Vacances de Noël 2026', zones: ALL, start: '2026-12-19', end: '2027-01-03' },
  { name: "Vacances d'hiver 2027", zones: ['A'], start: '2027-02-13', end: '2027-02-28' },
  { name: "Vacances d'hiver 2027", zones: ['B'], start: '2027-02-20', end: '2027-03-07' },
  { name: "Vacances d'hiver 2027", zones: ['C'], start: '2027-02-06', end: '2027-02-21' },
  { name: 'Vacances de printemps 2027', zones: ['A'], start: '2027-04-10', end: '2027-04-25' },
  { name: 'Vacances de printemps 2027', zones: ['B'], start: '2027-04-17', end: '2027-05-02' },
  { name: 'Vacances de printemps 2027', zones: ['C'], start: '2027-04-03', end: '2027-04-18' },
  // Friday 7 May only; Thursday 6 is Ascension Day.
  { name: "Pont de l'Ascension 2027", zones: ALL, start: '2027-05-07', end: '2027-05-07' },
  { name: "Vacances d'été 2027", zones: ALL, start: '2027-07-03', end: '2027-08-31' },
];

/**
 * The days `SCHOOL_HOLIDAYS` speaks for. Outside them no school holiday is known, so a due date
 * computed that far ahead may fall in holidays; callers can warn when a calendar needs them.
 */
export const SCHOOL_HOLIDAYS_COVERAGE = { from: '2025-07-05', until: '2027-08-31' } as const;

/** The school holiday periods of a zone (none for `none`). */
export function schoolHolidayPeriods(zone: HolidayZone): SchoolHolidayPeriod[] {
  if (zone === 'none') return [];
  return SCHOOL_HOLIDAYS.filter((period) => period.zones.includes(zone));
}

/**
 * The calendar of the académie de La Réunion (arrêtés of the recteur), ready for a calendar's
 * `extraHolidayPeriods` with `holidayZone: 'none'`. The school year starts in mid-August; the long
 * holidays are the austral summer, December to January. The austral winter of 2027 starts on
 * Saturday 3 July 2027; until the 2027-2028 calendar is published, it is taken to end on the eve
 * of the usual rentrée (the third Tuesday of August, as in 2025 and 2026), as the national table
 * closes the summer until 31 August. Correct it, and add the year, when the arrêté is out.
 */
export const REUNION_SCHOOL_HOLIDAYS: readonly HolidayPeriod[] = [
  { label: 'Vacances d’hiver austral 2025', start: '2025-07-05', end: '2025-08-18' },
  // 2025-2026: rentrée Tuesday 19 August 2025.
  { label: 'Vacances après la 1re période 2025', start: '2025-10-11', end: '2025-10-26' },
  { label: 'Vacances d’été austral 2025-2026', start: '2025-12-20', end: '2026-01-20' },
  { label: 'Vacances après la 3e période 2026', start: '2026-02-28', end: '2026-03-15' },
  { label: 'Vacances après la 4e période 2026', start: '2026-05-02', end: '2026-05-17' },
  { label: 'Vacances d’hiver austral 2026', start: '2026-07-04', end: '2026-08-17' },
  // 2026-2027: rentrée Tuesday 18 August 2026.
  { label: 'Vacances après la 1re période 2026', start: '2026-10-10', end: '2026-10-25' },
  { label: 'Vacances d’été austral 2026-2027', start: '2026-12-19', end: '2027-01-31' },
  { label: 'Vacances après la 3e période 2027', start: '2027-03-17', end: '2027-03-29' },
  { label: 'Vacances après la 4e période 2027', start: '2027-05-06', end: '2027-05-18' },
  { label: 'Vacances d’hiver austral 2027', start: '2027-07-03', end: '2027-08-16' },
];
