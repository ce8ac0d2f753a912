import { DateTime } from 'luxon';
import { EquipmentKind, REPORTING_TIME_ZONE, WARRANTY_HORIZON_DAYS, type EquipmentLifetimes } from '@preau/shared';

/** The day boundaries and instants the dashboard's figures are computed against. */
export interface DashboardDates {
  /** `YYYY-MM-DD` in Europe/Paris. */
  today: string;
  /** Last day of the warranty window, `today` + `WARRANTY_HORIZON_DAYS`. */
  warrantyHorizon: string;
  /** Per kind: an item bought before this day is older than its lifetime. */
  renewalCutoffs: Record<EquipmentKind, string>;
  /** Reports newer than these instants are under a day, a week, 30 days old. */
  dayAgo: Date;
  weekAgo: Date;
  monthAgo: Date;
}

export function dashboardDates(now: Date, lifetimes: EquipmentLifetimes): DashboardDates {
  const today = DateTime.fromJSDate(now, { zone: REPORTING_TIME_ZONE }).startOf('day');
  // Ages are elapsed time (24-hour days), whatever the clocks did in between.
  const instant = DateTime.fromJSDate(now, { zone: 'utc' });
  const renewalCutoffs = Object.fromEntries(
    EquipmentKind.options.map((kind) => [kind, today.minus({ years: lifetimes[kind] }).toISODate()!]),
  ) as Record<EquipmentKind, string>;
  return {
    today: today.toISODate()!,
    warrantyHorizon: today.plus({ days: WARRANTY_HORIZON_DAYS }).toISODate()!,
    renewalCutoffs,
    dayAgo: instant.minus({ days: 1 }).toJSDate(),
    weekAgo: instant.minus({ days: 7 }).toJSDate(),
    monthAgo: instant.minus({ days: 30 }).toJSDate(),
  };
}
