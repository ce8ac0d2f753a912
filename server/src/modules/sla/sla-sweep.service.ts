import { setImmediate as nextTurn } from 'node:timers/promises';
import { In, type DataSource, type EntityManager, type FindOptionsSelect } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TicketStatus, renderTimelineNote } from '@preau/shared';
import type { DomainEvents, EventAudience } from '../../events/domain-events';
import { SYSTEM_ACTOR } from '../../http/actor';
import type { Logger } from '../../logger';
import { CommuneTicketSettingsEntity } from '../tickets/commune-settings.entity';
import { DAY_MS, settingsOf } from '../tickets/ticket-clock';
import { TicketEntity } from '../tickets/ticket.entity';
import { audienceOf, followersByTicket, insertTimeline, type TimelineEntry } from '../tickets/ticket-store';
import type { BreachNotifier, BreachStage, BreachTarget } from './breach-notifier';

export interface SlaSweepOptions {
  /** How long before a due date the warning goes out. */
  warningLeadMinutes: number;
  /** Tickets marked per UPDATE. */
  batchSize?: number;
  /**
   * Tickets marked per run: warnings and breaches together, and auto-closes. A backlog (the first
   * run after an upgrade, a server stopped for days) is spread over the next runs instead of
   * flooding mailboxes at once.
   */
  maxPerRun?: number;
  /** Notices sent at the same time. */
  notifyConcurrency?: number;
}

/** The tickets each stage marked in one run (a ticket warned or breached on both targets is listed once). */
export interface SweepResult {
  warned: number[];
  breached: number[];
  autoClosed: number[];
}

/** The columns a marked ticket needs for its timeline entry, its live event and its notice. */
const MARKED_SELECT = {
  id: true,
  reference: true,
  status: true,
  level: true,
  version: true,
  schoolId: true,
  communeId: true,
  reporterUserId: true,
  // Whether its followers still hear of it (audienceOf).
  approval: true,
  category: true,
  firstRespondedAt: true,
  firstResponseDueAt: true,
  resolutionDueAt: true,
  closedAt: true,
  firstResponseWarnedAt: true,
  firstResponseBreachedAt: true,
  breachWarnedAt: true,
  breachedAt: true,
} as const satisfies FindOptionsSelect<TicketEntity>;
type MarkedTicket = Pick<TicketEntity, keyof typeof MARKED_SELECT>;

/** What one batch does: which tickets, what changes, and what the timeline says about each. */
interface Batch {
  /** SQL over the `ticket` table's own columns, re-checked by the UPDATE. */
  where: string;
  params: Record<string, unknown>;
  changes: QueryDeepPartialEntity<TicketEntity>;
  /** Whether a ticket carries this run's mark (only asked when a ticket changed between pick and update). */
  isMarked(ticket: MarkedTicket): boolean;
  entry(ticket: MarkedTicket): TimelineEntry;
}

type MarkColumn = 'firstResponseWarnedAt' | 'firstResponseBreachedAt' | 'breachWarnedAt' | 'breachedAt';

/** A service target as the sweep reads it: its due date, while it runs, and its own two marks. */
interface Target {
  name: BreachTarget;
  /** The due date's column and property. */
  dueColumn: string;
  due: 'firstResponseDueAt' | 'resolutionDueAt';
  /** SQL: the target is still to be met (the first response: while none was given). */
  pending: string;
  marks: Record<BreachStage, { column: string; property: MarkColumn }>;
}

const TARGETS: Target[] = [
  {
    name: 'first_response',
    dueColumn: 'first_response_due_at',
    due: 'firstResponseDueAt',
    pending: 'first_responded_at IS NULL AND ',
    marks: { warning: { column: 'first_response_warned_at', property: 'firstResponseWarnedAt' }, breach: { column: 'first_response_breached_at', property: 'firstResponseBreachedAt' } },
  },
  {
    name: 'resolution',
    dueColumn: 'resolution_due_at',
    due: 'resolutionDueAt',
    pending: '',
    marks: { warning: { column: 'breach_warned_at', property: 'breachWarnedAt' }, breach: { column: 'breached_at', property: 'breachedAt' } },
  },
];

/**
 * The clock runs: not waiting (paused, its due dates unknown until it resumes), resolved or
 * closed, nor awaiting the director's approval. Written as NOT IN on purpose: without table
 * statistics SQLite takes `status IN (…)` to the status index and then fetches nearly every
 * open ticket through it (about 5 times slower than reading the table), and for the guarded
 * UPDATE prefers that index to the primary key. No index serves a NOT IN there.
 */
