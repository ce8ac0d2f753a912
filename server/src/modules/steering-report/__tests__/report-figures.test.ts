import { quantile } from '../quantile';
import { ageBandLastDays, schoolYearsOverlapping } from '../steering-report.service';
import { printedCell, thousands } from '../report-format';
import { periodInstants } from '../report-period';
import { rawInstant } from '../../../db/raw-instant';

describe('quantiles', () => {
  it('interpolates between the nearest ranks', () => {
    expect(quantile([1, 2, 3, 10], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 10], 0.9)).toBeCloseTo(7.9, 10);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 0.9)).toBe(100);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('age bands', () => {
  it('ends each band on the same day N full years back', () => {
    // On 30 June 2026, an item bought on 30 June 2025 is one full year old; one bought on 1 July 2025 is not.
    expect(ageBandLastDays('2026-06-30')).toEqual({ '1_to_3': '2025-06-30', '3_to_5': '2023-06-30', '5_to_8': '2021-06-30', '8_and_more': '2018-06-30' });
  });

  it('ends a band on 28 February when 29 February does not exist that year', () => {
    expect(ageBandLastDays('2028-02-29')).toEqual({ '1_to_3': '2027-02-28', '3_to_5': '2025-02-28', '5_to_8': '2023-02-28', '8_and_more': '2020-02-29' });
  });
});

describe('periods in Paris days', () => {
  it('starts and ends at Paris midnight, summer and winter time alike', () => {
    expect(periodInstants({ from: '2026-07-01', to: '2026-09-30' })).toEqual({ start: new Date('2026-06-30T22:00:00Z'), end: new Date('2026-09-30T22:00:00Z') });
    expect(periodInstants({ from: '2026-10-01', to: '2026-12-31' })).toEqual({ start: new Date('2026-09-30T22:00:00Z'), end: new Date('2026-12-31T23:00:00Z') });
  });

  it('lists the school years a period overlaps', () => {
    expect(schoolYearsOverlapping('2026-07-01', '2026-09-30')).toEqual([2025, 2026]);
    expect(schoolYearsOverlapping('2026-10-01', '2026-12-31')).toEqual([2026]);
    expect(schoolYearsOverlapping('2024-09-01', '2027-08-31')).toEqual([2024, 2025, 2026]);
  });

  it('reads datetimes as both engines return them', () => {
    expect(rawInstant('2026-07-02 08:00:00.000')).toEqual(new Date('2026-07-02T08:00:00Z'));
    expect(rawInstant('2026-07-02 08:00:00')).toEqual(new Date('2026-07-02T08:00:00Z'));
    const date = new Date('2026-07-02T08:00:00Z');
    expect(rawInstant(date)).toBe(date);
    expect(rawInstant(null)).toBeNull();
  });
});

describe('printed figures', () => {
  it('groups thousands with a no-break space the PDF fonts can draw', () => {
    expect(thousands(1234567)).toBe('1\u00a0234\u00a0567');
    expect(thousands(1050000 / 100, 2)).toBe('10\u00a0500,00');
    expect(printedCell(1050000, 'euros')).toBe('10\u00a0500,00\u00a0€');
    expect(printedCell(0.6, 'percent')).toBe('60\u00a0%');
    expect(printedCell(73.6, 'hours')).toBe('73,6');
    expect(printedCell(10500, 'decimal')).toBe('10\u00a0500');
    expect(printedCell(2.5, 'decimal')).toBe('2,5');
    expect(printedCell(null, 'integer')).toBe('—');
  });
});
