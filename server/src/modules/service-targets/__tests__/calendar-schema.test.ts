import { DEFAULT_SERVICE_TARGETS, ServiceTargets, WorkingCalendar, calendarHintsForAcademy } from '@preau/shared';

describe('WorkingCalendar', () => {
  it('defaults to a Paris primary school in zone C', () => {
    const calendar = WorkingCalendar.parse({});
    expect(calendar).toEqual({
      timeZone: 'Europe/Paris',
      openingHours: {
        mon: [
          { start: '08:00', end: '12:00' },
          { start: '13:30', end: '17:00' },
        ],
        tue: [
          { start: '08:00', end: '12:00' },
          { start: '13:30', end: '17:00' },
        ],
        wed: [{ start: '08:00', end: '12:00' }],
        thu: [
          { start: '08:00', end: '12:00' },
          { start: '13:30', end: '17:00' },
        ],
        fri: [
          { start: '08:00', end: '12:00' },
          { start: '13:30', end: '17:00' },
        ],
        sat: [],
        sun: [],
      },
      holidayZone: 'C',
      schoolHolidaysCount: true,
      extraClosedDays: [],
      extraHolidayPeriods: [],
      regionalHolidays: [],
    });
  });

  it('hands out fresh defaults, so editing one calendar leaves the next alone', () => {
    const first = WorkingCalendar.parse({});
    first.openingHours.mon.push({ start: '18:00', end: '19:00' });
    expect(WorkingCalendar.parse({}).openingHours.mon).toHaveLength(2);
  });

  it('lists every problem: unknown zone, reversed and overlapping intervals, bad dates', () => {
    const result = WorkingCalendar.safeParse({
      timeZone: 'Europe/Atlantis',
      openingHours: {
        mon: [{ start: '12:00', end: '08:00' }],
        tue: [
          { start: '08:00', end: '12:00' },
          { start: '11:00', end: '14:00' },
        ],
        wed: [{ start: '08:00', end: '25:00' }],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      },
      holidayZone: 'D',
      extraClosedDays: ['2026-02-30'],
      extraHolidayPeriods: [{ start: '2026-03-10', end: '2026-03-01' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'extraClosedDays.0',
      'extraHolidayPeriods.0.end',
      'holidayZone',
      'openingHours.mon.0.end',
      'openingHours.tue.1.start',
      'openingHours.wed.0.end',
      'timeZone',
    ]);
  });

  it('accepts La Réunion and a day open until midnight', () => {
    const calendar = WorkingCalendar.parse({
      timeZone: 'Indian/Reunion',
      holidayZone: 'none',
      openingHours: { mon: [{ start: '18:00', end: '24:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    });
    expect(calendar.timeZone).toBe('Indian/Reunion');
  });
});

describe('ServiceTargets', () => {
  it('defaults to the documented targets in working minutes', () => {
    expect(ServiceTargets.parse(undefined)).toEqual({
      P1: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      P2: { firstResponseMinutes: 240, resolutionMinutes: 900 },
      P3: { firstResponseMinutes: 450, resolutionMinutes: 2250 },
      P4: { firstResponseMinutes: 900, resolutionMinutes: 4500 },
    });
    expect(ServiceTargets.parse(undefined)).not.toBe(DEFAULT_SERVICE_TARGETS);
  });

  it('needs every priority and a first response no later than the resolution', () => {
    const result = ServiceTargets.safeParse({
      P1: { firstResponseMinutes: 120, resolutionMinutes: 60 },
      P2: { firstResponseMinutes: 240, resolutionMinutes: 900 },
      P3: { firstResponseMinutes: 450, resolutionMinutes: 2250 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['P1.firstResponseMinutes', 'P4']);
  });
});

describe('calendarHintsForAcademy', () => {
  it.each([
    ['montpellier', { timeZone: 'Europe/Paris', holidayZone: 'C', regionalHolidays: [] }],
    ['aix-marseille', { timeZone: 'Europe/Paris', holidayZone: 'B', regionalHolidays: [] }],
    ['Lyon', { timeZone: 'Europe/Paris', holidayZone: 'A', regionalHolidays: [] }],
    ['strasbourg', { timeZone: 'Europe/Paris', holidayZone: 'B', regionalHolidays: ['alsace_moselle'] }],
    ['reunion', { timeZone: 'Indian/Reunion', holidayZone: 'none', regionalHolidays: ['reunion'] }],
  ])('suggests a calendar for %s', (code, hints) => {
    expect(calendarHintsForAcademy(code)).toEqual(hints);
  });

  it('knows nothing of an unknown code', () => {
    expect(calendarHintsForAcademy('atlantis')).toBeNull();
  });
});
