import type { EntityManager } from 'typeorm';
import { ServiceTargets, WorkingCalendar, calendarHintsForAcademy, type Priority, type WorkingCalendarInput } from '@preau/shared';
import { boundedMemo } from '../../lib/bounded-memo';
import { REUNION_SCHOOL_HOLIDAYS } from '../service-targets/school-holidays';
import { dueDate, type Pause } from '../service-targets/working-time';
import type { TicketEntity } from './ticket.entity';

export interface TicketSettings {
  requireDirectorApproval: boolean;
  calendar: WorkingCalendar;
  targets: ServiceTargets;
  reopenDays: number;
  autoCloseDays: number;
}

const DEFAULTS = { requireDirectorApproval: false, reopenDays: 5, autoCloseDays: 5 };

interface SettingsRow {
  academyCode: string | null;
  storedFor: number | string | null;
  requireDirectorApproval: number | boolean | null;
  calendar: string | null;
  targets: string | null;
  reopenDays: number | null;
  autoCloseDays: number | null;
  version: number | string | null;
}

export const DAY_MS = 86_400_000;

type ReopenSettings = Pick<TicketSettings, 'reopenDays' | 'autoCloseDays'>;

/** Days a resolved ticket may be reopened: the commune's period, never past its auto-close (settings saved before that rule may say otherwise). */
export const reopenPeriodDays = (settings: ReopenSettings): number => Math.min(settings.reopenDays, settings.autoCloseDays);

/** Until when a ticket resolved at `resolvedAt` may be reopened; null when the commune allows none (0 days). */
export function reopenDeadline(resolvedAt: Date, settings: ReopenSettings): Date | null {
  const days = reopenPeriodDays(settings);
  return days > 0 ? new Date(resolvedAt.getTime() + days * DAY_MS) : null;
}

/** The commune's settings, or the defaults (stored JSON is re-validated: a bad row cannot stop the clock). */
export async function settingsOf(manager: EntityManager, communeId: number): Promise<TicketSettings> {
  return (await readSettings(manager, communeId)).settings;
}

/**
 * `settingsOf`, with whether the commune saved settings of its own and its académie's code. One
 * query reads the row and the académie whose calendar a commune without one gets.
 */
export async function readSettings(
  manager: EntityManager,
  communeId: number,
): Promise<{ settings: TicketSettings; stored: boolean; version: number; academyCode: string | null }> {
  const rows: SettingsRow[] = await manager.query(
    `SELECT a.code AS academyCode, s.commune_id AS storedFor, s.require_director_approval AS requireDirectorApproval,
            s.calendar AS calendar, s.targets AS targets, s.reopen_days AS reopenDays, s.auto_close_days AS autoCloseDays,
            s.version AS version
       FROM commune c
       LEFT JOIN academy a ON a.id = c.academy_id
       LEFT JOIN commune_ticket_settings s ON s.commune_id = c.id
      WHERE c.id = ?`,
    [communeId],
  );
  const row = rows[0];
  const academyCode = row?.academyCode ?? null;
  return {
    settings: {
      // Both engines hand booleans back as 0/1 to raw SQL.
      requireDirectorApproval: row?.requireDirectorApproval == null ? DEFAULTS.requireDirectorApproval : Boolean(Number(row.requireDirectorApproval)),
      ...parsedClock(row?.calendar ?? null, row?.targets ?? null, academyCode),
      reopenDays: row?.reopenDays ?? DEFAULTS.reopenDays,
      autoCloseDays: row?.autoCloseDays ?? DEFAULTS.autoCloseDays,
    },
    stored: row?.storedFor != null,
    version: Number(row?.version ?? 0),
    academyCode,
  };
}

/**
 * Calendars and targets parsed once per distinct stored text. Keyed by content, so an edit in any
 * server process is seen at the next read; and the same calendar object comes back each time,
 * which keeps the working-time caches keyed by it warm.
 */
