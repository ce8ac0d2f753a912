import { HolidayPeriod } from '@preau/shared';
import { dayNumberOfIso, weekdayIndex } from '../civil-days';
import { REUNION_SCHOOL_HOLIDAYS, SCHOOL_HOLIDAYS, SCHOOL_HOLIDAYS_COVERAGE, schoolHolidayPeriods } from '../school-holidays';

const SATURDAY = 5;
const SUNDAY = 6;

const weekday = (iso: string) => weekdayIndex(dayNumberOfIso(iso));

function expectDisjointInOrder(periods: ReadonlyArray<{ start: string; end: string }>) {
  periods.forEach((period, index) => {
    expect(period.start <= period.end).toBe(true);
    const next = periods[index + 1];
    if (next) expect(period.end < next.start).toBe(true);
  });
}

describe('SCHOOL_HOLIDAYS', () => {
  it('starts each period on a Saturday and ends it on a Sunday, but the Ascension bridge and the summer', () => {
    const regular = SCHOOL_HOLIDAYS.filter((period) => !/Ascension|été/.test(period.name));
    expect(regular).toHaveLength(16);
    for (const period of regular) {
      expect([period.name, weekday(period.start)]).toEqual([period.name, SATURDAY]);
      expect([period.name, weekday(period.end)]).toEqual([period.name, SUNDAY]);
    }
  });

  it('gives each zone its own winter and spring holidays, and one period of every other kind to all', () => {
    for (const zone of ['A', 'B', 'C'] as const) {
      const periods = schoolHolidayPeriods(zone);
      expect(periods).toHaveLength(13);
      expectDisjointInOrder(periods);
    }
    const winters2026 = SCHOOL_HOLIDAYS.filter((period) => period.name === "Vacances d'hiver 2026");
    expect(winters2026.map((period) => [period.zones, period.start])).toEqual([
      [['A'], '2026-02-07'],
      [['B'], '2026-02-14'],
      [['C'], '2026-02-21'],
    ]);
  });

  it('has no school holidays for zone none', () => {
    expect(schoolHolidayPeriods('none')).toEqual([]);
  });

  it('covers the days its table spans', () => {
    const starts = SCHOOL_HOLIDAYS.map((period) => period.start).sort();
    const ends = SCHOOL_HOLIDAYS.map((period) => period.end).sort();
    expect(SCHOOL_HOLIDAYS_COVERAGE).toEqual({ from: starts[0], until: ends.at(-1) });
  });
});

describe('REUNION_SCHOOL_HOLIDAYS', () => {
  it('is a valid list of holiday periods, in order and disjoint', () => {
    for (const period of REUNION_SCHOOL_HOLIDAYS) expect(HolidayPeriod.parse(period)).toEqual(period);
    expectDisjointInOrder(REUNION_SCHOOL_HOLIDAYS);
  });
});
