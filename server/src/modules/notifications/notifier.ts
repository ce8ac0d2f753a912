import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../logger';
import { isUniqueViolation } from '../../db/driver-errors';
import { PreparedSelect } from '../../db/prepared-select';
import type { DomainEvents } from '../../events/domain-events';
import type { BreachNotifier, BreachStage, BreachTarget } from '../sla/breach-notifier';
import { CATEGORY_LABEL_FR } from '../routing/routing-labels';
import { heldAtSchool, sharedWithColleagues } from '../tickets/ticket-follower-access';
import { EquipmentEntity } from '../equipment/equipment.entity';
import { SchoolEntity } from '../schools/school.entity';
import { settingsOf } from '../tickets/ticket-clock';
import { TicketEntity } from '../tickets/ticket.entity';
import { TicketEventEntity } from '../tickets/ticket-event.entity';
import { followerIds, schoolNames, ticketById } from '../tickets/ticket-store';
import { externalMail, notificationMail, type MailContent } from './mail-templates';
import type { Mailer } from './mailer';
import { NotificationDispatchEntity } from './notification-dispatch.entity';
import { NotificationEntity } from './notification.entity';
import { directors, externalAddresses, groupMembers, isExternalGroup, people, supervisors, type Person } from './recipients';
import { ARRIVALS, autoClosedMessage, breachMessage, clip, messageFor, type Audience, type Message, type MessageContext } from './ticket-messages';

export interface NotifierDeps {
  dataSource: DataSource;
  events: DomainEvents;
  logger: Logger;
  /** Null: in-app notifications only (no `SMTP_URL`). */
  mailer: Mailer | null;
  /** Préau's public address for links in e-mails; null leaves the link out. */
  publicUrl: string | null;
}

/** The client's page of a ticket (its routes are French). */
export const ticketLink = (ticketId: number) => `/incidents/${ticketId}`;

interface Delivery {
  person: Person;
  message: Message;
}

/** A ticket's timeline entries that no process has claimed yet, oldest first. */
const undispatchedEntries = new PreparedSelect((manager) =>
  manager
    .getRepository(TicketEventEntity)
    .createQueryBuilder('e')
    .leftJoin(NotificationDispatchEntity, 'd', 'd.ticketEventId = e.id')
    .where('e.ticketId = :ticketId')
    .andWhere('d.ticketEventId IS NULL')
    .orderBy('e.id', 'ASC'),
);

/**
 * Tells people what happened to the tickets that concern them: an in-app notification each,
 * and an e-mail when `SMTP_URL` is set and they have an address.
 *
 * Who hears of a timeline entry (minus whoever made it, and disabled accounts):
 * - the assignee and the members of the holding group (level 1: the ERUN of the circonscription;
 *   commune technicians, supplier, copier contractor: the commune's technicians and managers;
 *   rectorate desk, experts, software editor: the académie's rectorate agents);
 * - for entries the reporter may read (not internal notes): the reporter and the report's
 *   followers, and the school's
 *   director(s) when a rule asked for them to be told (`security` reports by default);
 * - a new report awaiting the director's approval goes to the director(s) only, the group hears
 *   of it once approved; while the director holds it at the school (pending, or answered there)
 *   the group hears nothing of it, the director(s) hear what the reporter hears;
 * - a report about equipment the city does not maintain tells its reporter why, even though the
 *   reporter filed it;
 * - when the ticket reaches an external party (supplier, software editor, copier contractor), the
 *   addresses of `external_contact` get a self-contained e-mail.
 * Deadline notices and tickets closing themselves are the sweep's to announce: it calls
 * `notifyBreach` and `notifyAutoClosed`, and the timeline entries it writes are passed over here.
 *
 * Domain events only say which ticket changed, so the notifier reads the ticket's timeline
 * entries it has not dispatched yet and claims each in `notification_dispatch` first: one
 * server process notifies an entry, and an entry committed after a later one is not missed.
 * A comment publishes two events; the second finds nothing left to send.
 *
 * Work runs in order, one ticket at a time, after the request has answered; failures are logged.
 * The notifications of an entry batch are written in one INSERT statement, deliberately outside
 * an explicit transaction: on SQLite TypeORM runs every transaction on one shared connection,
 * and a background transaction would nest inside a request's.
 */
