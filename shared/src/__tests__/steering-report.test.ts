import { SteeringReportQuery, latestEnd, periodFromKey } from '../steering-report';
import { entChangeWindow, schoolYearBounds, schoolYearOf } from '../ent-subscriptions';

describe('report periods', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-q4', '2026-10-01', '2026-12-31'],
  ])('reads the quarter %s as %s – %s', (key, from, to) => {
    expect(periodFromKey(key)).toEqual({ kind: 'quarter', from, to, key: key.toUpperCase() });
  });

  it('reads a year as the school year starting then', () => {
    expect(periodFromKey('2025')).toEqual({ kind: 'school_year', from: '2025-09-01', to: '2026-08-31', key: '2025-2026' });
  });

  it.each(['2026-Q5', '2026-Q0', '26-Q1', '2026-T3', '2025-2026', ''])('refuses %j', (key) => {
    expect(periodFromKey(key)).toBeNull();
  });

  it('ends a period three years on, less a day, leap days included', () => {
    expect(latestEnd('2026-07-01')).toBe('2029-06-30');
    expect(latestEnd('2024-01-01')).toBe('2026-12-31');
    // 29 February 2027 does not exist: three years on is 1 March, so the last day is 28 February.
    expect(latestEnd('2024-02-29')).toBe('2027-02-28');
  });

  it('parses a query into a period and a scope, listing what is wrong', () => {
    expect(SteeringReportQuery.parse({ period: '2026-Q3', communeId: '4' })).toEqual({
      period: { kind: 'quarter', from: '2026-07-01', to: '2026-09-30', key: '2026-Q3' },
      scope: { academyId: undefined, communeId: 4, circonscriptionId: undefined },
    });
    expect(SteeringReportQuery.parse({ from: '2026-01-15', to: '2026-01-15' }).period).toEqual({ kind: 'dates', from: '2026-01-15', to: '2026-01-15', key: '2026-01-15_2026-01-15' });
    const paths = (query: object) => SteeringReportQuery.safeParse(query).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ period: '2026-Q3', communeId: '1', academyId: '2' })).toEqual(['academyId']);
    expect(paths({ period: 'soon' })).toEqual(['period']);
    expect(paths({ from: '2026-03-01', to: '2026-02-28' })).toEqual(['to']);
    expect(paths({ from: '2026-01-01', to: '2029-01-01' })).toEqual(['to']);
    expect(paths({ from: '2026-01-01', to: '2028-12-31' })).toBeUndefined();
    expect(paths({ to: '2026-01-01' })).toEqual(['from']);
  });
});

describe('school years', () => {
  it.each([
    ['2026-08-31', 2025],
    ['2026-09-01', 2026],
    ['2027-01-10', 2026],
  ])('puts %s in the school year starting %i', (day, year) => {
    expect(schoolYearOf(day)).toBe(year);
  });

  it('runs from 1 September to 31 August, changes usually happening until 15 October', () => {
    expect(schoolYearBounds(2026)).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(entChangeWindow(2026)).toEqual({ from: '2026-09-01', to: '2026-10-15' });
  });
});
