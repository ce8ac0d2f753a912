import { DateTime, IANAZone } from 'luxon';
import { Weekday, clockMinutes, type WorkingCalendar } from '@preau/shared';
import { boundedMemo } from '../../lib/bounded-memo';
import { civilDate, dayNumber, dayNumberOfIso, weekdayIndex } from './civil-days';
import { publicHolidayDays } from './french-public-holidays';
import { schoolHolidayPeriods } from './school-holidays';

/**
 * Working time of a calendar: opening hours on working days, in the calendar's time zone.
 *
 * Each local year is compiled once into its opening intervals as UTC instants, with the working
 * time before each interval, so every question is a binary search and a subtraction instead of a
 * walk through days or minutes. Intervals are half-open: open at `start`, closed at `end`.
 * Wall-clock times that a DST change skips move forward by the gap; repeated ones take Luxon's
 * choice (the later offset), which no school's hours come near.
 */

const MINUTE_MS = 60_000;
/** A calendar with hours but this many closed years in a row cannot reach a due date. */
const MAX_CLOSED_YEARS = 5;
const CACHE_SIZE = 256;

/** An interval during which the ticket's clock is stopped (waiting); `to: null` is still open. */
export interface Pause {
  from: Date;
  to: Date | null;
}

interface YearTimeline {
  starts: Float64Array;
  ends: Float64Array;
  /** Working ms of the year before interval i. */
  before: Float64Array;
  total: number;
}

class Timeline {
  private readonly years = new Map<number, YearTimeline>();
  private readonly yearStarts = new Map<number, number>();
  private readonly weekHours: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  private readonly extraClosedDays: ReadonlySet<number>;
  private readonly holidayRanges: ReadonlyArray<readonly [number, number]>;
  readonly hasHours: boolean;

  constructor(private readonly calendar: WorkingCalendar) {
    if (!IANAZone.isValidZone(calendar.timeZone)) throw new RangeError(`Unknown time zone: ${calendar.timeZone}`);
    this.weekHours = Weekday.options.map((day) =>
      calendar.openingHours[day].map((interval) => [clockMinutes(interval.start), clockMinutes(interval.end)] as const),
    );
    this.hasHours = this.weekHours.some((intervals) => intervals.length > 0);
    this.extraClosedDays = new Set(calendar.extraClosedDays.map(dayNumberOfIso));
    const periods = calendar.schoolHolidaysCount
      ? [...schoolHolidayPeriods(calendar.holidayZone), ...calendar.extraHolidayPeriods]
      : [];
    this.holidayRanges = periods.map((period) => [dayNumberOfIso(period.start), dayNumberOfIso(period.end)] as const);
  }

  isOpen(t: number): boolean {
    const year = this.year(this.yearOf(t));
    const i = lastStartAtOrBefore(year.starts, t);
    return i >= 0 && t < year.ends[i]!;
  }

  /** Working ms in [from, to); zero when `to` is not after `from`. */
  between(from: number, to: number): number {
    if (to <= from) return 0;
    const first = this.yearOf(from);
    const last = this.yearOf(to);
    if (first === last) {
      const year = this.year(first);
      return workedBefore(year, to) - workedBefore(year, from);
    }
    const firstYear = this.year(first);
    let total = firstYear.total - workedBefore(firstYear, from);
    for (let y = first + 1; y < last; y += 1) total += this.year(y).total;
    return total + workedBefore(this.year(last), to);
  }

  /** The earliest instant at which `ms` of working time has passed since `from`. */
  add(from: number, ms: number): number {
    if (ms <= 0) return from;
    if (!this.hasHours) throw new RangeError('The calendar has no opening hours: no due date can be reached');
    let y = this.yearOf(from);
    let year = this.year(y);
    let target = workedBefore(year, from) + ms;
    let closedYears = 0;
    while (target > year.total) {
      closedYears = year.total === 0 ? closedYears + 1 : 0;
      if (closedYears > MAX_CLOSED_YEARS) throw new RangeError('The calendar is closed for years on end: no due date can be reached');
      target -= year.total;
      y += 1;
      year = this.year(y);
    }
    const i = firstEndingAtOrAfter(year, target);
    return year.starts[i]! + (target - year.before[i]!);
  }

  private yearOf(t: number): number {
    const y = new Date(t).getUTCFullYear();
    if (t < this.yearStart(y)) return y - 1;
    if (t >= this.yearStart(y + 1)) return y + 1;
    return y;
  }

  private yearStart(y: number): number {
    let start = this.yearStarts.get(y);
    if (start === undefined) {
      start = this.instant(dayNumber(y, 1, 1), 0);
      this.yearStarts.set(y, start);
    }
    return start;
  }

  private year(y: number): YearTimeline {
    let year = this.years.get(y);
    if (!year) {
      year = this.compileYear(y);
      this.years.set(y, year);
    }
    return year;
  }

