import { In, type DataSource, type EntityManager, type FindOptionsSelect } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TicketStatus } from '@preau/shared';
import type { DomainEvents, EventAudience } from '../../events/domain-events';
import { SYSTEM_ACTOR } from '../../http/actor';
import type { Logger } from '../../logger';
import { CommuneTicketSettingsEntity } from '../tickets/commune-settings.entity';
import { settingsOf } from '../tickets/ticket-clock';
import { TicketEntity } from '../tickets/ticket.entity';
import { audienceOf, followersByTicket, insertTimeline, type TimelineEntry } from '../tickets/ticket-store';
import type { BreachNotifier, BreachStage } from './breach-notifier';

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

/** The tickets each stage marked in one run. */
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
  firstRespondedAt: true,
  firstResponseDueAt: true,
  resolutionDueAt: true,
  closedAt: true,
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

/**
 * The clock runs: not waiting (paused, its due dates unknown until it resumes), resolved or
 * closed, nor awaiting the director's approval. Written as NOT IN on purpose: without table
 * statistics SQLite takes `status IN (…)` to the status index and then fetches nearly every
 * open ticket through it (about 5 times slower than reading the table), and for the guarded
 * UPDATE prefers that index to the primary key. No index serves a NOT IN there.
 */
const CLOCK_STOPPED: TicketStatus[] = TicketStatus.options.filter((s) => !['new', 'assigned', 'in_progress'].includes(s));
const RUNNING = `status NOT IN (:...stopped) AND approval <> 'pending'`;
/** A due date not met before `:<at>`: the first response while none was given, or the resolution. */
const dueBefore = (at: string) => `((first_responded_at IS NULL AND first_response_due_at < :${at}) OR resolution_due_at < :${at})`;
const BREACH = `${RUNNING} AND breached_at IS NULL AND ${dueBefore('now')}`;
const WARNING = `${RUNNING} AND breached_at IS NULL AND breach_warned_at IS NULL AND ${dueBefore('soon')} AND NOT ${dueBefore('now')}`;
/** BREACH or WARNING, factored for one cheap pass over the table (a late ticket is due soon too). */
const BREACH_OR_WARNING = `${RUNNING} AND breached_at IS NULL AND ${dueBefore('soon')} AND (breach_warned_at IS NULL OR ${dueBefore('now')})`;
/**
 * Marks leave `version` and `updated_at` alone: they are bookkeeping, not an edit, and must not
 * turn a support agent's next change into a version conflict.
 */
const UNTOUCHED: QueryDeepPartialEntity<TicketEntity> = { version: () => 'version', updatedAt: () => 'updated_at' };

const DAY_MS = 86_400_000;

/**
 * Service-target sweep: warns before a due date, records breaches after, and closes resolved
 * tickets left unconfirmed. Set-based: one SELECT picks the tickets due for a warning or a breach,
 * then each batch is one guarded UPDATE, one read of the marked rows and one multi-row INSERT of
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
    // One read of the open tickets finds both stages; a late ticket gets the breach notice, not a warning.
    const due = await this.dataSource
      .createQueryBuilder()
      .select('id', 'id')
      .addSelect(`CASE WHEN ${dueBefore('now')} THEN 1 ELSE 0 END`, 'late')
      .from(TicketEntity, 't')
      .where(BREACH_OR_WARNING, times)
      .limit(this.maxPerRun)
      .getRawMany<{ id: number | string; late: number | string }>();
    const idsOf = (late: boolean) => due.filter((row) => (Number(row.late) === 1) === late).map((row) => Number(row.id));
    const breached = await this.breachStage(idsOf(true), at, 'breach', times);
    const warned = await this.breachStage(idsOf(false), at, 'warning', times);
    const autoClosed = await this.autoClose(at);
    return { warned, breached, autoClosed };
  }

  private breachStage(ids: number[], at: Date, stage: BreachStage, times: { now: Date; soon: Date; stopped: TicketStatus[] }): Promise<number[]> {
    const breach = stage === 'breach';
    const target = (t: MarkedTicket) => {
      const limit = breach ? times.now : times.soon;
      const firstResponse = t.firstRespondedAt === null && t.firstResponseDueAt !== null && t.firstResponseDueAt < limit;
      return firstResponse ? { name: 'première réponse', due: t.firstResponseDueAt } : { name: 'résolution', due: t.resolutionDueAt };
    };
    return this.mark(
      ids,
      {
        where: breach ? BREACH : WARNING,
        params: times,
        changes: { ...UNTOUCHED, ...(breach ? { breachedAt: at } : { breachWarnedAt: at }) },
        isMarked: (t) => (breach ? t.breachedAt : t.breachWarnedAt)?.getTime() === at.getTime(),
        entry: (t) => {
          const { name, due } = target(t);
          return {
            kind: breach ? 'breached' : 'breach_warning',
            body: breach ? `Délai de ${name} dépassé` : `Échéance de ${name} proche`,
            to: due?.toISOString() ?? null,
            // For the holding group and its supervisor, as the notice.
            internal: true,
          };
        },
      },
      (t) => this.notifier.notifyBreach(t.id, stage),
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
          entry: () => ({ kind: 'closed', body: `Clôture automatique ${days} jours après la résolution` }),
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