const parsedClock = boundedMemo(
  500,
  (calendar: string | null, targets: string | null, academyCode: string | null) => JSON.stringify([calendar, targets, calendar === null ? academyCode : null]),
  (calendar, targets, academyCode): Pick<TicketSettings, 'calendar' | 'targets'> => {
    const json = (text: string | null) => (text ? (JSON.parse(text) as unknown) : undefined);
    return { calendar: WorkingCalendar.parse(json(calendar) ?? academyDefaults(academyCode)), targets: ServiceTargets.parse(json(targets)) };
  },
);

/**
 * A commune that saved no calendar gets its académie's time zone, holiday zone and regional
 * holidays (a school in La Réunion keeps Réunion hours, not Paris ones).
 */
function academyDefaults(academyCode: string | null): WorkingCalendarInput {
  const hints = academyCode ? calendarHintsForAcademy(academyCode) : null;
  if (!hints) return {};
  const overseas = hints.regionalHolidays.includes('reunion');
  return { ...hints, extraHolidayPeriods: overseas ? [...REUNION_SCHOOL_HOLIDAYS] : [] };
}

export function pausesOf(ticket: Pick<TicketEntity, 'pauses'>): Pause[] {
  if (!ticket.pauses) return [];
  return (JSON.parse(ticket.pauses) as { from: string; to: string | null }[]).map((p) => ({
    from: new Date(p.from),
    to: p.to === null ? null : new Date(p.to),
  }));
}

export function serialisePauses(pauses: Pause[]): string | null {
  return pauses.length === 0 ? null : JSON.stringify(pauses.map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() ?? null })));
}

/**
 * Due dates for first response and resolution, in working time of the commune's calendar from
 * when the clock started, pushed by the time spent waiting. Null while no clock runs
 * (awaiting approval) or while an open pause hides when the target will be reached.
 */
export function dueDates(
  settings: TicketSettings,
  ticket: Pick<TicketEntity, 'clockStartedAt' | 'priority' | 'pauses'>,
): { firstResponseDueAt: Date | null; resolutionDueAt: Date | null } {
  if (!ticket.clockStartedAt) return { firstResponseDueAt: null, resolutionDueAt: null };
  const target = settings.targets[ticket.priority as Priority];
  const pauses = pausesOf(ticket);
  return {
    firstResponseDueAt: dueDate(settings.calendar, ticket.clockStartedAt, target.firstResponseMinutes, pauses),
    resolutionDueAt: dueDate(settings.calendar, ticket.clockStartedAt, target.resolutionMinutes, pauses),
  };
}

/** The service-target sweep's marks, all cleared. */
const NO_MARKS = { firstResponseWarnedAt: null, firstResponseBreachedAt: null, breachWarnedAt: null, breachedAt: null } as const;

/**
 * What a step's `changes` move on the clock with them, for the one place tickets are saved:
 * the due dates, recomputed when the pauses or the clock's start change (`settings` is read
 * only then), and the sweep's marks, cleared when the clock starts over for someone — approval,
 * reopening, another holding group (escalation, de-escalation, hand-over) — so the new holder
 * hears of each target's warning and breach again. The end of a wait keeps them: a breach
 * before it is not a new one after it.
 */
export async function clockChanges(
  ticket: TicketEntity,
  changes: Partial<TicketEntity>,
  settings: () => Promise<TicketSettings>,
): Promise<Partial<TicketEntity>> {
  const dates = changes.pauses !== undefined || changes.clockStartedAt !== undefined ? dueDates(await settings(), { ...ticket, ...changes }) : {};
  return { ...dates, ...(startsOver(ticket, changes) ? NO_MARKS : {}) };
}

function startsOver(ticket: TicketEntity, changes: Partial<TicketEntity>): boolean {
  const moves = (key: 'level' | 'groupKind' | 'groupOrganisationId' | 'groupExternalName') => changes[key] !== undefined && changes[key] !== ticket[key];
  const reopened = ticket.status === 'resolved' && changes.status !== undefined && changes.status !== 'resolved' && changes.status !== 'closed';
  return changes.clockStartedAt !== undefined || reopened || moves('level') || moves('groupKind') || moves('groupOrganisationId') || moves('groupExternalName');
}
