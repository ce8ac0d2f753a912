/**
 * What people hear of the sweep, through the app's real Notifier wired as server/src/main.ts does
 * it, and a real SMTP server started here.
 */
import type { Express } from 'express';
import type { Notification, NotificationPage, TicketDetail } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { createLogger } from '../../server/src/logger';
import { startSlaSweep } from '../../server/src/modules/sla/sla-sweep.job';
import { SlaSweepService } from '../../server/src/modules/sla/sla-sweep.service';
import { testApp } from '../support/app';
import { agentFor, makeUser, type Agent } from '../support/auth';
import { describeEachEngine } from '../support/databases';
import { makeOrganisations, makeSchool } from '../support/factories';
import { startMailSink, type MailSink } from '../notifications/mail-sink';
import { DAY_MS, MINUTE_MS, setTicket, ticketRow } from './sla-fixtures';

const PUBLIC_URL = 'https://preau.example.fr';
const silent = createLogger('silent');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('service-target notices, through the real notifier', (db) => {
  let sink: MailSink;
  let app: Express;
  let services: Services;
  let schoolId: number;
  let teacher: { id: number; email: string; api: Agent };
  let erun: { id: number; email: string; api: Agent };

  async function person(role: 'teacher' | 'erun', organisationId: number) {
    const email = `${role}-sla-${process.pid}-${organisationId}@ecoles.example.fr`;
    const { user } = await makeUser(db().dataSource, [{ role, organisationId }], { email });
    return { id: user.id, email, api: await agentFor(app, services, db().dataSource, user.id) };
  }

  async function inbox(who: { api: Agent }, ticketId: number): Promise<Notification[]> {
    const res = await who.api.get('/api/v1/me/notifications').query({ pageSize: 500 });
    expect(res.status).toBe(200);
    return (res.body as NotificationPage).items.filter((item) => item.ticketId === ticketId);
  }

  async function report(title: string): Promise<TicketDetail> {
    const res = await teacher.api.post('/api/v1/tickets').send({ schoolId, category: 'other', title, impact: 'one_class', urgency: 'low' });
    expect(res.status).toBe(201);
    await services.notifier.idle();
    return res.body as TicketDetail;
  }

  beforeAll(async () => {
    sink = await startMailSink();
    ({ app, services } = testApp(db().dataSource, { SMTP_URL: sink.url, PUBLIC_URL, MAIL_FROM: 'Préau <preau@ville.example.fr>' }));
    const org = await makeOrganisations(db().dataSource);
    schoolId = (await makeSchool(db().dataSource, org, 'École Jules Ferry')).id;
    teacher = await person('teacher', schoolId);
    erun = await person('erun', org.circonscription.id);
  });

  afterAll(async () => {
    await services.notifier.stop();
    await sink.close();
  });

  it('a resolved ticket that closes itself tells its reporter, in the app and by e-mail in French, with the link to rate it', async () => {
    const ticket = await report('Imprimante bloquée');
    await setTicket(db().dataSource, ticket.id, { status: 'resolved', resolvedAt: new Date(Date.now() - 5 * DAY_MS - MINUTE_MS) });

    // The sweep as server/src/main.ts starts it, with the app's services, on a cron firing every second.
    const sweep = startSlaSweep({ config: { sla: { sweepCron: '* * * * * *', warningLeadMinutes: 60 } }, dataSource: db().dataSource, services, logger: silent });
    // The notice follows the closing within the same run: wait for it, not for the status.
    let notices: Notification[] = [];
    try {
      for (let waited = 0; !notices.some((n) => n.kind === 'ticket_closed') && waited < 5000; waited += 100) {
        await pause(100);
        notices = await inbox(teacher, ticket.id);
      }
    } finally {
      await sweep.stop();
    }
    await services.notifier.idle();
    expect((await ticketRow(db().dataSource, ticket.id)).status).toBe('closed');
    notices = await inbox(teacher, ticket.id);
    expect(notices.filter((n) => n.kind === 'ticket_closed')).toEqual([
      expect.objectContaining({ title: 'Votre signalement est clos : Imprimante bloquée', link: `/incidents/${ticket.id}`, readAt: null }),
    ]);
    expect(notices.find((n) => n.kind === 'ticket_closed')!.body).toContain('noter le service rendu');

    const mails = sink.to(teacher.email).filter((mail) => mail.subject?.includes(ticket.reference));
    expect(mails.map((mail) => mail.subject)).toEqual([`[Préau] ${ticket.reference} — Votre signalement est clos : Imprimante bloquée`]);
    expect(mails[0]!.text).toContain('noter le service rendu');
    expect(mails[0]!.text).toContain(`${PUBLIC_URL}/incidents/${ticket.id}`);
    expect(mails[0]!.html).toContain(`href="${PUBLIC_URL}/incidents/${ticket.id}"`);
    // The staff are not told of it.
    expect((await inbox(erun, ticket.id)).some((n) => n.kind === 'ticket_closed')).toBe(false);

    // The rating it offers is open to the reporter.
    const current = (await teacher.api.get(`/api/v1/tickets/${ticket.id}`)).body as TicketDetail;
    const rated = await teacher.api.post(`/api/v1/tickets/${ticket.id}/close`).send({ version: current.version, rating: 4, comment: 'Merci' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'closed', rating: 4 });
  });

  it('the holding group is warned of each target with its own text', async () => {
    const ticket = await report('Tableau numérique muet');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    await setTicket(db().dataSource, ticket.id, { firstResponseDueAt: new Date(now.getTime() + 20 * MINUTE_MS), resolutionDueAt: new Date(now.getTime() + 40 * MINUTE_MS) });
    const sweeper = new SlaSweepService(db().dataSource, services.events, services.notifier, { warningLeadMinutes: 60 }, silent);
    expect((await sweeper.sweep(now)).warned).toEqual([ticket.id]);
    await services.notifier.idle();

    const warnings = (await inbox(erun, ticket.id)).filter((n) => n.kind === 'ticket_breach_warning');
    expect(warnings.map((n) => n.body.slice(0, n.body.indexOf(' de ce signalement'))).sort()).toEqual(["L'échéance de première réponse", "L'échéance de résolution"]);
    expect(sink.to(erun.email).filter((mail) => mail.subject === `[Préau] ${ticket.reference} — Échéance proche : Tableau numérique muet`)).toHaveLength(2);
    expect((await inbox(teacher, ticket.id)).some((n) => n.kind === 'ticket_breach_warning')).toBe(false);
  });
});