export class Notifier implements BreachNotifier {
  private work: Promise<unknown> = Promise.resolve();
  private mail: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: NotifierDeps) {
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.name === 'ticket:created' || event.name === 'ticket:updated' || event.name === 'ticket:commented') {
        const { ticketId } = event.payload;
        this.queue(() => this.dispatchTimeline(ticketId)).catch(() => undefined);
      }
    });
  }

  /**
   * For the deadline sweep: tells the holding group, its supervisor and the assignee that a
   * service-target deadline is near (`warning`) or passed (`breach`); an external party holding
   * the ticket is e-mailed too. Call it once per ticket, target and stage (the sweep records that
   * it was sent on the ticket): it does not deduplicate. Without `target`, the one the ticket's
   * due dates point to. Resolves once the in-app notifications are written (e-mails are queued);
   * rejects when they could not be.
   */
  notifyBreach(ticketId: number, stage: BreachStage, target?: BreachTarget): Promise<void> {
    return this.queue(() => this.sendBreach(ticketId, stage, target));
  }

  /** For the sweep: tells the reporter that their resolved ticket closed itself, and offers to rate the service. */
  notifyAutoClosed(ticketId: number): Promise<void> {
    return this.queue(async () => {
      const manager = this.deps.dataSource.manager;
      const ticket = await ticketById.one(manager, { id: ticketId });
      const reporter = ticket && (await people(manager, [ticket.reporterUserId])).get(ticket.reporterUserId);
      if (!ticket || !reporter) return;
      const message = autoClosedMessage(ticket);
      await this.deliver(manager, ticket, [{ person: reporter, message }]);
    });
  }

  /** Resolves when every queued notification and e-mail is done (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const { work, mail } = this;
      await Promise.allSettled([work, mail]);
      if (work === this.work && mail === this.mail) return;
    }
  }

  /** Stops listening; queued work still finishes (await `idle()`). */
  async stop(): Promise<void> {
    this.unsubscribe();
    await this.idle();
    this.deps.mailer?.close();
  }

  private queue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.work.then(task);
    this.work = result.catch((err: unknown) => this.deps.logger.error({ err }, 'notifications could not be written'));
    return result;
  }

  private async dispatchTimeline(ticketId: number): Promise<void> {
    const manager = this.deps.dataSource.manager;
    const entries = await this.claimUndispatched(manager, ticketId);
    if (entries.length === 0) return;
    const ticket = await ticketById.one(manager, { id: ticketId });
    if (!ticket) return;

    const toldDirectors = entries.some((entry) => directorsHear(ticket, entry));
    const [group, heads, followers] = await Promise.all([
      groupMembers(manager, ticket),
      toldDirectors ? directors(manager, ticket.schoolId) : [],
      followerIds(manager, ticketId),
    ]);
    const school = await schoolNames.one(manager, { ids: [ticket.schoolId] });
    const audiences = entries.map((entry) => ({ entry, audience: audienceOf(ticket, entry, group, heads, followers) }));
    const known = await people(manager, [ticket.reporterUserId, ...entries.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])), ...audiences.flatMap((a) => [...a.audience.keys()])]);
    const ctx: MessageContext = {
      ticket,
      schoolName: school?.name ?? `école ${ticket.schoolId}`,
      reporterName: known.get(ticket.reporterUserId)?.displayName ?? 'Un utilisateur',
      actorName: (entry) => (entry.actorUserId && known.get(entry.actorUserId)?.displayName) || entry.actorLabel,
    };

    const deliveries: Delivery[] = [];
    const filedNow = entries.some((e) => e.kind === 'created');
    for (const { entry, audience } of audiences) {
      // Filing records `created` then `routed`: the report's notification already says where it went.
      if (entry.kind === 'routed' && filedNow) continue;
      // A ticket closing itself is told by `notifyAutoClosed`, to the reporter only.
      if (entry.kind === 'closed' && entry.actorUserId === null) continue;
      for (const [userId, role] of audience) {
        const person = known.get(userId);
        const message = person && messageFor(entry, role, ctx);
        if (person && message) deliveries.push({ person, message });
      }
    }
    await this.deliver(manager, ticket, deliveries);

    const arrival = [...entries].reverse().find((e) => ARRIVALS.has(e.kind));
    if (arrival && ticket.approval !== 'pending' && isExternalGroup(ticket.groupKind)) {
      const sender = arrival.actorUserId && arrival.actorUserId !== ticket.reporterUserId ? known.get(arrival.actorUserId) : undefined;
      await this.mailExternal(manager, ticket, ctx, school, {
        title: `Demande d'intervention : ${ticket.title}`,
        intro: `Un incident vous est transmis (${CATEGORY_LABEL_FR[ticket.category].toLowerCase()}, priorité ${ticket.priority}).`,
        note: arrival.kind === 'escalated' || arrival.kind === 'deescalated' ? arrival.body : null,
        replyTo: sender?.email ?? undefined,
      });
    }
  }

  /** Timeline entries of the ticket no process has taken yet, each claimed by inserting its dispatch row. */
  private async claimUndispatched(manager: EntityManager, ticketId: number): Promise<TicketEventEntity[]> {
    const pending = await undispatchedEntries.many(manager, { ticketId });
    // All at once: another process taking one of them at the same moment is rare.
    if (pending.length > 1 && (await claim(manager, pending))) return pending;
    const claimed: TicketEventEntity[] = [];
    for (const entry of pending) if (await claim(manager, [entry])) claimed.push(entry);
    return claimed;
  }

  private async sendBreach(ticketId: number, stage: BreachStage, target: BreachTarget | undefined): Promise<void> {
    const manager = this.deps.dataSource.manager;
    const ticket = await ticketById.one(manager, { id: ticketId });
    if (!ticket) return;
    const ids = [...(await groupMembers(manager, ticket)), ...(await supervisors(manager, ticket)), ...(ticket.assigneeUserId ? [ticket.assigneeUserId] : [])];
    const known = await people(manager, ids);
    const school = await schoolNames.one(manager, { ids: [ticket.schoolId] });
    const { calendar } = await settingsOf(manager, ticket.communeId);
    const message = breachMessage(ticket, stage, target, school?.name ?? `école ${ticket.schoolId}`, calendar.timeZone, ticket.assigneeUserId ? known.get(ticket.assigneeUserId)?.displayName : undefined);
    await this.deliver(
      manager,
      ticket,
      [...new Set(ids)].flatMap((id) => {
        const person = known.get(id);
        return person ? [{ person, message }] : [];
      }),
    );
    if (isExternalGroup(ticket.groupKind)) {
      const ctx = { ticket, schoolName: school?.name ?? '', reporterName: '', actorName: () => '' };
      await this.mailExternal(manager, ticket, ctx, school, { title: message.title, intro: message.body, note: null });
    }
  }

  /** Writes the in-app notifications in one statement, then queues their e-mails. */
  private async deliver(manager: EntityManager, ticket: TicketEntity, deliveries: Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const link = ticketLink(ticket.id);
    await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(deliveries.map(({ person, message }) => ({ userId: person.id, ticketId: ticket.id, kind: message.kind, title: clip(message.title, 300), body: message.body, message: message.notice, link, readAt: null })))
      .updateEntity(false)
      .execute();
    const url = this.deps.publicUrl ? `${this.deps.publicUrl}${link}` : null;
    for (const { person, message } of deliveries) {
      if (person.email) this.sendMail(person.email, notificationMail({ reference: ticket.reference, title: message.title, body: message.body, url }));
    }
  }

  private async mailExternal(
    manager: EntityManager,
    ticket: TicketEntity,
    ctx: MessageContext,
    school: Pick<SchoolEntity, 'name' | 'uai'> | null,
    what: { title: string; intro: string; note: string | null | undefined; replyTo?: string },
  ): Promise<void> {
    if (!this.deps.mailer) return;
    const addresses = await externalAddresses(manager, ticket);
    if (addresses.length === 0) return;
    const item = ticket.equipmentId
      ? await manager.getRepository(EquipmentEntity).findOne({ where: { id: ticket.equipmentId }, select: { id: true, assetTag: true, brand: true, model: true, serial: true, supplier: true, warrantyEndsOn: true } })
      : null;
    const sender = await organisationName(manager, ticket);
    const lines = [
      `École : ${school ? `${school.name} (UAI ${school.uai})` : ctx.schoolName}`,
      item &&
        `Matériel : ${[item.brand, item.model].filter(Boolean).join(' ') || 'non précisé'} — n° d'inventaire ${item.assetTag}` +
          (item.serial ? `, n° de série ${item.serial}` : '') +
          (item.warrantyEndsOn ? `, garantie jusqu'au ${item.warrantyEndsOn.split('-').reverse().join('/')}` : ''),
      ticket.availability && `Disponibilités : ${ticket.availability}`,
    ].filter(Boolean);
    const body = [
      'Bonjour,',
      what.intro,
      lines.join('\n'),
      ticket.description && `Description : « ${clip(ticket.description)} »`,
      what.note && `Diagnostic : « ${clip(what.note)} »`,
    ]
      .filter(Boolean)
      .join('\n\n');
    const content = externalMail({ reference: ticket.reference, title: what.title, body, sender });
    for (const address of addresses) this.sendMail(address, content, what.replyTo);
  }

  private sendMail(to: string, content: MailContent, replyTo?: string): void {
    const mailer = this.deps.mailer;
    if (!mailer) return;
    this.mail = this.mail
      .then(() => mailer.send({ to, ...content, ...(replyTo ? { replyTo } : {}) }))
      .catch((err: unknown) => this.deps.logger.warn({ err, subject: content.subject }, 'notification e-mail not sent'));
  }
}

