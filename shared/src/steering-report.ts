import { z } from 'zod';
import { IsoDate, atMostOneScope, scopeIds } from './common';
import { DashboardScope } from './dashboard';
import { REPORTING_TIME_ZONE } from './reporting';
import { EquipmentKind, EquipmentStatus } from './equipment';
import { TicketCategory } from './routing';
import { schoolYearBounds, schoolYearLabel } from './ent-subscriptions';

/**
 * The steering committee report (comité de pilotage): what happened to incidents over a
 * period, the fleet as it stands, the spending and subsidies of the period and the ENT
 * subscriptions of its school years, for one organisation or the reader's whole scope.
 *
 * Days are Europe/Paris days: a period from D1 to D2 covers the instants from D1 00:00 to
 * D2 24:00, Paris time. Durations are calendar hours (elapsed time, nights, weekends and
 * waiting included), not the working hours the service targets count.
 */

/** Longest period a report covers: three years. */
export const REPORT_MAX_YEARS = 3;

export const ReportPeriodKind = z.enum(['quarter', 'school_year', 'dates']);
export type ReportPeriodKind = z.infer<typeof ReportPeriodKind>;

/** A period as resolved from the query: its first and last day (inclusive), and how to name it. */
export const ReportPeriod = z.object({
  kind: ReportPeriodKind,
  from: IsoDate,
  to: IsoDate,
  /** Safe in file names: `2026-Q3`, `2025-2026`, `2026-01-01_2026-03-31`. */
  key: z.string(),
});
export type ReportPeriod = z.infer<typeof ReportPeriod>;

const QUARTER = /^(\d{4})-Q([1-4])$/i;
const SCHOOL_YEAR = /^(\d{4})$/;

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** The period a `period` value names: `2026-Q3` (July–September 2026) or `2025` (school year 2025-2026). */
export function periodFromKey(value: string): ReportPeriod | null {
  const quarter = QUARTER.exec(value.trim());
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    const last = new Date(Date.UTC(year, q * 3, 0));
    return { kind: 'quarter', from: `${year}-${pad(q * 3 - 2)}-01`, to: dayOf(last), key: `${year}-Q${q}` };
  }
  const schoolYear = SCHOOL_YEAR.exec(value.trim());
  if (schoolYear) {
    const year = Number(schoolYear[1]);
    return { kind: 'school_year', ...schoolYearBounds(year), key: schoolYearLabel(year) };
  }
  return null;
}

/** The last day a period starting on `from` may end on: three years on, less a day. */
export function latestEnd(from: string): string {
  const date = utc(from);
  date.setUTCFullYear(date.getUTCFullYear() + REPORT_MAX_YEARS);
  date.setUTCDate(date.getUTCDate() - 1);
  return dayOf(date);
}

/**
 * `GET /reports/steering`: `period` (a quarter `2026-Q3` or a school year `2025`), or `from`
 * and `to` (days, inclusive, three years at most); and at most one organisation.
 */
export const SteeringReportQuery = z
  .object({
    period: z.string().trim().max(20).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    ...scopeIds,
  })
  .transform((q, ctx) => {
    const scope = { academyId: q.academyId, communeId: q.communeId, circonscriptionId: q.circonscriptionId };
    atMostOneScope(scope, ctx);
    let period: ReportPeriod | null = null;
    if (q.period !== undefined) {
      if (q.from !== undefined || q.to !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['period'], message: 'Give a period, or from and to, not both' });
      }
      period = periodFromKey(q.period);
      if (!period) ctx.addIssue({ code: 'custom', path: ['period'], message: 'A period is a quarter such as 2026-Q3, or a school year such as 2025 (for 2025-2026)' });
    } else if (q.from === undefined || q.to === undefined) {
      ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'Give a period (2026-Q3 or 2025), or both from and to' });
    } else if (q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The period ends on or after its first day' });
    } else if (q.to > latestEnd(q.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `A report covers ${REPORT_MAX_YEARS} years at most` });
    } else {
      period = { kind: 'dates', from: q.from, to: q.to, key: `${q.from}_${q.to}` };
    }
    if (!period) return z.NEVER;
    return { period, scope };
  });
export type SteeringReportQuery = z.output<typeof SteeringReportQuery>;
export type SteeringReportParams = z.input<typeof SteeringReportQuery>;