const CLOCK_STOPPED: TicketStatus[] = TicketStatus.options.filter((s) => !['new', 'assigned', 'in_progress'].includes(s));
const RUNNING = `status NOT IN (:...stopped) AND approval <> 'pending'`;
/** The target's due date not met before `:<at>`. */
const dueBefore = (t: Target, at: 'now' | 'soon') => `${t.pending}${t.dueColumn} < :${at}`;
const STAGE_WHERE: Record<BreachStage, (t: Target) => string> = {
  breach: (t) => `${t.marks.breach.column} IS NULL AND ${dueBefore(t, 'now')}`,
  warning: (t) => `${t.marks.breach.column} IS NULL AND ${t.marks.warning.column} IS NULL AND ${dueBefore(t, 'soon')} AND ${t.dueColumn} >= :now`,
};
/** A breach or a warning of the target due, factored for one cheap pass over the table (a late ticket is due soon too). */
const stageDue = (t: Target) => `${t.marks.breach.column} IS NULL AND ${dueBefore(t, 'soon')} AND (${t.marks.warning.column} IS NULL OR ${t.dueColumn} < :now)`;
/** Per target, in the pick: 0 nothing due, 1 a warning, 2 a breach. */
const stageOf = (t: Target) => `CASE WHEN ${stageDue(t)} THEN CASE WHEN ${t.dueColumn} < :now THEN 2 ELSE 1 END ELSE 0 END`;
const ANY_DUE = `${RUNNING} AND (${TARGETS.map((t) => `(${stageDue(t)})`).join(' OR ')})`;
/**
 * Marks leave `version` and `updated_at` alone: they are bookkeeping, not an edit, and must not
 * turn a support agent's next change into a version conflict.
 */
const UNTOUCHED: QueryDeepPartialEntity<TicketEntity> = { version: () => 'version', updatedAt: () => 'updated_at' };


/**
 * Service-target sweep: warns before each due date (first response, resolution), records its
 * breach after, and closes resolved tickets left unconfirmed. Each target has its own marks, so
 * it is warned of and breached once per due date; the workflow clears them when the clock starts
 * over (`clockChanges` in ticket-clock.ts). Set-based: one SELECT picks the tickets due for a
 * warning or a breach, then each batch is one guarded UPDATE, one read of the marked rows and one multi-row INSERT of
 * timeline entries, followed by the live events and notices. A second run finds nothing to do.
 * Callers keep it single across processes (`withJobLock`).
 */
export class SlaSweepService {
  private readonly batchSize: number;
  private readonly maxPerRun: number;
  private readonly notifyConcurrency: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly notifier: BreachNotifier,
    private readonly options: SlaSweepOptions,
    private readonly logger?: Logger,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxPerRun = options.maxPerRun ?? 5000;
    this.notifyConcurrency = options.notifyConcurrency ?? 4;
  }

  async sweep(now = new Date()): Promise<SweepResult> {
    // Whole seconds: MariaDB's DATETIME keeps no fraction, and a mark must read back as written.
    const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const times = { now: at, soon: new Date(at.getTime() + this.options.warningLeadMinutes * 60_000), stopped: CLOCK_STOPPED };
    // One read of the open tickets finds every target and stage; a late target gets the breach notice, not a warning.
    let pick = this.dataSource.createQueryBuilder().select('id', 'id').from(TicketEntity, 't');
    for (const t of TARGETS) pick = pick.addSelect(stageOf(t), t.name);
    const due = await pick.where(ANY_DUE, times).limit(this.maxPerRun).getRawMany<Record<string, number | string>>();
    await nextTurn();
    const breached = new Set<number>();
    const warned = new Set<number>();
    for (const [stage, code, done] of [['breach', 2, breached], ['warning', 1, warned]] as const) {
      for (const t of TARGETS) {
        const ids = due.filter((row) => Number(row[t.name]) === code).map((row) => Number(row.id));
        for (const id of await this.targetStage(ids, at, t, stage, times)) done.add(id);
      }
    }
    const autoClosed = await this.autoClose(at);
    return { warned: [...warned], breached: [...breached], autoClosed };
  }

  private targetStage(ids: number[], at: Date, t: Target, stage: BreachStage, times: { now: Date; soon: Date; stopped: TicketStatus[] }): Promise<number[]> {
    const mark = t.marks[stage].property;
    return this.mark(
      ids,
      {
        where: `${RUNNING} AND ${STAGE_WHERE[stage](t)}`,
        params: times,
        changes: { ...UNTOUCHED, [mark]: at },
        isMarked: (ticket) => ticket[mark]?.getTime() === at.getTime(),
        entry: (ticket) => ({
          kind: stage === 'breach' ? 'breached' : 'breach_warning',
          body: renderTimelineNote({ key: stage === 'breach' ? 'deadlinePassed' : 'deadlineNear', params: { target: t.name } }, 'fr'),
          to: ticket[t.due]?.toISOString() ?? null,
          // For the holding group and its supervisor, as the notice.
          internal: true,
        }),
      },
      (ticket) => this.notifier.notifyBreach(ticket.id, stage, t.name),
      { staffOnly: true },
    );
  }

