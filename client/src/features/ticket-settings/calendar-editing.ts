import { MAX_DAY_INTERVALS, MAX_HOLIDAY_PERIODS, MAX_PERIOD_LABEL, Weekday, clockMinutes, type HolidayPeriod, type OpeningInterval } from '@preau/shared';

// The opening hours and holiday periods as the form holds them while they are typed, and back.
// The shared schema checks what is sent, so its issues land on the same paths as the inputs.

/** One opening interval as in its two time inputs: `''` while blank, `00:00` as an end for midnight. */
export interface TypedInterval {
  start: string;
  end: string;
}
export type TypedWeek = Record<Weekday, TypedInterval[]>;

/** One holiday period as in its inputs; an empty label is no label. */
export interface TypedPeriod {
  start: string;
  end: string;
  label: string;
}

// A time input cannot hold 24:00, the schema's "open until midnight"; an end at 00:00 can mean
// nothing else (an interval ends after it starts), so the form shows and reads midnight that way.
const MIDNIGHT_END = '24:00';
const MIDNIGHT_INPUT = '00:00';

type Week = Readonly<Record<Weekday, ReadonlyArray<Readonly<OpeningInterval>>>>;

/** A saved week, as the form's inputs show it. */
export function typedWeek(week: Week): TypedWeek {
  return Object.fromEntries(
    Weekday.options.map((day) => [day, week[day].map(({ start, end }) => ({ start, end: end === MIDNIGHT_END ? MIDNIGHT_INPUT : end }))]),
  ) as TypedWeek;
}

/** The typed week as the schema takes it: blanks stay blank, for the schema to say so under the field. */
export function weekBody(week: TypedWeek): Record<Weekday, OpeningInterval[]> {
  return Object.fromEntries(
    Weekday.options.map((day) => [
      day,
      week[day].map(({ start, end }) => ({ start: start.trim(), end: end.trim() === MIDNIGHT_INPUT ? MIDNIGHT_END : end.trim() })),
    ]),
  ) as Record<Weekday, OpeningInterval[]>;
}

/** Whether two typed weeks open at the same times. */
export function sameWeek(a: TypedWeek, b: TypedWeek): boolean {
  return JSON.stringify(weekBody(a)) === JSON.stringify(weekBody(b));
}

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const clockText = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The interval a day gets when one is added: the morning on a closed day, else two hours starting
 * an hour after the day's last end, blank when the day is already open until late.
 */
export function nextInterval(intervals: readonly TypedInterval[], firstOfDay: Readonly<OpeningInterval>): TypedInterval {
  const last = intervals.at(-1);
  if (!last) return { start: firstOfDay.start, end: firstOfDay.end };
  const end = last.end === MIDNIGHT_INPUT ? MIDNIGHT_END : last.end;
  if (!CLOCK.test(end)) return { start: '', end: '' };
  const start = clockMinutes(end) + 60;
  if (start >= 24 * 60) return { start: '', end: '' };
  const next = Math.min(start + 120, 24 * 60);
  return { start: clockText(start), end: next === 24 * 60 ? MIDNIGHT_INPUT : clockText(next) };
}

/** Saved periods, as the form's inputs show them: by first day, wherever one was added. */
export function typedPeriods(periods: readonly HolidayPeriod[]): TypedPeriod[] {
  return [...periods].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end)).map(({ start, end, label }) => ({ start, end, label: label ?? '' }));
}

/** The typed periods as the schema takes them; a blank label is left out rather than saved empty. */
export function periodsBody(periods: readonly TypedPeriod[]): HolidayPeriod[] {
  return periods.map(({ start, end, label }) => {
    const trimmed = label.trim();
    return trimmed === '' ? { start: start.trim(), end: end.trim() } : { start: start.trim(), end: end.trim(), label: trimmed };
  });
}

const OPENING = 'calendar.openingHours';
const PERIODS = 'calendar.extraHolidayPeriods';

/** Field path of one time input, as the schema and the server name it (`calendar.openingHours.wed.0.end`). */
export const intervalPath = (day: Weekday, index: number, field: keyof TypedInterval) => `${OPENING}.${day}.${index}.${field}`;
/** Field path of one holiday period input (`calendar.extraHolidayPeriods.2.end`). */
export const periodPath = (index: number, field: keyof TypedPeriod) => `${PERIODS}.${index}.${field}`;
/** Path of a day's list of intervals (too many of them). */
export const dayPath = (day: Weekday) => `${OPENING}.${day}`;
export const OPENING_HOURS_PATH = OPENING;
export const HOLIDAY_PERIODS_PATH = PERIODS;

/** Every path the two editors show an error under, for the server's refusal to land there. */
export function calendarFieldPaths(week: TypedWeek, periods: readonly TypedPeriod[]): string[] {
  return [
    OPENING,
    ...Weekday.options.flatMap((day) => [dayPath(day), ...week[day].flatMap((_, index) => [intervalPath(day, index, 'start'), intervalPath(day, index, 'end')])]),
    PERIODS,
    ...periods.flatMap((_, index) => [periodPath(index, 'start'), periodPath(index, 'end'), periodPath(index, 'label')]),
  ];
}

/**
 * The paths whose errors an edit of one interval makes stale: its own two, and the next one's start,
 * whose "overlaps the previous" was about this interval's end.
 */
export function pathsTouchedByInterval(day: Weekday, index: number): string[] {
  return [intervalPath(day, index, 'start'), intervalPath(day, index, 'end'), intervalPath(day, index + 1, 'start')];
}

/** A message under `ticketSettings`, with the values it names. */
export interface CalendarIssueMessage {
  key: string;
  values?: { max: number };
}

/**
 * The message for an issue on one of these fields, or undefined for a path these editors do not
 * show or an issue the generic field messages say well enough.
 */
export function calendarIssueMessage(path: string, code: string | undefined): CalendarIssueMessage | undefined {
  const interval = /^calendar\.openingHours\.(?:mon|tue|wed|thu|fri|sat|sun)\.\d+\.(start|end)$/.exec(path);
  if (interval) {
    if (code !== 'custom') return { key: 'openingHours.timeInvalid' };
    return { key: interval[1] === 'end' ? 'openingHours.endBeforeStart' : 'openingHours.overlap' };
  }
  if (/^calendar\.openingHours\.(?:mon|tue|wed|thu|fri|sat|sun)$/.test(path) && code === 'too_big') {
    return { key: 'openingHours.tooMany', values: { max: MAX_DAY_INTERVALS } };
  }
  const period = /^calendar\.extraHolidayPeriods\.\d+\.(start|end|label)$/.exec(path);
  if (period?.[1] === 'label') return code === 'too_big' ? { key: 'holidayPeriods.labelTooLong', values: { max: MAX_PERIOD_LABEL } } : undefined;
  if (period) return { key: code === 'custom' && period[1] === 'end' ? 'holidayPeriods.endBeforeStart' : 'holidayPeriods.dateInvalid' };
  if (path === PERIODS && code === 'too_big') return { key: 'holidayPeriods.tooMany', values: { max: MAX_HOLIDAY_PERIODS } };
  return undefined;
}
