import { easterSunday, frenchPublicHolidays, publicHolidayDays } from '../french-public-holidays';
import { dayNumberOfIso } from '../civil-days';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'], // the latest possible date
    [2285, '2285-03-22'], // the earliest possible date
  ])('Easter %i is on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the 11 national holidays of 2026, the movable ones from Easter on 5 April', () => {
    expect(frenchPublicHolidays(2026).map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-08',
      '2026-05-14', // Ascension, Easter + 39
      '2026-05-25', // Whit Monday, Easter + 50
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('moves Easter Monday, Ascension and Whit Monday with Easter on 28 March 2027', () => {
    const byName = new Map(frenchPublicHolidays(2027).map((holiday) => [holiday.name, holiday.date]));
    expect(byName.get('Lundi de Pâques')).toBe('2027-03-29');
    expect(byName.get('Ascension')).toBe('2027-05-06');
    expect(byName.get('Lundi de Pentecôte')).toBe('2027-05-17');
  });

  it('keeps both holidays when they share a day (Ascension on 1 May 2008)', () => {
    const firstOfMay = frenchPublicHolidays(2008).filter((holiday) => holiday.date === '2008-05-01');
    expect(firstOfMay.map((holiday) => holiday.name)).toEqual(['Fête du Travail', 'Ascension']);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const regional = frenchPublicHolidays(2026, ['alsace_moselle']).filter((holiday) => holiday.regional);
    expect(regional).toEqual([
      { date: '2026-04-03', name: 'Vendredi saint', regional: 'alsace_moselle' },
      { date: '2026-12-26', name: 'Saint-Étienne', regional: 'alsace_moselle' },
    ]);
  });

  it.each([
    ['reunion', '2026-12-20'],
    ['mayotte', '2026-04-27'],
    ['guadeloupe', '2026-05-27'],
    ['martinique', '2026-05-22'],
    ['guyane', '2026-06-10'],
    ['saint_martin', '2026-05-28'],
    ['saint_barthelemy', '2026-10-09'],
  ] as const)('adds the abolition of slavery in %s on %s', (option, date) => {
    const holidays = frenchPublicHolidays(2026, [option]);
    expect(holidays).toHaveLength(12);
    expect(holidays).toContainEqual({ date, name: "Abolition de l'esclavage", regional: option });
  });

  it('gives the same day set whatever the order of the regional options', () => {
    const days = publicHolidayDays(2026, ['reunion', 'alsace_moselle']);
    expect(publicHolidayDays(2026, ['alsace_moselle', 'reunion'])).toBe(days);
    expect(days.has(dayNumberOfIso('2026-12-20'))).toBe(true);
    expect(days.has(dayNumberOfIso('2026-04-03'))).toBe(true);
    expect(days.size).toBe(14);
  });
});
