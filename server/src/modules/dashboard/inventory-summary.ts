import type { EntityManager } from 'typeorm';
import type { EquipmentLifetimes } from '@preau/shared';
import type { DashboardDates } from './dashboard-dates';
import type { ResolvedScope } from './dashboard-scope';
import { tallyInventory, type FleetTally } from './fleet-figures';
import { equipmentGroups, incompleteClassrooms, mobileClassPlans, officeEquipment, trolleyContents } from './fleet-queries';

/** The inventory figures of the scope's schools, read now. */
export async function readInventory(manager: EntityManager, scope: ResolvedScope, schoolIds: number[], dates: DashboardDates): Promise<Map<number, FleetTally>> {
  const [equipment, trolleys, plans, offices, classrooms] = await Promise.all([
    equipmentGroups(manager, scope, dates),
    trolleyContents(manager, scope),
    mobileClassPlans(manager, scope),
    officeEquipment(manager, scope),
    incompleteClassrooms(manager, scope),
  ]);
  return tallyInventory(schoolIds, { equipment, trolleys, plans, offices, classrooms });
}

export interface SummaryOptions {
  /** Scopes of at most this many schools are read live; larger ones from the summary. */
  liveSchoolLimit: number;
  /** Past this age the summary is still served, and refreshed in the background. */
  refreshAfterMs: number;
  /** Past this age (or on another day, or with other lifetimes) the summary is rebuilt before answering. */
  maxAgeMs: number;
}

export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = { liveSchoolLimit: 300, refreshAfterMs: 5 * 60_000, maxAgeMs: 30 * 60_000 };

interface Snapshot {
  computedAt: Date;
  today: string;
  lifetimes: string;
  tallies: Map<number, FleetTally>;
}

/** Every school's inventory figures at once. */
export const EVERY_SCHOOL: ResolvedScope = { scope: { kind: 'all', id: null, name: '' }, restrict: (qb) => qb };

/**
 * The inventory figures of every active school, computed with the same queries as a live read
 * and kept in memory: an académie holds hundreds of thousands of items, too many to count on
 * each look at its dashboard. Open reports are not in it (they are few and read live, their ages
 * exact). Refreshed in the background once `refreshAfterMs` old, rebuilt before answering when
 * too old, of another day, computed with other lifetimes, or missing a school. Each server
 * process keeps its own.
 */
export class InventorySummary {
  private snapshot: Snapshot | null = null;
  private building: Promise<Snapshot> | null = null;

  constructor(private readonly options: SummaryOptions) {}

  async tallies(
    manager: EntityManager,
    now: Date,
    schoolIds: number[],
    dates: DashboardDates,
    lifetimes: EquipmentLifetimes,
    everySchool: () => Promise<number[]>,
  ): Promise<{ tallies: Map<number, FleetTally>; computedAt: Date }> {
    const key = JSON.stringify(lifetimes);
    const snapshot = this.snapshot;
    const age = snapshot ? now.getTime() - snapshot.computedAt.getTime() : Infinity;
    const usable = snapshot && snapshot.today === dates.today && snapshot.lifetimes === key && age < this.options.maxAgeMs && schoolIds.every((id) => snapshot.tallies.has(id));
    if (!usable) return this.build(manager, now, dates, key, everySchool);
    if (age >= this.options.refreshAfterMs) {
      // A failed background refresh keeps the snapshot; the rebuild past maxAge reports the error.
      this.build(manager, now, dates, key, everySchool).catch(() => undefined);
    }
    return snapshot;
  }

  /** One build at a time: callers arriving meanwhile share it. */
  private build(manager: EntityManager, now: Date, dates: DashboardDates, lifetimes: string, everySchool: () => Promise<number[]>): Promise<Snapshot> {
    this.building ??= (async () => {
      try {
        const tallies = await readInventory(manager, EVERY_SCHOOL, await everySchool(), dates);
        const snapshot = { computedAt: now, today: dates.today, lifetimes, tallies };
        this.snapshot = snapshot;
        return snapshot;
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }
}
