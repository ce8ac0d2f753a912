import type { DataSource } from 'typeorm';
import type { FleetDashboard, FleetDashboardQuery } from '@preau/shared';
import type { Principal } from '../auth/principal';
import { lifetimesInForce } from '../fleet-settings/lifetimes.service';
import { dashboardDates } from './dashboard-dates';
import { resolveScope } from './dashboard-scope';
import { pageOfSchools, schoolRow, tallySchools, totalsOf } from './fleet-figures';
import { oldestOpenTickets, openTicketGroups, scopeSchools } from './fleet-queries';
import { DEFAULT_SUMMARY_OPTIONS, EVERY_SCHOOL, InventorySummary, readInventory, type SummaryOptions } from './inventory-summary';

/** What time it is; tests give a fixed one. */
export type Clock = () => Date;

/** The fleet status of a scope (académie, commune, circonscription, or all the reader's schools). */
export class DashboardService {
  private readonly summary: InventorySummary;
  private readonly options: SummaryOptions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = () => new Date(),
    options: Partial<SummaryOptions> = {},
  ) {
    this.options = { ...DEFAULT_SUMMARY_OPTIONS, ...options };
    this.summary = new InventorySummary(this.options);
  }

  async fleet(principal: Principal, query: FleetDashboardQuery): Promise<FleetDashboard> {
    const manager = this.dataSource.manager;
    const now = this.clock();
    const [scope, lifetimes] = await Promise.all([resolveScope(manager, principal, query), lifetimesInForce(manager)]);
    const dates = dashboardDates(now, lifetimes);
    const schools = await scopeSchools(manager, scope);
    const schoolIds = schools.map((school) => school.id);
    const everySchool = async () => (await scopeSchools(manager, EVERY_SCHOOL)).map((school) => school.id);
    const [inventory, tickets] = await Promise.all([
      schools.length <= this.options.liveSchoolLimit
        ? readInventory(manager, scope, schoolIds, dates).then((tallies) => ({ tallies, computedAt: now }))
        : this.summary.tallies(manager, now, schoolIds, dates, lifetimes, everySchool),
      openTicketGroups(manager, scope, dates),
    ]);

    const tallies = tallySchools(schools, inventory.tallies, tickets);
    const totals = totalsOf(tallies);
    const page = pageOfSchools(tallies, query);
    // The oldest open report is looked up only where it is shown: the page's schools and the scope's.
    const oldestSchools = tallies.filter((t) => t.oldestOpenAt !== null && t.oldestOpenAt === totals.oldestOpenAt);
    const wanted = new Set([...page.items, ...oldestSchools].filter((t) => t.oldestOpenRaw !== null));
    const oldest = await oldestOpenTickets(manager, [...wanted].map((t) => ({ schoolId: t.school.id, openedAt: t.oldestOpenRaw! })));
    // Reports filed the same instant at several schools: the first filed is the scope's oldest.
    const scopeOldest = oldestSchools.flatMap((t) => oldest.get(t.school.id) ?? []).sort((a, b) => a.ticketId - b.ticketId)[0] ?? null;

    return {
      scope: scope.scope,
      today: dates.today,
      // The inventory figures of a large scope come from the summary: they are as of its computation.
      generatedAt: inventory.computedAt.toISOString(),
      lifetimes,
      totals: {
        ...totals.figures,
        oldestOpen: scopeOldest,
        schools: totals.schools,
        compliantSchools: totals.compliantSchools,
        missingByRequirement: totals.missingByRequirement,
      },
      schools: {
        items: page.items.map((tally) => schoolRow(tally, oldest.get(tally.school.id))),
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
      },
    };
  }
}
