import type { LocationQuery } from 'vue-router';
import { schoolYearOf } from '@preau/shared';
import { queryText } from '../../app/route-query';

/** What the report page asks the API for: a named period (`2026-Q3`, `2025`) or two days. */
export type PeriodQuery = { period: string } | { from: string; to: string };

export type PeriodKind = 'quarter' | 'school_year' | 'dates';

/** The form's fields; only those of the chosen kind count. */
export interface PeriodChoice {
  kind: PeriodKind;
  year: string;
  quarter: string;
  schoolYear: string;
  from: string;
  to: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;
const SCHOOL_YEAR = /^\d{4}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The last quarter that is over, on `today` (`YYYY-MM-DD`): what a committee usually reviews. */
export function lastCompleteQuarter(today: string): { year: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const current = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: current - 1 };
}

/** The period in the page's address (`?periode=2026-Q3`, `?periode=2025`, `?du=…&au=…`), or the last complete quarter. */
export function periodFromRoute(query: LocationQuery, today: string): PeriodQuery {
  const named = queryText(query.periode);
  if (named && (QUARTER.test(named) || SCHOOL_YEAR.test(named))) return { period: named };
  const from = queryText(query.du);
  const to = queryText(query.au);
  if (from && to && DAY.test(from) && DAY.test(to)) return { from, to };
  const { year, quarter } = lastCompleteQuarter(today);
  return { period: `${year}-Q${quarter}` };
}

export function periodToRoute(period: PeriodQuery): Record<string, string> {
  return 'period' in period ? { periode: period.period } : { du: period.from, au: period.to };
}

/** The form's fields for a period, the others filled with sensible values for a switch of kind. */
export function choiceOf(period: PeriodQuery, today: string): PeriodChoice {
  const last = lastCompleteQuarter(today);
  const choice: PeriodChoice = {
    kind: 'quarter',
    year: String(last.year),
    quarter: String(last.quarter),
    schoolYear: String(schoolYearOf(today)),
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
  };
  if ('from' in period) return { ...choice, kind: 'dates', from: period.from, to: period.to };
  const quarter = QUARTER.exec(period.period);
  if (quarter) return { ...choice, kind: 'quarter', year: quarter[1]!, quarter: quarter[2]! };
  return { ...choice, kind: 'school_year', schoolYear: period.period };
}

export function periodOfChoice(choice: PeriodChoice): PeriodQuery {
  switch (choice.kind) {
    case 'quarter':
      return { period: `${choice.year}-Q${choice.quarter}` };
    case 'school_year':
      return { period: choice.schoolYear };
    case 'dates':
      return { from: choice.from, to: choice.to };
  }
}

/** Years offered in the pickers: from 2015 to next year, latest first. */
export function yearsUpTo(today: string): number[] {
  const last = Number(today.slice(0, 4)) + 1;
  return Array.from({ length: last - 2015 + 1 }, (_, i) => last - i);
}

/** Today in Paris, `YYYY-MM-DD`: the report's days are Paris days. */
export function parisToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
