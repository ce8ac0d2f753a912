/**
 * The time zone of the days that dashboards, reports and digests count in: French schools, so
 * "today", a period's bounds and the Monday mailing are read in Paris time.
 */
export const REPORTING_TIME_ZONE = 'Europe/Paris';

/** How many days ahead a warranty's end counts as ending soon (fleet dashboard, weekly digest). */
export const WARRANTY_HORIZON_DAYS = 90;