/**
 * Who hears of one timeline entry, with why (see the class comment). A person in several roles
 * is told once, in the first of: assignee, group member, director, reporter.
 */
function audienceOf(ticket: TicketEntity, entry: TicketEventEntity, group: number[], heads: number[], followers: number[]): Map<number, Audience> {
  const audience = new Map<number, Audience>();
  const add = (ids: number[], role: Audience) => ids.forEach((id) => audience.has(id) || audience.set(id, role));
  const awaitingApproval = isAwaitingApproval(ticket, entry);
  if (!heldAtSchool(ticket)) {
    if (ticket.assigneeUserId !== null) add([ticket.assigneeUserId], 'assignee');
    add(group, 'staff');
  }
  if (directorsHear(ticket, entry)) add(heads, 'director');
  // Followers hear what the reporter hears (the same incident hit them), while colleagues may see the report.
  if (!awaitingApproval && !entry.internal) add([ticket.reporterUserId, ...(sharedWithColleagues(ticket) ? followers : [])], 'reporter');
  if (entry.actorUserId !== null) audience.delete(entry.actorUserId);
  if (entry.kind === 'created' && ticket.outOfScope) audience.set(ticket.reporterUserId, 'reporter');
  return audience;
}

/** A new report awaiting the director's approval: the directors only hear of it. */
const isAwaitingApproval = (ticket: TicketEntity, entry: TicketEventEntity) => entry.kind === 'created' && ticket.approval === 'pending';

/** The school's directors hear of a report awaiting their approval, and of what the reporter hears when a rule asked for them or while they hold it. */
const directorsHear = (ticket: TicketEntity, entry: TicketEventEntity) =>
  isAwaitingApproval(ticket, entry) || (!entry.internal && (ticket.directorInformed || heldAtSchool(ticket)));

/** Inserts the dispatch rows of `entries` in one statement: false when one was taken already (none is then). */
async function claim(manager: EntityManager, entries: TicketEventEntity[]): Promise<boolean> {
  try {
    const values = entries.map((entry) => ({ ticketEventId: entry.id }));
    await manager.createQueryBuilder().insert().into(NotificationDispatchEntity).updateEntity(false).values(values).execute();
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return false;
  }
}

/** The commune (or, for a software editor, the académie) on whose behalf an external party is written to. */
async function organisationName(manager: EntityManager, ticket: TicketEntity): Promise<string> {
  const [table, id] = ticket.groupKind === 'software_editor' && ticket.groupOrganisationId !== null ? ['academy', ticket.groupOrganisationId] : ['commune', ticket.communeId];
  const rows: { name: string }[] = await manager.query(`SELECT name FROM ${table} WHERE id = ?`, [id]);
  return rows[0]?.name ?? 'Préau';
}
