import { DEFAULT_LIFETIME_YEARS } from '@preau/shared';
import { dashboardDates } from '../dashboard-dates';
import { pageOfSchools, tallyInventory, tallySchools } from '../fleet-figures';
import type { ScopeSchool } from '../fleet-queries';

describe('dashboard dates', () => {
  it('takes today in Paris, in summer and in winter time', () => {
    expect(dashboardDates(new Date('2026-06-14T21:59:00Z'), DEFAULT_LIFETIME_YEARS).today).toBe('2026-06-14');
    expect(dashboardDates(new Date('2026-06-14T22:00:00Z'), DEFAULT_LIFETIME_YEARS).today).toBe('2026-06-15');
    expect(dashboardDates(new Date('2026-01-14T22:59:00Z'), DEFAULT_LIFETIME_YEARS).today).toBe('2026-01-14');
    expect(dashboardDates(new Date('2026-01-14T23:00:00Z'), DEFAULT_LIFETIME_YEARS).today).toBe('2026-01-15');
  });

  it('ends the warranty window 90 days after today, and dates renewals back by whole years', () => {
    const dates = dashboardDates(new Date('2028-02-29T12:00:00Z'), { ...DEFAULT_LIFETIME_YEARS, laptop: 4 });
    expect(dates.warrantyHorizon).toBe('2028-05-29');
    expect(dates.renewalCutoffs.laptop).toBe('2024-02-29');
    // No 29 February five years back: the day before March.
    expect(dates.renewalCutoffs.tablet).toBe('2023-02-28');
  });

  it('measures ages in elapsed 24-hour days, across the change to summer time', () => {
    const dates = dashboardDates(new Date('2026-03-29T12:00:00Z'), DEFAULT_LIFETIME_YEARS);
    expect(dates.dayAgo.toISOString()).toBe('2026-03-28T12:00:00.000Z');
    expect(dates.weekAgo.toISOString()).toBe('2026-03-22T12:00:00.000Z');
    expect(dates.monthAgo.toISOString()).toBe('2026-02-27T12:00:00.000Z');
  });
});

describe('the page of schools', () => {
  const school = (id: number, name: string): ScopeSchool => ({ id, uai: `097400${id}X`, name, communeId: 1, communeName: 'C', circonscriptionId: 1, circonscriptionName: 'Ci' });
  const schools = [school(1, 'École Zola'), school(2, 'École Ader'), school(3, 'École Éluard')];
  // Zola: 1 of 2 in service; Ader: none at all; Éluard: 1 of 1.
  const inventory = tallyInventory([1, 2, 3], {
    equipment: [
      { schoolId: 1, kind: 'laptop', status: 'in_service', count: 1, pastRenewalAge: 0, warrantiesEnding: 0 },
      { schoolId: 1, kind: 'laptop', status: 'broken', count: 1, pastRenewalAge: 1, warrantiesEnding: 0 },
      { schoolId: 3, kind: 'desktop', status: 'in_service', count: 1, pastRenewalAge: 0, warrantiesEnding: 0 },
    ],
    trolleys: [],
    plans: [],
    offices: [],
    classrooms: [],
  });
  const tallies = tallySchools(schools, inventory, []);
  const page = (sort: { field: 'name' | 'shareInService'; direction: 'ASC' | 'DESC' }) =>
    pageOfSchools(tallies, { sort, page: 1, pageSize: 10 }).items.map((t) => t.school.name);

  it('orders names the French way, accents with their letter', () => {
    expect(page({ field: 'name', direction: 'ASC' })).toEqual(['École Ader', 'École Éluard', 'École Zola']);
  });

  it('puts schools without items last, whichever the direction', () => {
    expect(page({ field: 'shareInService', direction: 'ASC' })).toEqual(['École Zola', 'École Éluard', 'École Ader']);
    expect(page({ field: 'shareInService', direction: 'DESC' })).toEqual(['École Éluard', 'École Zola', 'École Ader']);
  });

  it('leaves the cached inventory tallies unchanged when adding open reports', () => {
    tallySchools(schools, inventory, [{ schoolId: 1, level: 2, age: 'day', count: 3, oldestAt: 0, oldestRaw: '1970-01-01 00:00:00.000' }]);
    expect(inventory.get(1)!.figures.openIncidents.total).toBe(0);
  });
});
