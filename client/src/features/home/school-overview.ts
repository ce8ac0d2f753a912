import type { SupportLevel } from '@preau/shared';

/** One school of the home page: what is open there, level by level, and what is out of service. */
export interface SchoolOverview {
  id: number;
  name: string;
  uai: string;
  openByLevel: Record<SupportLevel, number>;
  outOfService: number;
}

/**
 * Counts open tickets by level and out-of-service items school by school, for every school in
 * scope (the quiet ones included, with zeros). The schools needing attention come first: most
 * open tickets, then most items out of service; ties keep the order the schools came in (by
 * name), so a city's forty quiet schools do not hide the two that have a problem.
 */
export function overviewBySchool(
  schools: readonly { id: number; name: string; uai: string }[],
  openTickets: readonly { level: SupportLevel; school: { id: number } }[],
  outOfService: readonly { schoolId: number | null }[],
): SchoolOverview[] {
  const rows = new Map<number, SchoolOverview>(
    schools.map((school) => [
      school.id,
      { id: school.id, name: school.name, uai: school.uai, openByLevel: { 1: 0, 2: 0, 3: 0 }, outOfService: 0 },
    ]),
  );
  for (const ticket of openTickets) {
    const row = rows.get(ticket.school.id);
    if (row) row.openByLevel[ticket.level]++;
  }
  for (const item of outOfService) {
    const row = item.schoolId === null ? undefined : rows.get(item.schoolId);
    if (row) row.outOfService++;
  }
  return [...rows.values()].sort((a, b) => openCount(b) - openCount(a) || b.outOfService - a.outOfService);
}

const openCount = (row: SchoolOverview) => row.openByLevel[1] + row.openByLevel[2] + row.openByLevel[3];

/** The sums of every column, for the table's last row. */
export function overviewTotals(rows: readonly SchoolOverview[]): Omit<SchoolOverview, 'id' | 'name' | 'uai'> {
  const totals = { openByLevel: { 1: 0, 2: 0, 3: 0 } as Record<SupportLevel, number>, outOfService: 0 };
  for (const row of rows) {
    for (const level of [1, 2, 3] as const) totals.openByLevel[level] += row.openByLevel[level];
    totals.outOfService += row.outOfService;
  }
  return totals;
}
