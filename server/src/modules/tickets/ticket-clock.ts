import type { EntityManager } from 'typeorm';
import { ServiceTargets, WorkingCalendar, calendarHintsForAcademy, type Priority, type WorkingCalendarInput } from '@preau/shared';
import { REUNION_SCHOOL_HOLIDAYS } from '../service-targets/school-holidays';
import { dueDate, type Pause } from '../service-targets/working-time';
import { CommuneTicketSettingsEntity } from './commune-settings.entity';
import type { TicketEntity } from './ticket.entity';

export interface TicketSettings {
  requireDirectorApproval: boolean;
  calendar: WorkingCalendar;
  targets: ServiceTargets;
  reopenDays: number;
  autoCloseDays: number;
}

const DEFAULTS = { requireDirectorApproval: false, reopenDays: 7, autoCloseDays: 5 };

/** The commune's settings, or the defaults (stored JSON is re-validated: a bad row cannot stop the clock). */
export async function settingsOf(manager: EntityManager, communeId: number): Promise<TicketSettings> {
  const row = await manager.getRepository(CommuneTicketSettingsEntity).findOneBy({ communeId });
  const json = (text: string | null | undefined) => (text ? (JSON.parse(text) as unknown) : undefined);
  return {
    requireDirectorApproval: row?.requireDirectorApproval ?? DEFAULTS.requireDirectorApproval,
    calendar: WorkingCalendar.parse(json(row?.calendar) ?? (await academyDefaults(manager, communeId))),
    targets: ServiceTargets.parse(json(row?.targets)),
    reopenDays: row?.reopenDays ?? DEFAULTS.reopenDays,
    autoCloseDays: row?.autoCloseDays ?? DEFAULTS.autoCloseDays,
  };
}

/**
 * A commune that saved no calendar gets its académie's time zone, holiday zone and regional
 * holidays (a school in La Réunion keeps Réunion hours, not Paris ones).
 */
async function academyDefaults(manager: EntityManager, communeId: number): Promise<WorkingCalendarInput> {
  const rows: { code: string }[] = await manager.query(
    'SELECT a.code AS code FROM commune c INNER JOIN academy a ON a.id = c.academy_id WHERE c.id = ?',
    [communeId],
  );
  const hints = rows[0] ? calendarHintsForAcademy(rows[0].code) : null;
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
