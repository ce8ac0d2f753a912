import { z } from 'zod';
import { atMostOneScope, scopeIds } from './common';

/** What a school pays for the académie's ENT per school year, unless set otherwise (the Castelnaudary agreement). */
export const DEFAULT_ENT_COST_CENTS = 5000;

/** A school year, named by the year it starts: 2026 for 2026-2027 (1 September – 31 August). */
export const SchoolYear = z.coerce.number().int().min(2000).max(2100);
export type SchoolYear = z.infer<typeof SchoolYear>;

/** The school year a `YYYY-MM-DD` day falls in: September onwards belongs to the year starting then. */
export function schoolYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? year : year - 1;
}

/** First and last day of a school year. */
export function schoolYearBounds(schoolYear: number): { from: string; to: string } {
  return { from: `${schoolYear}-09-01`, to: `${schoolYear + 1}-08-31` };
}

/** `2025-2026`. */
export const schoolYearLabel = (schoolYear: number) => `${schoolYear}-${schoolYear + 1}`;

/**
 * When the list of subscribed schools is meant to change: 1 September – 15 October of the
 * school year. Shown as a hint; edits outside it are allowed (late corrections happen).
 */
export function entChangeWindow(schoolYear: number): { from: string; to: string } {
  return { from: `${schoolYear}-09-01`, to: `${schoolYear}-10-15` };
}

const Cost = z.number().int().min(0).max(10_000_000);

/** `GET /ent-subscriptions`: the subscriptions of a school year in one organisation, or in all the reader's `reports:read` scope. */
export const EntSubscriptionListQuery = z.object({ schoolYear: SchoolYear, ...scopeIds }).superRefine(atMostOneScope);
export type EntSubscriptionListQuery = z.infer<typeof EntSubscriptionListQuery>;

export const EntSubscription = z.object({
  id: z.number().int(),
  schoolYear: z.number().int(),
  schoolId: z.number().int(),
  schoolName: z.string(),
  uai: z.string(),
  communeId: z.number().int(),
  communeName: z.string(),
  costCents: z.number().int(),
});
export type EntSubscription = z.infer<typeof EntSubscription>;

export const EntSubscriptionList = z.object({
  schoolYear: z.number().int(),
  /** The usual period of changes, as a hint. */
  changeWindow: z.object({ from: z.string(), to: z.string() }),
  /** Ordered by commune, then school name. */
  items: z.array(EntSubscription),
  totalCostCents: z.number().int(),
});
export type EntSubscriptionList = z.infer<typeof EntSubscriptionList>;

/**
 * `PUT /communes/:id/ent-subscriptions/:schoolYear`: the commune's subscribed schools for that
 * year, replacing the list; a school left out is unsubscribed. `costCents` defaults to 50 EUR.
 */
export const EntSubscriptionsPut = z.object({
  schools: z
    .array(z.object({ schoolId: z.number().int().positive(), costCents: Cost.default(DEFAULT_ENT_COST_CENTS) }))
    .max(2000)
    .superRefine((schools, ctx) => {
      const seen = new Set<number>();
      schools.forEach((school, index) => {
        if (seen.has(school.schoolId)) ctx.addIssue({ code: 'custom', path: [index, 'schoolId'], message: 'A school is listed once' });
        seen.add(school.schoolId);
      });
    }),
});
export type EntSubscriptionsPut = z.input<typeof EntSubscriptionsPut>;