/** Resolved tickets close themselves `autoCloseDays` (the commune's setting) after their resolution. */
  private async autoClose(at: Date): Promise<number[]> {
    const communes = (
      await this.dataSource
        .createQueryBuilder()
        .select('commune_id', 'communeId')
        .distinct(true)
        .from(TicketEntity, 't')
        .where(`status = 'resolved' AND resolved_at < :at`, { at })
        .getRawMany<{ communeId: number | string }>()
    ).map((row) => Number(row.communeId));
    const closed: number[] = [];
    for (const [days, communeIds] of await this.communesByAutoCloseDays(communes)) {
      if (closed.length >= this.maxPerRun) break;
      const where = `status = 'resolved' AND resolved_at < :cutoff AND commune_id IN (:...communeIds)`;
      const params = { cutoff: new Date(at.getTime() - days * DAY_MS), communeIds };
      const picked = await this.dataSource
        .createQueryBuilder()
        .select('id', 'id')
        .from(TicketEntity, 't')
        .where(where, params)
        .limit(this.maxPerRun - closed.length)
        .getRawMany<{ id: number | string }>();
      const ids = await this.mark(
        picked.map((row) => Number(row.id)),
        {
          where,
          params,
          changes: { status: 'closed', closedAt: at, updatedAt: at },
          isMarked: (t) => t.status === 'closed' && t.closedAt?.getTime() === at.getTime(),
          entry: () => ({ kind: 'closed', body: renderTimelineNote({ key: 'autoClosed', params: { days } }, 'fr') }),
        },
        // The reporter is offered to rate the service.
        (t) => this.notifier.notifyAutoClosed(t.id),
        {},
      );
      closed.push(...ids);
    }
    return closed;
  }

  private async communesByAutoCloseDays(communeIds: number[]): Promise<Map<number, number[]>> {
    if (communeIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(CommuneTicketSettingsEntity)
      .find({ select: { communeId: true, autoCloseDays: true }, where: { communeId: In(communeIds) } });
    const days = new Map(rows.map((row) => [row.communeId, row.autoCloseDays]));
    const withoutRow = communeIds.filter((id) => !days.has(id));
    if (withoutRow.length > 0) {
      // The defaults live with the settings: ask for those of a commune that has no row.
      const { autoCloseDays } = await settingsOf(this.dataSource.manager, withoutRow[0]!);
      for (const id of withoutRow) days.set(id, autoCloseDays);
    }
    const groups = new Map<number, number[]>();
    for (const [communeId, n] of days) groups.set(n, [...(groups.get(n) ?? []), communeId]);
    return groups;
  }

  /**
   * Marks the picked tickets in batches. The UPDATE re-checks the stage's condition, so a ticket
   * changed since it was picked is left alone (and picked again next run if it still qualifies).
   *
   * No explicit transaction: on SQLite TypeORM runs every transaction of the process on one
   * shared connection, and a background one would nest inside a request's as a savepoint, its
   * commit or rollback then landing on the wrong work. A crash between the UPDATE and the INSERT
   * leaves marks without their timeline entry, as one after it would leave them without notice.
   */
  private async mark(ids: number[], batch: Batch, notify: (ticket: MarkedTicket) => Promise<void>, audience: Pick<EventAudience, 'staffOnly'>): Promise<number[]> {
    const done: number[] = [];
    const manager = this.dataSource.manager;
    for (let start = 0; start < ids.length; start += this.batchSize) {
      // Requests go first between batches: on SQLite every query blocks the event loop, and a
      // run of thousands of marks would otherwise hold the server for its whole length.
      await nextTurn();
      const chunk = ids.slice(start, start + this.batchSize);
      const result = await manager
        .createQueryBuilder()
        .update(TicketEntity)
        .set(batch.changes)
        .where(`id IN (:...chunk) AND ${batch.where}`, { ...batch.params, chunk })
        .execute();
      if (!result.affected) continue;
      const rows = await manager.getRepository(TicketEntity).find({ select: MARKED_SELECT, where: { id: In(chunk) } });
      // All picked tickets changed: they are ours. Otherwise the mark tells (the job lock keeps other sweeps away).
      const marked = result.affected === chunk.length ? rows : rows.filter((t) => batch.isMarked(t));
      await insertTimeline(manager, SYSTEM_ACTOR, marked.map((t) => ({ ticketId: t.id, entry: batch.entry(t) })));
      await this.publish(manager, marked, audience);
      await this.notifyEach(marked, notify);
      done.push(...marked.map((t) => t.id));
    }
    return done;
  }

  private async publish(manager: EntityManager, tickets: MarkedTicket[], audience: Pick<EventAudience, 'staffOnly'>): Promise<void> {
    const followers = await followersByTicket(manager, tickets.map((t) => t.id));
    for (const t of tickets) {
      this.events.publish({
        name: 'ticket:updated',
        payload: { ticketId: t.id, reference: t.reference ?? '', status: t.status, level: t.level, version: t.version },
        audience: { ...audienceOf(t, followers.get(t.id)!), ...audience },
      });
    }
  }

  /** A notice that fails is logged and the others still go: the marks are committed already. */
  private async notifyEach(tickets: MarkedTicket[], notify: (ticket: MarkedTicket) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < tickets.length) {
        const ticket = tickets[next++]!;
        await nextTurn();
        try {
          await notify(ticket);
        } catch (err) {
          this.logger?.error({ err, ticketId: ticket.id }, 'service target notice failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.notifyConcurrency, tickets.length) }, worker));
  }
}
