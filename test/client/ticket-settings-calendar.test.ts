import { CommuneTicketSettings, DEFAULT_OPENING_HOURS, MAX_DAY_INTERVALS, WorkingCalendar } from '@preau/shared';
import {
  calendarFieldPaths,
  calendarIssueMessage,
  nextInterval,
  pathsTouchedByInterval,
  periodsBody,
  sameWeek,
  typedPeriods,
  typedWeek,
  weekBody,
  type TypedWeek,
} from '../../client/src/features/ticket-settings/calendar-editing';

const morning = DEFAULT_OPENING_HOURS.mon[0]!;
const closedWeek = (): TypedWeek => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

/** What the shared schema says about a typed calendar, as `path: code` lines. */
function issuesOf(week: TypedWeek, periods: Parameters<typeof periodsBody>[0] = []): string[] {
  const checked = WorkingCalendar.safeParse({ openingHours: weekBody(week), extraHolidayPeriods: periodsBody(periods) });
  return checked.success ? [] : checked.error.issues.map((issue) => `calendar.${issue.path.join('.')}: ${issue.code}`);
}

describe('opening hours as typed in the form', () => {
  test('the default week reads back unchanged and is known as the default', () => {
    const week = typedWeek(DEFAULT_OPENING_HOURS);
    expect(weekBody(week)).toEqual(DEFAULT_OPENING_HOURS);
    expect(sameWeek(week, typedWeek(DEFAULT_OPENING_HOURS))).toBe(true);
    expect(sameWeek({ ...week, wed: [...week.wed, { start: '13:30', end: '17:00' }] }, week)).toBe(false);
  });

  test('open until midnight shows as a 00:00 end, which a time input can hold, and is saved as 24:00', () => {
    const week = typedWeek({ ...DEFAULT_OPENING_HOURS, sat: [{ start: '18:00', end: '24:00' }] });
    expect(week.sat).toEqual([{ start: '18:00', end: '00:00' }]);
    expect(weekBody(week).sat).toEqual([{ start: '18:00', end: '24:00' }]);
    expect(weekBody({ ...closedWeek(), sun: [{ start: '00:00', end: '00:00' }] }).sun).toEqual([{ start: '00:00', end: '24:00' }]);
    expect(issuesOf({ ...closedWeek(), sun: [{ start: '00:00', end: '00:00' }] })).toEqual([]);
  });

  test('a blank time stays blank, for the schema to refuse under its field', () => {
    const week = { ...closedWeek(), wed: [{ start: '', end: '12:00' }] };
    expect(weekBody(week).wed).toEqual([{ start: '', end: '12:00' }]);
    expect(issuesOf(week)).toContain('calendar.openingHours.wed.0.start: invalid_format');
  });

  test('the schema puts an end before its start, and an overlap, on the fields the form shows them under', () => {
    const week = {
      ...closedWeek(),
      wed: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '10:00' },
      ],
    };
    const issues = issuesOf(week);
    expect(issues).toContain('calendar.openingHours.wed.1.end: custom');
    const overlapping = { ...closedWeek(), wed: [week.wed[0]!, { start: '11:00', end: '13:00' }] };
    expect(issuesOf(overlapping)).toEqual(['calendar.openingHours.wed.1.start: custom']);
    const shown = [...calendarFieldPaths(week, []), ...calendarFieldPaths(overlapping, [])];
    for (const issue of [...issues, ...issuesOf(overlapping)]) expect(shown).toContain(issue.split(':')[0]);
  });

  test('the form stops adding at the number of intervals the schema takes', () => {
    const day = Array.from({ length: MAX_DAY_INTERVALS }, (_, hour) => ({ start: `0${hour}:00`, end: `0${hour}:30` }));
    expect(issuesOf({ ...closedWeek(), mon: day })).toEqual([]);
    expect(issuesOf({ ...closedWeek(), mon: [...day, { start: '09:00', end: '09:30' }] })).toEqual(['calendar.openingHours.mon: too_big']);
  });

  test.each([
    [[], { start: morning.start, end: morning.end }],
    [[{ start: '08:00', end: '12:00' }], { start: '13:00', end: '15:00' }],
    [[{ start: '18:00', end: '21:30' }], { start: '22:30', end: '00:00' }],
    [[{ start: '20:00', end: '23:00' }], { start: '', end: '' }],
    [[{ start: '20:00', end: '00:00' }], { start: '', end: '' }],
    [[{ start: '08:00', end: '' }], { start: '', end: '' }],
  ])('after %j an added interval is %j', (intervals, added) => {
    expect(nextInterval(intervals, morning)).toEqual(added);
  });

  test('an added interval after a valid one keeps the day valid', () => {
    const wed = [{ start: '08:00', end: '12:00' }];
    expect(issuesOf({ ...closedWeek(), wed: [...wed, nextInterval(wed, morning)] })).toEqual([]);
  });

  test("editing an interval forgets its own errors and the next one's overlap", () => {
    expect(pathsTouchedByInterval('wed', 0)).toEqual(['calendar.openingHours.wed.0.start', 'calendar.openingHours.wed.0.end', 'calendar.openingHours.wed.1.start']);
  });
});