  private compileYear(y: number): YearTimeline {
    const firstDay = dayNumber(y, 1, 1);
    const lastDay = dayNumber(y, 12, 31);
    const closed = new Set(publicHolidayDays(y, this.calendar.regionalHolidays));
    for (const day of this.extraClosedDays) closed.add(day);
    for (const [start, end] of this.holidayRanges) {
      for (let day = Math.max(start, firstDay); day <= Math.min(end, lastDay); day += 1) closed.add(day);
    }
    const starts: number[] = [];
    const ends: number[] = [];
    for (let day = firstDay; day <= lastDay; day += 1) {
      if (closed.has(day)) continue;
      for (const [open, close] of this.weekHours[weekdayIndex(day)]!) {
        const start = this.instant(day, open);
        const end = this.instant(day, close);
        if (end > start) {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    const before = new Float64Array(starts.length);
    let total = 0;
    for (let i = 0; i < starts.length; i += 1) {
      before[i] = total;
      total += ends[i]! - starts[i]!;
    }
    return { starts: Float64Array.from(starts), ends: Float64Array.from(ends), before, total };
  }

  /** The UTC instant of a wall-clock time (minutes since midnight, 1440 is the next midnight) on a local day. */
  private instant(day: number, minutes: number): number {
    const date = civilDate(day + Math.floor(minutes / 1440));
    const minuteOfDay = minutes % 1440;
    return DateTime.fromObject(
      { ...date, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
      { zone: this.calendar.timeZone },
    ).toMillis();
  }
}

function lastStartAtOrBefore(starts: Float64Array, t: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= t) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** Working ms of the year before instant t. */
function workedBefore(year: YearTimeline, t: number): number {
  const i = lastStartAtOrBefore(year.starts, t);
  if (i < 0) return 0;
  return year.before[i]! + Math.min(t, year.ends[i]!) - year.starts[i]!;
}

/** The first interval by the end of which `target` ms of the year's working time have passed (0 < target <= total). */
function firstEndingAtOrAfter(year: YearTimeline, target: number): number {
  let low = 0;
  let high = year.starts.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (year.before[mid]! + year.ends[mid]! - year.starts[mid]! >= target) high = mid;
    else low = mid + 1;
  }
  return low;
}

const byObject = new WeakMap<WorkingCalendar, Timeline>();
const byValue = boundedMemo(CACHE_SIZE, (calendar: WorkingCalendar) => JSON.stringify(calendar), (calendar) => new Timeline(calendar));

/**
 * One compiled timeline per calendar: by identity first, then by value, so a sweep that parses the
 * same stored calendar for every ticket still compiles it once.
 */
function timelineOf(calendar: WorkingCalendar): Timeline {
  let timeline = byObject.get(calendar);
  if (timeline) return timeline;
  timeline = byValue(calendar);
  byObject.set(calendar, timeline);
  return timeline;
}

function millis(date: Date, name: string): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

function durationMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Minutes must be a finite number of zero or more, got ${minutes}`);
  return Math.round(minutes * MINUTE_MS);
}

/** Pauses as sorted, disjoint [from, to) ranges; an open pause runs to Infinity. */
function mergePauses(pauses: readonly Pause[]): Array<[number, number]> {
  const ranges = pauses.map((pause, index): [number, number] => {
    const from = millis(pause.from, `pauses[${index}].from`);
    const to = pause.to === null ? Number.POSITIVE_INFINITY : millis(pause.to, `pauses[${index}].to`);
    if (to < from) throw new RangeError(`pauses[${index}] ends before it starts`);
    return [from, to];
  });
  ranges.sort((left, right) => left[0] - right[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Whether the calendar is open at this instant (on a working day, within an opening interval). */
export function isOpen(calendar: WorkingCalendar, instant: Date): boolean {
  return timelineOf(calendar).isOpen(millis(instant, 'instant'));
}

/**
 * The earliest instant at which `minutes` of working time have passed since `start`: counting
 * only opening hours of working days. Zero minutes gives `start` itself, open or not; a count
 * that ends exactly at closing time gives the closing time, not the next opening.
 */
export function addWorkingMinutes(calendar: WorkingCalendar, start: Date, minutes: number): Date {
  return new Date(timelineOf(calendar).add(millis(start, 'start'), durationMs(minutes)));
}

/** Working minutes between two instants (fractional when they are not on whole minutes); 0 when `to` is not after `from`. */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  return timelineOf(calendar).between(millis(from, 'from'), millis(to, 'to')) / MINUTE_MS;
}

/**
 * Working minutes on a ticket's clock from `from` to `to`, less the working time inside pauses.
 * Overlapping pauses count once; an open pause (`to: null`) runs until `to`.
 */
export function elapsedWorkingMinutes(calendar: WorkingCalendar, from: Date, to: Date, pauses: readonly Pause[] = []): number {
  const timeline = timelineOf(calendar);
  const start = millis(from, 'from');
  const end = millis(to, 'to');
  let worked = timeline.between(start, end);
  for (const [pauseFrom, pauseTo] of mergePauses(pauses)) {
    worked -= timeline.between(Math.max(pauseFrom, start), Math.min(pauseTo, end));
  }
  return Math.max(0, worked) / MINUTE_MS;
}

/**
 * When `minutes` of working time will have run on a ticket's clock started at `start`, the
 * working time inside pauses not counting (so each pause pushes the due date by the working time
 * it covers). Null when an open pause stopped the clock before the target was reached: the due
 * date is unknown until the ticket stops waiting. A due date reached before a pause began stays.
 */
export function dueDate(calendar: WorkingCalendar, start: Date, minutes: number, pauses: readonly Pause[] = []): Date | null {
  const timeline = timelineOf(calendar);
  let cursor = millis(start, 'start');
  let remaining = durationMs(minutes);
  for (const [pauseFrom, pauseTo] of mergePauses(pauses)) {
    if (pauseTo <= cursor) continue;
    const pauseStart = Math.max(pauseFrom, cursor);
    const due = timeline.add(cursor, remaining);
    if (due <= pauseStart) return new Date(due);
    remaining -= timeline.between(cursor, pauseStart);
    if (pauseTo === Number.POSITIVE_INFINITY) return null;
    cursor = pauseTo;
  }
  return new Date(timeline.add(cursor, remaining));
}
