import { Writable } from 'node:stream';
import pino from 'pino';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { EquipmentKind, EquipmentStatus, Role, TicketStatus } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { testApp } from '../../../../../test/support/app';
import { agentFor, makeUser } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool } from '../../../../../test/support/factories';
import { startMailSink, type MailSink } from '../../../../../test/notifications/mail-sink';
import { setTicket } from '../../../../../test/sla/sla-fixtures';
import type { Services } from '../../../app';
import { openDataSource } from '../../../db/data-source';
import { SYSTEM_ACTOR } from '../../../http/actor';
import { loadPrincipal } from '../../auth/load-principal';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import { createMailer, type Mailer } from '../../notifications/mailer';
import { CirconscriptionEntity } from '../../organisations/circonscription.entity';
import { CommuneEntity } from '../../organisations/commune.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import { runLocked } from '../../sla/scheduled-job';
import { JobLockEntity } from '../../sla/job-lock.entity';
import { DigestService } from '../digest.service';
import { DigestDeliveryEntity } from '../digest-delivery.entity';
import { weeklyDigestJob } from '../weekly-digest.job';
import { WeeklyDigests } from '../weekly-digests';

const PUBLIC_URL = 'https://preau.example.fr';
/** Monday 30 November 2026, 7:00 in Paris. */
const NOW = new Date('2026-11-30T06:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const isoDay = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString().slice(0, 10);

type SchoolKey = 's1' | 's2' | 's3' | 's4';

interface TicketFixture {
  key: string;
  school: SchoolKey;
  createdAt: Date;
  status: TicketStatus;
  resolutionDueAt: Date | null;
  breachedAt?: Date;
  /** Held at the school by its director: not the support's yet, left out of their digest. */
  approval?: 'pending' | 'answered';
}

interface ItemFixture {
  tag: string;
  school: SchoolKey;
  kind: EquipmentKind;
  status: EquipmentStatus;
  warrantyEndsOn?: string;
}

// The desk of the week. The expected digests below are read from these tables, not from SQL.
const TICKETS: TicketFixture[] = [
  { key: 'new-s1', school: 's1', createdAt: ago(2), status: 'new', resolutionDueAt: new Date(NOW.getTime() + 3 * DAY) },
  { key: 'new-s2', school: 's2', createdAt: ago(3), status: 'assigned', resolutionDueAt: new Date(NOW.getTime() + 2 * DAY) },
  { key: 'new-s3', school: 's3', createdAt: ago(6.9), status: 'resolved', resolutionDueAt: null },
  { key: 'new-s4', school: 's4', createdAt: ago(1), status: 'new', resolutionDueAt: new Date(NOW.getTime() + DAY) },
  { key: 'late-s1', school: 's1', createdAt: ago(10), status: 'in_progress', resolutionDueAt: ago(1) },
  { key: 'late-new-s3', school: 's3', createdAt: ago(5), status: 'new', resolutionDueAt: ago(0.5) },
  { key: 'paused-breached-s2', school: 's2', createdAt: ago(20), status: 'waiting', resolutionDueAt: null, breachedAt: ago(4) },
  { key: 'last-week-s1', school: 's1', createdAt: ago(7.1), status: 'in_progress', resolutionDueAt: new Date(NOW.getTime() + 2 * DAY) },
  { key: 'resolved-late-s1', school: 's1', createdAt: ago(20), status: 'resolved', resolutionDueAt: ago(5), breachedAt: ago(5) },
  { key: 'closed-late-s4', school: 's4', createdAt: ago(30), status: 'closed', resolutionDueAt: ago(20) },
  { key: 'held-s1', school: 's1', createdAt: ago(2), status: 'new', resolutionDueAt: null, breachedAt: ago(1), approval: 'pending' },
  { key: 'answered-s2', school: 's2', createdAt: ago(3), status: 'resolved', resolutionDueAt: null, approval: 'answered' },
  { key: 'after-now-s1', school: 's1', createdAt: new Date(NOW.getTime() + 3_600_000), status: 'new', resolutionDueAt: ago(-3) },
];

const ITEMS: ItemFixture[] = [
  { tag: 'S1-BROKEN', school: 's1', kind: 'laptop', status: 'broken' },
  { tag: 'S1-REPAIR', school: 's1', kind: 'projector', status: 'in_repair', warrantyEndsOn: isoDay(400) },
  { tag: 'S1-WARRANTY', school: 's1', kind: 'tablet', status: 'in_service', warrantyEndsOn: isoDay(30) },
  { tag: 'S1-WARRANTY-TODAY', school: 's1', kind: 'document_camera', status: 'in_stock', warrantyEndsOn: isoDay(0) },
  { tag: 'S1-WARRANTY-LATER', school: 's1', kind: 'desktop', status: 'in_service', warrantyEndsOn: isoDay(91) },
  { tag: 'S1-WARRANTY-PAST', school: 's1', kind: 'desktop', status: 'in_service', warrantyEndsOn: isoDay(-1) },
  { tag: 'S1-LOST', school: 's1', kind: 'tablet', status: 'lost', warrantyEndsOn: isoDay(10) },
  { tag: 'S1-OK', school: 's1', kind: 'phone', status: 'in_service' },
  { tag: 'S2-BROKEN', school: 's2', kind: 'copier', status: 'broken' },
  { tag: 'S3-REPAIR', school: 's3', kind: 'tablet', status: 'in_repair' },
  { tag: 'S3-WARRANTY', school: 's3', kind: 'interactive_display', status: 'broken', warrantyEndsOn: isoDay(60) },
  { tag: 'S4-BROKEN', school: 's4', kind: 'printer', status: 'broken', warrantyEndsOn: isoDay(5) },
  { tag: 'S4-RETIRED', school: 's4', kind: 'printer', status: 'retired', warrantyEndsOn: isoDay(5) },
];

const isNew = (t: TicketFixture) => t.approval === undefined && t.createdAt >= ago(7) && t.createdAt < NOW;
const isOverdue = (t: TicketFixture) =>
  t.approval === undefined &&
  ['new', 'assigned', 'in_progress', 'waiting'].includes(t.status) &&
  t.createdAt < NOW &&
  ((t.resolutionDueAt !== null && t.resolutionDueAt < NOW) || t.breachedAt !== undefined);
const isOutOfService = (i: ItemFixture) => i.status === 'broken' || i.status === 'in_repair';
const warrantyEnding = (i: ItemFixture) => i.warrantyEndsOn !== undefined && i.warrantyEndsOn >= isoDay(0) && i.warrantyEndsOn <= isoDay(90) && !['retired', 'lost'].includes(i.status);

/** Captures pino's JSON lines, to read what the job logged. */
function capturingLogger() {
  const lines: { msg: string; userId?: number }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

describeEachEngine('weekly digests', (db) => {
  let sink: MailSink;
  let mailer: Mailer;
  let other: DataSource;
  let services: Services;
  let app: Express;
  let schools: Record<SchoolKey, SchoolEntity>;
  const ticketIds = new Map<string, { id: number; reference: string }>();
  const people: Record<string, { id: number; email: string | null; schools: SchoolKey[] }> = {};

  beforeAll(async () => {
    const ds = db().dataSource;
    sink = await startMailSink();
    mailer = createMailer({ smtpUrl: sink.url, from: 'Préau <no-reply@preau.example.fr>' })!;
    // A second DataSource on the same database: another server process, as far as the lock can tell.
    other = await openDataSource(db().config);
    ({ app, services } = testApp(ds));

    // Commune A lies in two circonscriptions (A and A2); circonscription A spans communes A and A2.
    const a = await makeOrganisations(ds);
    const b = await makeOrganisations(ds);
    const circA2 = await ds.getRepository(CirconscriptionEntity).save({ name: 'Circonscription Les Hauts', academyId: a.academy.id });
    const communeA2 = await ds.getRepository(CommuneEntity).save({ name: 'Commune voisine', inseeCode: null, academyId: a.academy.id });
    const emptyCirc = await ds.getRepository(CirconscriptionEntity).save({ name: 'Circonscription sans école', academyId: a.academy.id });
    schools = {
      s1: await makeSchool(ds, a, 'École Les Camélias'),
      s2: await makeSchool(ds, { ...a, circonscription: circA2 }, 'École Vauban'),
      s3: await makeSchool(ds, { ...a, commune: communeA2 }, 'École du Port'),
      s4: await makeSchool(ds, b, 'École du Butor'),
    };

    const person = async (key: string, memberships: { role: Role; organisationId: number }[], sees: SchoolKey[], fields: { email?: string | null; disabled?: boolean } = {}) => {
      const email = fields.email === undefined ? `${key}@preau.example.fr` : fields.email;
      const { user } = await makeUser(ds, memberships, { email, disabled: fields.disabled ?? false, displayName: `Personne ${key}` });
      people[key] = { id: user.id, email, schools: sees };
    };
    await person('erun', [{ role: 'erun', organisationId: a.circonscription.id }], ['s1', 's3']);
    await person('manager', [{ role: 'city_manager', organisationId: a.commune.id }], ['s1', 's2']);
    // ERUN of circonscription B and city manager of commune A2: one digest for both.
    await person('both', [{ role: 'erun', organisationId: b.circonscription.id }, { role: 'city_manager', organisationId: communeA2.id }], ['s3', 's4']);
    await person('teacher', [{ role: 'teacher', organisationId: schools.s1.id }], []);
    await person('technician', [{ role: 'city_technician', organisationId: a.commune.id }], []);
    await person('disabled', [{ role: 'erun', organisationId: a.circonscription.id }], [], { disabled: true });
    await person('no-email', [{ role: 'city_manager', organisationId: a.commune.id }], [], { email: null });
    await person('quiet', [{ role: 'erun', organisationId: emptyCirc.id }], []);

    for (const t of TICKETS) {
      const school = schools[t.school];
      const { user } = await makeUser(ds, [{ role: 'teacher', organisationId: school.id }]);
      const reporter = (await loadPrincipal(ds, user.id, 'token'))!;
      const body = { schoolId: school.id, category: 'other', title: `Panne ${t.key}`, impact: 'one_class', urgency: 'low' };
      const { ticket } = await services.tickets.create(reporter, body, SYSTEM_ACTOR, null);
      await setTicket(ds, ticket.id, { createdAt: t.createdAt, status: t.status, resolutionDueAt: t.resolutionDueAt, breachedAt: t.breachedAt ?? null, ...(t.approval ? { approval: t.approval } : {}) });
      ticketIds.set(t.key, { id: ticket.id, reference: ticket.reference! });
    }
    const items = ds.getRepository(EquipmentEntity);
    for (const i of ITEMS) {
      const school = schools[i.school];
      await items.insert({ kind: i.kind, status: i.status, assetTag: i.tag, communeId: school.communeId, schoolId: school.id, roomId: null, containerId: null, funding: 'commune', warrantyEndsOn: i.warrantyEndsOn ?? null });
    }
    await services.notifier.idle();
  });

  afterAll(async () => {
    await other?.destroy();
    mailer?.close();
    await sink?.close();
  });

  const weeklyOn = (ds: DataSource, logger = pino({ level: 'silent' })) => new WeeklyDigests(ds, new DigestService(ds), mailer, PUBLIC_URL, logger);

  function expectedFor(key: string) {
    const sees = new Set(people[key]!.schools);
    const tickets = TICKETS.filter((t) => sees.has(t.school));
    const items = ITEMS.filter((i) => sees.has(i.school));
    return {
      newIncidents: tickets.filter(isNew).map((t) => t.key),
      overdue: tickets.filter(isOverdue).map((t) => t.key),
      outOfService: items.filter(isOutOfService).map((i) => i.tag),
      warranties: items.filter(warrantyEnding).map((i) => i.tag),
    };
  }

  it('sends ERUN and city managers one digest each over their own scope, with the figures and references of the week', async () => {
    const { logger, lines } = capturingLogger();
    const run = await runLocked(weeklyDigestJob(weeklyOn(db().dataSource, logger)), db().dataSource, logger, NOW);
    expect(run).toBe('ran');

    for (const key of ['erun', 'manager', 'both']) {
      const mails = sink.to(people[key]!.email!);
      expect({ key, mails: mails.length }).toEqual({ key, mails: 1 });
      const mail = mails[0]!;
      const text = mail.text ?? '';
      const expected = expectedFor(key);
      expect(mail.subject).toBe(
        `[Préau] Synthèse de la semaine : ${expected.newIncidents.length} ${expected.newIncidents.length > 1 ? 'nouveaux signalements' : 'nouveau signalement'}, ${expected.overdue.length} en retard`,
      );
      expect(text).toContain(`Bonjour Personne ${key},`);
      expect(text).toContain(`Nouveaux signalements de la semaine : ${expected.newIncidents.length}\n`);
      expect(text).toContain(`Signalements en retard : ${expected.overdue.length}\n`);
      expect(text).toContain(`Matériel hors service : ${expected.outOfService.length}\n`);
      expect(text).toContain(`Garanties qui se terminent dans les 90 jours : ${expected.warranties.length}\n`);

      // Each listed reference or tag under its own heading, and nothing from outside the scope.
      const section = (heading: string) => text.slice(text.indexOf(heading), text.indexOf('\n\n', text.indexOf(heading)) + 1 || undefined);
      const referencesIn = (part: string) => TICKETS.filter((t) => part.includes(`${ticketIds.get(t.key)!.reference} —`)).map((t) => t.key);
      const tagsIn = (part: string) => ITEMS.filter((i) => part.includes(`- ${i.tag} —`)).map((i) => i.tag);
      expect({ key, listed: referencesIn(section('Nouveaux signalements')) }).toEqual({ key, listed: expected.newIncidents });
      expect({ key, listed: referencesIn(section('Signalements en retard')).sort() }).toEqual({ key, listed: [...expected.overdue].sort() });
      expect({ key, listed: tagsIn(section('Matériel hors service')).sort() }).toEqual({ key, listed: [...expected.outOfService].sort() });
      expect({ key, listed: tagsIn(section('Garanties qui se terminent')) }).toEqual({ key, listed: expected.warranties });
      for (const t of [...expected.newIncidents, ...expected.overdue]) {
        const { id } = ticketIds.get(t)!;
        expect(text).toContain(`${PUBLIC_URL}/incidents/${id}`);
        expect(mail.html).toContain(`href="${PUBLIC_URL}/incidents/${id}"`);
      }
    }

    // The manager's week, spelled out: newest first, most overdue first, warranties by their end.
    const managerText = sink.to(people.manager!.email!)[0]!.text ?? '';
    expect(managerText).toContain(`${ticketIds.get('new-s1')!.reference} — Panne new-s1 (École Les Camélias, niveau 1, nouveau)`);
    expect(managerText).toContain(`${ticketIds.get('late-s1')!.reference} — Panne late-s1 (École Les Camélias, niveau 1, en cours, résolution attendue le 29 novembre 2026)`);
    expect(managerText).toContain(`${ticketIds.get('paused-breached-s2')!.reference} — Panne paused-breached-s2 (École Vauban, niveau 1, en attente, délai dépassé)`);
    expect(managerText).toContain('- S2-BROKEN — Copieur multifonction, en panne (École Vauban)');
    expect(managerText).toContain('- S1-WARRANTY-TODAY — Visualiseur, garantie jusqu’au 30 novembre 2026 (École Les Camélias)');
    expect(managerText.indexOf('S1-WARRANTY-TODAY —')).toBeLessThan(managerText.indexOf('S1-WARRANTY —'));
    expect(managerText).toContain('pour : Commune');

    for (const key of ['teacher', 'technician', 'disabled', 'quiet']) expect({ key, mails: sink.to(people[key]!.email!).length }).toEqual({ key, mails: 0 });
    expect(sink.messages).toHaveLength(3);
    // The ERUN of a circonscription without schools had nothing to read: skipped, and said so.
    expect(lines.filter((line) => line.msg.startsWith('weekly digest skipped')).map((line) => line.userId)).toEqual([people.quiet!.id]);
    expect(lines.find((line) => line.msg === 'weekly digests')).toMatchObject({ period: '2026-W49', sent: 3, empty: 1, alreadySent: 0, failed: 0 });
  });

  it('two processes racing at the same minute, then a late rerun: still one digest each', async () => {
    sink.messages.length = 0;
    const ds = db().dataSource;
    await ds.getRepository(DigestDeliveryEntity).clear();
    await ds.getRepository(JobLockEntity).clear();
    const silent = pino({ level: 'silent' });
    const outcomes = await Promise.all([
      runLocked(weeklyDigestJob(weeklyOn(ds)), ds, silent, NOW),
      runLocked(weeklyDigestJob(weeklyOn(other)), other, silent, NOW),
    ]);
    expect(outcomes).toContain('ran');
    expect(outcomes).not.toContain('failed');
    // An hour later, the lock long released: the week's claims stop a second sending.
    expect(await weeklyOn(other).send(new Date(NOW.getTime() + 3_600_000))).toEqual({ period: '2026-W49', sent: 0, empty: 1, alreadySent: 3, failed: 0 });
    for (const key of ['erun', 'manager', 'both']) expect({ key, mails: sink.to(people[key]!.email!).length }).toEqual({ key, mails: 1 });
    expect(sink.messages).toHaveLength(3);

    // Next Monday is another week.
    const next = await weeklyOn(ds).send(new Date(NOW.getTime() + 7 * DAY));
    expect(next).toMatchObject({ period: '2026-W50', alreadySent: 0, failed: 0 });
    expect(next.sent).toBeGreaterThan(0);
  });

  it('an e-mail that fails is not marked sent, so the next run sends it', async () => {
    const ds = db().dataSource;
    await ds.getRepository(DigestDeliveryEntity).clear();
    const refusing: Mailer = { send: () => Promise.reject(new Error('SMTP down')), close: () => undefined };
    const failing = await new WeeklyDigests(ds, new DigestService(ds), refusing, PUBLIC_URL, pino({ level: 'silent' })).send(NOW);
    expect(failing).toMatchObject({ sent: 0, failed: 3 });
    expect(await ds.getRepository(DigestDeliveryEntity).count()).toBe(0);
    expect(await weeklyOn(ds).send(NOW)).toMatchObject({ sent: 3, failed: 0 });
  });

  it("previews the caller's digest over their reporting scope; a teacher may not", async () => {
    const ds = db().dataSource;
    const manager = await agentFor(app, services, ds, people.manager!.id);
    const res = await manager.get('/api/v1/digests/preview');
    expect(res.status).toBe(200);
    const manages = await ds.getRepository(CommuneEntity).findOneByOrFail({ id: schools.s1.communeId });
    expect(res.body.scopes).toEqual([{ kind: 'commune', id: manages.id, name: manages.name }]);
    // What is out of service does not depend on the day the preview is asked.
    expect(res.body.outOfService.total).toBe(expectedFor('manager').outOfService.length);
    expect(res.body.outOfService.items.map((item: { assetTag: string }) => item.assetTag).sort()).toEqual([...expectedFor('manager').outOfService].sort());
    expect(res.body.outOfService.items.find((item: { assetTag: string }) => item.assetTag === 'S2-BROKEN')).toMatchObject({ kind: 'copier', status: 'broken', schoolName: 'École Vauban', roomName: null });

    const teacher = await agentFor(app, services, ds, people.teacher!.id);
    expect((await teacher.get('/api/v1/digests/preview')).status).toBe(403);
  });
});
