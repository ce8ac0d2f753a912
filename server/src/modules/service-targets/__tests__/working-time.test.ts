import { WorkingCalendar, type WorkingCalendarInput } from '@preau/shared';
import { REUNION_SCHOOL_HOLIDAYS } from '../school-holidays';
import { addWorkingMinutes, dueDate, elapsedWorkingMinutes, isOpen, workingMinutesBetween, type Pause } from '../working-time';

// Every instant is written with its offset: +01:00 is winter time in Paris, +02:00 summer time,
// +04:00 La Réunion all year round.
const at = (iso: string) => new Date(iso);
const calendar = (input: WorkingCalendarInput = {}) => WorkingCalendar.parse(input);
const paris = calendar();

describe('the default calendar (Paris, zone C, school hours)', () => {
  it('is open in school hours only: not at lunch, on Wednesday afternoon, at the weekend or on 1 January', () => {
    expect(isOpen(paris, at('2026-01-20T08:00:00+01:00'))).toBe(true);
    expect(isOpen(paris, at('2026-01-20T11:59:59+01:00'))).toBe(true);
    expect(isOpen(paris, at('2026-01-20T12:00:00+01:00'))).toBe(false);
    expect(isOpen(paris, at('2026-01-20T14:00:00+01:00'))).toBe(true);
    expect(isOpen(paris, at('2026-01-21T10:00:00+01:00'))).toBe(true);
    expect(isOpen(paris, at('2026-01-21T14:00:00+01:00'))).toBe(false);
    expect(isOpen(paris, at('2026-01-24T10:00:00+01:00'))).toBe(false);
    expect(isOpen(paris, at('2027-01-01T10:00:00+01:00'))).toBe(false);
  });

  it('counts a school week as four full days and a Wednesday morning', () => {
    expect(workingMinutesBetween(paris, at('2026-01-19T00:00:00+01:00'), at('2026-01-26T00:00:00+01:00'))).toBe(4 * 450 + 240);
  });

  it('dues a ticket opened Friday 16:30 with 2 working hours on Monday at 09:30', () => {
    expect(addWorkingMinutes(paris, at('2026-01-16T16:30:00+01:00'), 120)).toEqual(at('2026-01-19T09:30:00+01:00'));
  });

  it('skips the lunch break', () => {
    expect(addWorkingMinutes(paris, at('2026-01-19T11:00:00+01:00'), 120)).toEqual(at('2026-01-19T14:30:00+01:00'));
  });

  it('ends at closing time when the count runs out exactly then', () => {
    expect(addWorkingMinutes(paris, at('2026-01-19T08:00:00+01:00'), 240)).toEqual(at('2026-01-19T12:00:00+01:00'));
    expect(addWorkingMinutes(paris, at('2026-01-16T16:00:00+01:00'), 60)).toEqual(at('2026-01-16T17:00:00+01:00'));
  });

  it('does not count Wednesday afternoon', () => {
    expect(addWorkingMinutes(paris, at('2026-01-21T11:00:00+01:00'), 120)).toEqual(at('2026-01-22T09:00:00+01:00'));
  });

  it('starts counting at the next opening when the ticket arrives outside opening hours', () => {
    expect(addWorkingMinutes(paris, at('2026-01-17T10:00:00+01:00'), 60)).toEqual(at('2026-01-19T09:00:00+01:00'));
    expect(addWorkingMinutes(paris, at('2026-01-19T06:45:00+01:00'), 30)).toEqual(at('2026-01-19T08:30:00+01:00'));
    expect(addWorkingMinutes(paris, at('2026-01-19T12:45:00+01:00'), 30)).toEqual(at('2026-01-19T14:00:00+01:00'));
    expect(addWorkingMinutes(paris, at('2026-01-19T19:00:00+01:00'), 30)).toEqual(at('2026-01-20T08:30:00+01:00'));
  });

  it('gives the start itself for a zero-minute target, even when closed', () => {
    expect(addWorkingMinutes(paris, at('2026-01-17T10:00:00+01:00'), 0)).toEqual(at('2026-01-17T10:00:00+01:00'));
    expect(dueDate(paris, at('2026-01-17T10:00:00+01:00'), 0)).toEqual(at('2026-01-17T10:00:00+01:00'));
  });

  it('skips a public holiday: the eve of Armistice Day, Wednesday 11 November 2026', () => {
    expect(addWorkingMinutes(paris, at('2026-11-10T16:00:00+01:00'), 120)).toEqual(at('2026-11-12T09:00:00+01:00'));
  });

  it('skips Ascension Day and the bridge day after it, which is a school holiday', () => {
    const wednesday = at('2026-05-13T11:00:00+02:00');
    expect(addWorkingMinutes(paris, wednesday, 120)).toEqual(at('2026-05-18T09:00:00+02:00'));
    const holidaysIgnored = calendar({ schoolHolidaysCount: false });
    expect(addWorkingMinutes(holidaysIgnored, wednesday, 120)).toEqual(at('2026-05-15T09:00:00+02:00'));
  });

  it('counts across the new year and the Christmas holidays', () => {
    expect(workingMinutesBetween(paris, at('2026-12-18T16:00:00+01:00'), at('2027-01-04T09:00:00+01:00'))).toBe(120);
    expect(addWorkingMinutes(paris, at('2026-12-18T16:00:00+01:00'), 120)).toEqual(at('2027-01-04T09:00:00+01:00'));
  });

  it('counts nothing backwards', () => {
    expect(workingMinutesBetween(paris, at('2026-01-20T10:00:00+01:00'), at('2026-01-19T10:00:00+01:00'))).toBe(0);
  });

  it('gives fractional minutes for instants between whole minutes', () => {
    expect(workingMinutesBetween(paris, at('2026-01-19T08:00:00+01:00'), at('2026-01-19T08:00:30+01:00'))).toBe(0.5);
  });

  it('walks back to the start: the working time up to a due date is the target', () => {
    const starts = ['2026-01-16T16:30:00+01:00', '2026-02-20T11:15:00+01:00', '2026-03-27T09:05:00+01:00', '2026-06-30T16:59:00+02:00'];
    for (const start of starts) {
      for (const minutes of [1, 59, 240, 450, 2250, 4500, 20_000]) {
        const due = addWorkingMinutes(paris, at(start), minutes);
        expect([start, minutes, workingMinutesBetween(paris, at(start), due)]).toEqual([start, minutes, minutes]);
        expect(isOpen(paris, new Date(due.getTime() - 1))).toBe(true);
      }
    }
  });

  it('refuses negative or non-finite minutes and invalid dates', () => {
    expect(() => addWorkingMinutes(paris, at('2026-01-19T08:00:00+01:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(paris, at('2026-01-19T08:00:00+01:00'), Number.NaN)).toThrow(RangeError);
    expect(() => isOpen(paris, new Date('not a date'))).toThrow(RangeError);
  });

  it('refuses to look for a due date in a calendar that never opens', () => {
    const closed = calendar({ openingHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(() => addWorkingMinutes(closed, at('2026-01-19T08:00:00+01:00'), 60)).toThrow(/no opening hours/);
    expect(workingMinutesBetween(closed, at('2026-01-01T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'))).toBe(0);
  });
});

describe('school holiday zones', () => {
  // Friday 20 February 2026: zone A is on holiday (7-22 Feb), zone B too (14 Feb-1 Mar), zone C
  // has its last day of class before its own holidays (21 Feb-8 Mar).
  const friday = at('2026-02-20T16:00:00+01:00');

  it('pauses the clock for the whole of zone C winter holidays', () => {
    expect(addWorkingMinutes(paris, friday, 120)).toEqual(at('2026-03-09T09:00:00+01:00'));
  });

  it('follows the zone: A and B are already on holiday that Friday', () => {
    expect(isOpen(calendar({ holidayZone: 'A' }), friday)).toBe(false);
    expect(addWorkingMinutes(calendar({ holidayZone: 'A' }), friday, 120)).toEqual(at('2026-02-23T10:00:00+01:00'));
    expect(addWorkingMinutes(calendar({ holidayZone: 'B' }), friday, 120)).toEqual(at('2026-03-02T10:00:00+01:00'));
  });

  it('counts the holidays as working days when the commune says so', () => {
    expect(addWorkingMinutes(calendar({ schoolHolidaysCount: false }), friday, 120)).toEqual(at('2026-02-23T09:00:00+01:00'));
    expect(addWorkingMinutes(calendar({ holidayZone: 'none' }), friday, 120)).toEqual(at('2026-02-23T09:00:00+01:00'));
  });

  it('closes extra days and extra holiday periods', () => {
    const local = calendar({
      extraClosedDays: ['2026-02-23'],
      extraHolidayPeriods: [{ start: '2026-02-24', end: '2026-02-25', label: 'Classe de neige' }],
      schoolHolidaysCount: true,
      holidayZone: 'none',
    });
    expect(addWorkingMinutes(local, friday, 120)).toEqual(at('2026-02-26T09:00:00+01:00'));
    // Extra holiday periods are school holidays: ignored with them, extra closed days are not.
    const working = calendar({ ...local, schoolHolidaysCount: false });
    expect(addWorkingMinutes(working, friday, 120)).toEqual(at('2026-02-24T09:00:00+01:00'));
  });

  it('adds Alsace-Moselle Good Friday to Easter Monday', () => {
    const thursday = at('2026-04-02T16:00:00+02:00');
    expect(addWorkingMinutes(calendar({ holidayZone: 'B' }), thursday, 120)).toEqual(at('2026-04-03T09:00:00+02:00'));
    const alsace = calendar({ holidayZone: 'B', regionalHolidays: ['alsace_moselle'] });
    expect(addWorkingMinutes(alsace, thursday, 120)).toEqual(at('2026-04-07T09:00:00+02:00'));
  });
});

describe('daylight saving time in Europe/Paris', () => {
  const allDay = { start: '00:00', end: '24:00' };
  const roundTheClock = calendar({
    openingHours: { mon: [allDay], tue: [allDay], wed: [allDay], thu: [allDay], fri: [allDay], sat: [allDay], sun: [allDay] },
    holidayZone: 'none',
  });

  it('has a 23-hour Sunday on 29 March 2026 and a 25-hour one on 25 October 2026', () => {
    expect(workingMinutesBetween(roundTheClock, at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(23 * 60);
    expect(workingMinutesBetween(roundTheClock, at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'))).toBe(25 * 60);
    expect(addWorkingMinutes(roundTheClock, at('2026-03-29T00:00:00+01:00'), 23 * 60)).toEqual(at('2026-03-30T00:00:00+02:00'));
  });

  it('opens at 08:00 wall-clock time on the Monday after the spring change', () => {
    expect(addWorkingMinutes(paris, at('2026-03-27T16:00:00+01:00'), 120)).toEqual(at('2026-03-30T09:00:00+02:00'));
    expect(workingMinutesBetween(paris, at('2026-03-27T08:00:00+01:00'), at('2026-03-30T17:00:00+02:00'))).toBe(900);
  });

  it('opens at 08:00 wall-clock time after the autumn change and the Toussaint holidays', () => {
    expect(addWorkingMinutes(paris, at('2026-10-16T16:00:00+02:00'), 120)).toEqual(at('2026-11-02T09:00:00+01:00'));
    const holidaysIgnored = calendar({ schoolHolidaysCount: false });
    expect(addWorkingMinutes(holidaysIgnored, at('2026-10-23T16:00:00+02:00'), 120)).toEqual(at('2026-10-26T09:00:00+01:00'));
  });
});

describe('La Réunion', () => {
  const reunion = calendar({
    timeZone: 'Indian/Reunion',
    holidayZone: 'none',
    regionalHolidays: ['reunion'],
    extraHolidayPeriods: [...REUNION_SCHOOL_HOLIDAYS],
  });

  it('keeps UTC+4 while Paris changes its clocks the same weekend', () => {
    expect(addWorkingMinutes(reunion, at('2026-03-27T16:30:00+04:00'), 120)).toEqual(at('2026-03-30T09:30:00+04:00'));
  });

  it('follows its own school calendar, not zone C', () => {
    // 20 February 2026 is term time in La Réunion; its holidays run 28 February to 15 March.
    expect(addWorkingMinutes(reunion, at('2026-02-27T16:00:00+04:00'), 120)).toEqual(at('2026-03-16T09:00:00+04:00'));
    expect(isOpen(reunion, at('2026-03-02T10:00:00+04:00'))).toBe(false);
    expect(isOpen(reunion, at('2026-02-23T10:00:00+04:00'))).toBe(true);
  });

  it('closes for the austral winter of 2027 from Saturday 3 July (a Friday 16:30 report)', () => {
    // Friday 2 July 2027, 16:30: an hour of the day is left, then the holidays; the next opening hour is after them.
    expect(addWorkingMinutes(reunion, at('2027-07-02T16:30:00+04:00'), 60)).toEqual(at('2027-08-17T08:30:00+04:00'));
    expect(isOpen(reunion, at('2027-07-05T10:00:00+04:00'))).toBe(false);
  });

  it('closes on 20 December, the abolition of slavery', () => {
    const termTime = calendar({ timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'] });
    expect(addWorkingMinutes(termTime, at('2027-12-17T16:00:00+04:00'), 120)).toEqual(at('2027-12-21T09:00:00+04:00'));
  });
});

describe('pauses while the ticket waits', () => {
  const monday = at('2026-01-19T08:00:00+01:00');
  const pause = (from: string, to: string | null): Pause => ({ from: at(from), to: to === null ? null : at(to) });

  it('dues 4 working hours from Monday 08:00 at noon without pauses', () => {
    expect(dueDate(paris, monday, 240)).toEqual(at('2026-01-19T12:00:00+01:00'));
  });

  it('pushes the due date by the working time of a pause', () => {
    const pauses = [pause('2026-01-19T09:00:00+01:00', '2026-01-19T10:00:00+01:00')];
    expect(dueDate(paris, monday, 240, pauses)).toEqual(at('2026-01-19T14:30:00+01:00'));
    expect(elapsedWorkingMinutes(paris, monday, at('2026-01-19T17:00:00+01:00'), pauses)).toBe(450 - 60);
  });

  it('does not push it for a pause outside opening hours', () => {
    const lunch = [pause('2026-01-19T12:00:00+01:00', '2026-01-19T13:30:00+01:00')];
    expect(dueDate(paris, monday, 240, lunch)).toEqual(at('2026-01-19T12:00:00+01:00'));
    expect(dueDate(paris, monday, 300, lunch)).toEqual(at('2026-01-19T14:30:00+01:00'));
  });

  it('counts overlapping and repeated pauses once', () => {
    const pauses = [
      pause('2026-01-19T09:30:00+01:00', '2026-01-19T10:30:00+01:00'),
      pause('2026-01-19T09:00:00+01:00', '2026-01-19T10:00:00+01:00'),
      pause('2026-01-19T09:00:00+01:00', '2026-01-19T10:00:00+01:00'),
    ];
    expect(dueDate(paris, monday, 240, pauses)).toEqual(at('2026-01-19T15:00:00+01:00'));
    expect(elapsedWorkingMinutes(paris, monday, at('2026-01-19T12:00:00+01:00'), pauses)).toBe(240 - 90);
  });

  it('carries a pause over the weekend into the next working days', () => {
    const friday = at('2026-01-16T16:30:00+01:00');
    const pauses = [pause('2026-01-16T16:45:00+01:00', '2026-01-19T10:00:00+01:00')];
    // 15 minutes on Friday, paused until Monday 10:00, then 105 more minutes.
    expect(dueDate(paris, friday, 120, pauses)).toEqual(at('2026-01-19T11:45:00+01:00'));
    expect(elapsedWorkingMinutes(paris, friday, at('2026-01-19T11:45:00+01:00'), pauses)).toBe(120);
  });

  it('has no due date while an open pause holds the clock before the target', () => {
    const waiting = [pause('2026-01-19T10:00:00+01:00', null)];
    expect(dueDate(paris, monday, 240, waiting)).toBeNull();
    expect(elapsedWorkingMinutes(paris, monday, at('2026-01-20T17:00:00+01:00'), waiting)).toBe(120);
  });

  it('keeps a due date that was reached before an open pause began', () => {
    const lateWait = [pause('2026-01-19T15:00:00+01:00', null)];
    expect(dueDate(paris, monday, 240, lateWait)).toEqual(at('2026-01-19T12:00:00+01:00'));
  });

  it('ignores the part of a pause before the ticket was opened', () => {
    const pauses = [pause('2026-01-16T09:00:00+01:00', '2026-01-19T09:00:00+01:00')];
    expect(dueDate(paris, monday, 240, pauses)).toEqual(at('2026-01-19T14:30:00+01:00'));
    expect(elapsedWorkingMinutes(paris, monday, at('2026-01-19T12:00:00+01:00'), pauses)).toBe(180);
  });

  it('is due at once for a zero-minute target, paused or not', () => {
    expect(dueDate(paris, monday, 0, [pause('2026-01-19T08:00:00+01:00', null)])).toEqual(monday);
  });

  it('refuses a pause that ends before it starts', () => {
    const backwards = [pause('2026-01-19T10:00:00+01:00', '2026-01-19T09:00:00+01:00')];
    expect(() => dueDate(paris, monday, 240, backwards)).toThrow(RangeError);
  });
});