export const ReportFormat = z.enum(['json', 'csv', 'xlsx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

const count = z.number().int();

/** Median and 90th percentile of durations, in calendar hours (linear interpolation between ranks). */
export const DurationFigures = z.object({
  /** Tickets created in the period that reached the step (the durations measured). */
  measured: count,
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
  /**
   * Tickets created in the period with a due date for the step, that either reached the step
   * or are past the due date at report time (an overdue step counts as missed).
   */
  withTarget: count,
  /** Of those, the ones whose step happened on or before its due date. */
  withinTarget: count,
  /** `withinTarget / withTarget`, 0 to 1; null when `withTarget` is 0. */
  shareWithinTarget: z.number().nullable(),
});
export type DurationFigures = z.infer<typeof DurationFigures>;

/** Years since purchase, at report time. */
export const AgeBand = z.enum(['under_1', '1_to_3', '3_to_5', '5_to_8', '8_and_more', 'unknown']);
export type AgeBand = z.infer<typeof AgeBand>;

/** Lower bound (years, included) of each band but `unknown`; a band runs to the next one's bound. */
export const AGE_BAND_FROM_YEARS: Readonly<Record<Exclude<AgeBand, 'unknown'>, number>> = {
  under_1: 0,
  '1_to_3': 1,
  '3_to_5': 3,
  '5_to_8': 5,
  '8_and_more': 8,
};

export const SpendingRow = z.object({
  funding: z.enum(['commune', 'state_subsidy']),
  /** The State programme; null for the commune's own budget. */
  programme: z.string().nullable(),
  items: count,
  /** Items bought in the period without a recorded price: counted, not summed. */
  unpricedItems: count,
  totalCents: count,
  /** The subsidy recorded on each item (`fundingAmountCents`), capped at its price. */
  stateCents: count,
  /** Price less the State's share. */
  communeCents: count,
});
export type SpendingRow = z.infer<typeof SpendingRow>;

export const SteeringReport = z.object({
  scope: DashboardScope,
  period: ReportPeriod,
  timeZone: z.literal(REPORTING_TIME_ZONE),
  generatedAt: z.string(),
  /** Tickets created in the period (their `createdAt`), counted by their current level, their category and school. */
  incidents: z.object({
    total: count,
    byLevel: z.array(z.object({ level: z.number().int(), count })),
    /** Non-zero categories, most frequent first. */
    byCategory: z.array(z.object({ category: TicketCategory, count })),
    /** Schools with at least one incident, most first. */
    bySchool: z.array(z.object({ schoolId: z.number().int(), uai: z.string(), name: z.string(), count })),
  }),
  /**
   * For tickets created in the period: first response is `clockStartedAt → firstRespondedAt`,
   * resolution `clockStartedAt → resolvedAt` (the latest resolution), in calendar hours.
   */
  responseTimes: z.object({ firstResponse: DurationFigures, resolution: DurationFigures }),
  /** `escalated` timeline events dated in the period, on tickets of the scope, by the level escalated from. */
  escalations: z.object({ total: count, byFromLevel: z.array(z.object({ level: z.number().int(), count })) }),
  /**
   * Tickets with a `resolved` event in the period; of those, the ones with a `reopened` event
   * after their first resolution of the period (whenever it came).
   */
  reopening: z.object({ resolved: count, reopened: count, rate: z.number().nullable() }),
  /** Ratings of tickets closed in the period (`closedAt`). */
  satisfaction: z.object({
    ratings: count,
    average: z.number().nullable(),
    distribution: z.array(z.object({ rating: z.number().int(), count })),
  }),
  /** Items of the scope, retired ones left out, as they stand when the report is made. */
  fleet: z.object({
    asOf: IsoDate,
    total: count,
    byKind: z.array(z.object({ kind: EquipmentKind, count })),
    byAge: z.array(z.object({ band: AgeBand, count })),
    byStatus: z.array(z.object({ status: EquipmentStatus, count })),
  }),
  /** Items bought in the period (`purchaseDate`), whatever they became since. */
  spending: z.object({
    /** The commune's own budget, then each State programme. */
    rows: z.array(SpendingRow),
    totals: SpendingRow.omit({ funding: true, programme: true }),
    /** Bought with the school's own funds or given: not the commune's money, listed apart. */
    other: z.array(z.object({ funding: z.enum(['school_funds', 'donation']), items: count, unpricedItems: count, totalCents: count })),
  }),
  /** Subscriptions of each school year overlapping the period. */
  ent: z.object({
    years: z.array(
      z.object({
        schoolYear: z.number().int(),
        schools: count,
        costCents: count,
        subscribed: z.array(z.object({ schoolId: z.number().int(), uai: z.string(), name: z.string(), costCents: count })),
      }),
    ),
  }),
});
export type SteeringReport = z.infer<typeof SteeringReport>;