describe('extra holiday periods as typed in the form', () => {
  test('saved periods read by first day, one added at the end of the year included', () => {
    const periods = typedPeriods([
      { start: '2027-07-03', end: '2027-08-31', label: 'Été' },
      { start: '2027-02-10', end: '2027-02-20' },
    ]);
    expect(periods.map((period) => period.start)).toEqual(['2027-02-10', '2027-07-03']);
  });

  test('a blank label is left out, a label is trimmed, dates are kept', () => {
    const periods = typedPeriods([
      { start: '2025-10-18', end: '2025-11-02', label: 'Toussaint' },
      { start: '2026-02-14', end: '2026-03-01' },
    ]);
    expect(periods[1]).toEqual({ start: '2026-02-14', end: '2026-03-01', label: '' });
    expect(periodsBody([{ ...periods[0]!, label: '  Toussaint ' }, { ...periods[1]!, label: '   ' }])).toEqual([
      { start: '2025-10-18', end: '2025-11-02', label: 'Toussaint' },
      { start: '2026-02-14', end: '2026-03-01' },
    ]);
  });

  test('a period ending before it starts, or without a first day, is refused on the field that shows it', () => {
    const periods = [
      { start: '2025-10-18', end: '2025-11-02', label: '' },
      { start: '', end: '2026-03-01', label: '' },
      { start: '2026-04-20', end: '2026-04-10', label: 'Pâques' },
    ];
    const issues = issuesOf(closedWeek(), periods);
    expect(issues).toEqual(['calendar.extraHolidayPeriods.1.start: invalid_format', 'calendar.extraHolidayPeriods.2.end: custom']);
    const shown = calendarFieldPaths(closedWeek(), periods);
    for (const issue of issues) expect(shown).toContain(issue.split(':')[0]);
  });

  test('a whole settings body with typed hours and periods passes the shared schema', () => {
    const checked = CommuneTicketSettings.safeParse({
      calendar: {
        openingHours: weekBody({ ...typedWeek(DEFAULT_OPENING_HOURS), wed: [{ start: '08:30', end: '11:30' }] }),
        extraHolidayPeriods: periodsBody([{ start: '2025-12-20', end: '2026-01-04', label: 'Noël' }]),
      },
    });
    expect(checked.success).toBe(true);
  });
});

describe('messages for the calendar editors', () => {
  test.each([
    ['calendar.openingHours.wed.0.end', 'custom', { key: 'openingHours.endBeforeStart' }],
    ['calendar.openingHours.wed.1.start', 'custom', { key: 'openingHours.overlap' }],
    ['calendar.openingHours.mon.0.start', 'invalid_format', { key: 'openingHours.timeInvalid' }],
    ['calendar.openingHours.sun.2.end', 'invalid_format', { key: 'openingHours.timeInvalid' }],
    ['calendar.openingHours.fri', 'too_big', { key: 'openingHours.tooMany', values: { max: 8 } }],
    ['calendar.extraHolidayPeriods.2.end', 'custom', { key: 'holidayPeriods.endBeforeStart' }],
    ['calendar.extraHolidayPeriods.0.start', 'invalid_format', { key: 'holidayPeriods.dateInvalid' }],
    ['calendar.extraHolidayPeriods.3.label', 'too_big', { key: 'holidayPeriods.labelTooLong', values: { max: 100 } }],
    ['calendar.extraHolidayPeriods', 'too_big', { key: 'holidayPeriods.tooMany', values: { max: 200 } }],
  ])('%s (%s) is told as %j', (path, code, message) => {
    expect(calendarIssueMessage(path, code)).toEqual(message);
  });

  test.each([
    ['calendar.extraHolidayPeriods.0.label', 'invalid_type'],
    ['calendar.extraClosedDays.0', 'invalid_format'],
    ['calendar.timeZone', 'custom'],
    ['calendar.openingHours.holiday.0.end', 'custom'],
  ])('%s (%s) is left to the generic messages', (path, code) => {
    expect(calendarIssueMessage(path, code)).toBeUndefined();
  });

  test('every path the editors show is one the server may name', () => {
    const week = { ...closedWeek(), wed: [{ start: '08:00', end: '12:00' }] };
    expect(calendarFieldPaths(week, [{ start: '', end: '', label: '' }])).toEqual([
      'calendar.openingHours',
      'calendar.openingHours.mon',
      'calendar.openingHours.tue',
      'calendar.openingHours.wed',
      'calendar.openingHours.wed.0.start',
      'calendar.openingHours.wed.0.end',
      'calendar.openingHours.thu',
      'calendar.openingHours.fri',
      'calendar.openingHours.sat',
      'calendar.openingHours.sun',
      'calendar.extraHolidayPeriods',
      'calendar.extraHolidayPeriods.0.start',
      'calendar.extraHolidayPeriods.0.end',
      'calendar.extraHolidayPeriods.0.label',
    ]);
  });
});
