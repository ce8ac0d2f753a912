import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMariaDbDatabase } from './bench-database';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../server/src/config';
import { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';

/** What the issue asks for: 200,000 open tickets, about 2% of them due for a warning or a breach. */
export const SWEEP_DATA = { openTickets: 200_000, resolvedTickets: 2_000, communes: 25, schools: 500 } as const;
export const SWEEP_TARGET_SECONDS = 2;
export const MYSQL_SWEEP_DATABASE = 'preau_bench_sweep';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface SweepDatabase {
  label: string;
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export function sqliteSweepDatabase(): SweepDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-sweep-'));
  const file = path.join(dir, 'preau.sqlite');
  return { label: `SQLite ${file}`, config: { engine: 'sqlite', file }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The throwaway `preau_bench_sweep` database (one left over from an interrupted run is dropped first), or why it cannot be had. */
export async function mariaDbSweepDatabase(serverUrl: string): Promise<SweepDatabase | { skipped: string }> {
  const database = await createMariaDbDatabase(serverUrl, MYSQL_SWEEP_DATABASE);
  return 'skipped' in database ? database : { label: database.label, config: database.config, drop: database.drop };
}

/** How many tickets each stage of a sweep at `now` must mark, by construction. */
export interface ExpectedMarks {
  breached: number;
  warned: number;
  autoClosed: number;
}

/**
 * The tickets, the same on every run and engine, relative to `now`. Open tickets cycle through
 * new, assigned, in progress and (one in twenty) waiting; 1% are past their first-response due
 * date, 1% reach it within the next 30 minutes, the rest are on track (60% already answered,
 * resolution due in 1 to 10 days). Half the resolved tickets are past the 5-day auto-close delay.
 */
export function* sweepTickets(now: Date): Generator<Partial<TicketEntity>> {
  const t = (offsetMs: number) => new Date(now.getTime() + offsetMs);
  const total = SWEEP_DATA.openTickets + SWEEP_DATA.resolvedTickets;
  for (let i = 0; i < total; i++) {
    const resolved = i >= SWEEP_DATA.openTickets;
    const schoolId = 1 + (i % SWEEP_DATA.schools);
    const status = resolved ? 'resolved' : i % 20 === 19 ? 'waiting' : (['new', 'assigned', 'in_progress'] as const)[i % 3]!;
    const clockStartedAt = t(-((i % 97) + 1) * HOUR_MS);
    let clock: Partial<TicketEntity>;
    if (status === 'waiting') {
      clock = { firstResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: clockStartedAt };
    } else if (!resolved && i % 100 === 0) {
      clock = { firstResponseDueAt: t(-((i % 7) + 1) * MINUTE_MS), resolutionDueAt: t(3 * DAY_MS), firstRespondedAt: null };
    } else if (!resolved && i % 100 === 1) {
      clock = { firstResponseDueAt: t(((i % 29) + 1) * MINUTE_MS), resolutionDueAt: t(3 * DAY_MS), firstRespondedAt: null };
    } else {
      const answered = i % 5 < 3;
      clock = {
        firstResponseDueAt: answered ? t(-HOUR_MS) : t(2 * HOUR_MS + (i % 2000) * MINUTE_MS),
        resolutionDueAt: t(DAY_MS + (i % 9) * DAY_MS),
        firstRespondedAt: answered ? t(-2 * HOUR_MS) : null,
      };
    }
    yield {
      reference: `INC-2026-${String(i + 1).padStart(6, '0')}`,
      schoolId,
      communeId: 1 + (schoolId % SWEEP_DATA.communes),
      circonscriptionId: 1 + (schoolId % 40),
      equipmentId: null,
      category: 'hardware',
      title: `Vidéoprojecteur en panne, salle ${i % 12}`,
      description: '',
      impact: 'one_class',
      urgency: 'low',
      priority: 'P3',
      status,
      approval: 'not_required',
      level: 2,
      groupKind: 'commune_technicians',
      groupOrganisationId: 1 + (schoolId % SWEEP_DATA.communes),
      groupExternalName: null,
      groupLabel: 'Techniciens de la ville',
      assigneeUserId: status === 'new' ? null : 1 + (i % 50),
      reporterUserId: 100 + (i % 3000),
      availability: null,
      routingRule: 'hardware-city',
      routingReason: 'Matériel entretenu par la ville',
      outOfScope: false,
      clockStartedAt,
      pauses: null,
      ...clock,
      resolvedAt: resolved ? t(i % 2 === 0 ? -6 * DAY_MS : -DAY_MS) : null,
      closedAt: null,
      breachWarnedAt: null,
      breachedAt: null,
      rating: null,
      ratingComment: null,
      idempotencyKey: null,
    };
  }
}

export function expectedMarks(): ExpectedMarks {
  return { breached: SWEEP_DATA.openTickets / 100, warned: SWEEP_DATA.openTickets / 100, autoClosed: SWEEP_DATA.resolvedTickets / 2 };
}

/** Writes the tickets in multi-row INSERTs inside one transaction; returns how many. */
export async function writeSweepTickets(dataSource: DataSource, now: Date): Promise<number> {
  // ~40 columns a row: 500 rows stay under SQLite's 32,766 bound parameters.
  const chunk = 500;
  let written = 0;
  await dataSource.transaction(async (manager) => {
    let rows: Partial<TicketEntity>[] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      await manager.createQueryBuilder().insert().into(TicketEntity).values(rows).updateEntity(false).execute();
      written += rows.length;
      rows = [];
    };
    for (const row of sweepTickets(now)) {
      rows.push(row);
      if (rows.length === chunk) await flush();
    }
    await flush();
  });
  return written;
}

/** Undoes a sweep: marks cleared, auto-closed tickets resolved again, timeline emptied. */
export async function resetSweep(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `UPDATE ticket SET first_response_warned_at = NULL, first_response_breached_at = NULL, breach_warned_at = NULL, breached_at = NULL
      WHERE first_response_warned_at IS NOT NULL OR first_response_breached_at IS NOT NULL OR breach_warned_at IS NOT NULL OR breached_at IS NOT NULL`,
  );
  await dataSource.query("UPDATE ticket SET status = 'resolved', closed_at = NULL, version = 1 WHERE status = 'closed'");
  await dataSource.query('DELETE FROM ticket_event');
}
