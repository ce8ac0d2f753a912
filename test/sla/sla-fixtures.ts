import type { DataSource } from 'typeorm';
import type { Role, TicketCreate, TicketDetail } from '@preau/shared';
import type { RecordEvent } from '../../server/src/events/domain-events';
import { createLogger } from '../../server/src/logger';
import { CommuneTicketSettingsEntity } from '../../server/src/modules/tickets/commune-settings.entity';
import { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import { TicketEventEntity } from '../../server/src/modules/tickets/ticket-event.entity';
import type { BreachNotifier, BreachStage, BreachTarget } from '../../server/src/modules/sla/breach-notifier';
import { JobLockEntity } from '../../server/src/modules/sla/job-lock.entity';
import { SlaSweepService, type SlaSweepOptions } from '../../server/src/modules/sla/sla-sweep.service';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../support/factories';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Records what the sweep asked to notify; `failFor` makes the notice of that ticket throw. */
export class FakeNotifier implements BreachNotifier {
  readonly breaches: { ticketId: number; stage: BreachStage; target: BreachTarget }[] = [];
  readonly autoClosed: number[] = [];
  failFor: number | null = null;

  async notifyBreach(ticketId: number, stage: BreachStage, target: BreachTarget): Promise<void> {
    if (ticketId === this.failFor) throw new Error('mail server down');
    this.breaches.push({ ticketId, stage, target });
  }

  async notifyAutoClosed(ticketId: number): Promise<void> {
    this.autoClosed.push(ticketId);
  }
}

export interface SlaWorld {
  ds: DataSource;
  org: OrgFixture;
  schoolId: number;
  admin: Agent;
  teacher: { id: number; api: Agent };
  notifier: FakeNotifier;
  /** Live events published since the world was made (or `events.length = 0`). */
  events: RecordEvent[];
  sweeper(options?: Partial<SlaSweepOptions>): SlaSweepService;
  /** Waits for the app's own notifier, which reads the timeline after each live event, to finish. */
  settle(): Promise<void>;
  /** Files a report through the API as the teacher and returns its id. */
  report(overrides?: Partial<TicketCreate>): Promise<number>;
  /** A new account with that role, signed in. */
  member(role: Role, organisationId: number | null): Promise<{ id: number; api: Agent }>;
  /** Takes a workflow step through the API as `who`, at the ticket's current version. */
  act(who: Agent, ticketId: number, step: string, body: Record<string, unknown>): Promise<TicketDetail>;
}

let sequence = 0;

export async function slaWorld(ds: DataSource): Promise<SlaWorld> {
  const { app, services } = testApp(ds);
  const org = await makeOrganisations(ds);
  const school = await makeSchool(ds, org);
  const { user: adminUser } = await makeUser(ds, [{ role: 'admin', organisationId: null }]);
  const { user: teacherUser } = await makeUser(ds, [{ role: 'teacher', organisationId: school.id }]);
  const teacher = { id: teacherUser.id, api: await agentFor(app, services, ds, teacherUser.id) };
  const notifier = new FakeNotifier();
  const events: RecordEvent[] = [];
  services.events.subscribe((event) => {
    if ('audience' in event) events.push(event);
  });
  return {
    ds,
    org,
    schoolId: school.id,
    admin: await agentFor(app, services, ds, adminUser.id),
    teacher,
    notifier,
    events,
    settle: () => services.notifier.idle(),
    sweeper: (options = {}) => new SlaSweepService(ds, services.events, notifier, { warningLeadMinutes: 60, ...options }, createLogger('silent')),
    report: async (overrides = {}) => {
      const res = await teacher.api
        .post('/api/v1/tickets')
        .send({ schoolId: school.id, category: 'other', title: `Incident ${++sequence}`, impact: 'one_class', urgency: 'low', ...overrides });
      if (res.status !== 201) throw new Error(`report: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as TicketDetail).id;
    },
    member: async (role, organisationId) => {
      const { user } = await makeUser(ds, [{ role, organisationId }]);
      return { id: user.id, api: await agentFor(app, services, ds, user.id) };
    },
    act: async (who, ticketId, step, body) => {
      const current = await who.get(`/api/v1/tickets/${ticketId}`);
      const res = await who.post(`/api/v1/tickets/${ticketId}/${step}`).send({ version: (current.body as TicketDetail).version, ...body });
      if (res.status !== 200) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as TicketDetail;
    },
  };
}

/** Sets a ticket's clock fields as if time had passed (raw: no version bump). */
export async function setTicket(ds: DataSource, id: number, fields: Partial<TicketEntity>): Promise<void> {
  await ds.createQueryBuilder().update(TicketEntity).set({ ...fields, version: () => 'version' }).where('id = :id', { id }).execute();
}

export function ticketRow(ds: DataSource, id: number): Promise<TicketEntity> {
  return ds.getRepository(TicketEntity).findOneByOrFail({ id });
}

/** The ticket's timeline entries of the sweep's kinds, oldest first. */
export async function sweepEntries(ds: DataSource, ticketId: number): Promise<TicketEventEntity[]> {
  const entries = await ds.getRepository(TicketEventEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  return entries.filter((e) => ['breach_warning', 'breached', 'closed'].includes(e.kind));
}

/** Every ticket, timeline entry, lock and commune setting gone: each test starts from an empty desk. */
export async function clearTickets(ds: DataSource): Promise<void> {
  await ds.createQueryBuilder().delete().from(TicketEventEntity).execute();
  await ds.createQueryBuilder().delete().from(TicketEntity).execute();
  await ds.createQueryBuilder().delete().from(JobLockEntity).execute();
  await ds.createQueryBuilder().delete().from(CommuneTicketSettingsEntity).execute();
}
