import type { ServiceTargets, Ticket } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool } from '../../../../../test/support/factories';
import type { SchoolEntity } from '../../schools/school.entity';
import { TicketEntity } from '../ticket.entity';
import { ALWAYS_OPEN, HOUR_MS, actOk, fileReport, setCommuneSettings, ticketApp, ticketRow, type Person, type TicketApp } from './ticket-fixtures';

const MINUTE_MS = 60_000;

/** `GET /tickets?breached=` lists exactly the tickets whose `breached` field is true (issue 4 audit). */
describeEachEngine('the breached filter agrees with the breached field', (db) => {
  let t: TicketApp;
  let school: SchoolEntity;
  let reporter: Person;
  let erun: Person;
  const ids: Record<string, number> = {};
  // P4 (one person, low urgency) in minutes, on a calendar open round the clock.
  const targets: ServiceTargets = {
    P1: { firstResponseMinutes: 60, resolutionMinutes: 600 },
    P2: { firstResponseMinutes: 60, resolutionMinutes: 600 },
    P3: { firstResponseMinutes: 60, resolutionMinutes: 600 },
    P4: { firstResponseMinutes: 30, resolutionMinutes: 120 },
  };

  const ds = () => db().dataSource;
  const setDue = (id: number, column: 'firstResponseDueAt' | 'resolutionDueAt', at: Date) => ds().getRepository(TicketEntity).update(id, { [column]: at });
  const file = (title: string) => fileReport(reporter.api, school.id, { category: 'other', title, impact: 'one_person', urgency: 'low' });

  beforeAll(async () => {
    t = await ticketApp(ds());
    const org = await makeOrganisations(ds());
    await setCommuneSettings(ds(), org.commune.id, { calendar: JSON.stringify(ALWAYS_OPEN), targets: JSON.stringify(targets) });
    school = await makeSchool(ds(), org, 'École des Goyaviers');
    reporter = await t.person('teacher', school.id, 'Enseignante des Goyaviers');
    erun = await t.person('erun', org.circonscription.id, 'ERUN de la circonscription');

    // Resolved, but after its resolution due date; answered in time.
    const resolvedLate = await file('Résolu en retard');
    const resolved = await actOk(ds(), erun.api, resolvedLate.id, 'resolve', { resolution: 'Réparé' });
    expect(resolved.priority).toBe('P4');
    await setDue(resolvedLate.id, 'resolutionDueAt', new Date(new Date(resolved.resolvedAt!).getTime() - MINUTE_MS));
    ids.resolvedLate = resolvedLate.id;

    // Open, its first response given after the due date; resolution not due yet.
    const answeredLate = await file('Réponse tardive');
    await setDue(answeredLate.id, 'firstResponseDueAt', new Date(Date.now() - HOUR_MS));
    await actOk(ds(), erun.api, answeredLate.id, 'comments', { body: 'Je regarde cela' });
    ids.answeredLate = answeredLate.id;

    // Open, never answered, past its first-response due date.
    const unanswered = await file('Sans réponse');
    await setDue(unanswered.id, 'firstResponseDueAt', new Date(Date.now() - MINUTE_MS));
    ids.unanswered = unanswered.id;

    // In time: resolved right away; answered and still within its targets; waiting (a pause hides its due dates).
    ids.resolvedInTime = (await file('Résolu à temps')).id;
    await actOk(ds(), erun.api, ids.resolvedInTime, 'resolve', { resolution: 'Réglé' });
    ids.inProgress = (await file('En cours')).id;
    await actOk(ds(), erun.api, ids.inProgress, 'status', { status: 'in_progress' });
    ids.waiting = (await file('En attente')).id;
    await actOk(ds(), erun.api, ids.waiting, 'status', { status: 'waiting' });
  });

  const list = async (query: string): Promise<Ticket[]> => {
    const res = await erun.api.get(`/api/v1/tickets?schoolId=${school.id}&pageSize=100${query}`);
    expect(res.status).toBe(200);
    return res.body.items as Ticket[];
  };
  const sortedIds = (tickets: { id: number }[]) => tickets.map((x) => x.id).sort((a, b) => a - b);
  const idsOf = (...keys: string[]) => keys.map((key) => ids[key]!).sort((a, b) => a - b);

  it('flags late steps already done as well as steps late now', async () => {
    const flags = Object.fromEntries((await list('')).map((x) => [x.id, x.breached]));
    expect(flags).toEqual({
      [ids.resolvedLate!]: true,
      [ids.answeredLate!]: true,
      [ids.unanswered!]: true,
      [ids.resolvedInTime!]: false,
      [ids.inProgress!]: false,
      [ids.waiting!]: false,
    });
    expect((await ticketRow(ds(), ids.waiting!)).firstResponseDueAt).toBeNull();
  });

  it('lists under breached=true exactly the tickets flagged breached, and the others under breached=false', async () => {
    const all = await list('');
    expect(sortedIds(await list('&breached=true'))).toEqual(sortedIds(all.filter((x) => x.breached)));
    expect(sortedIds(await list('&breached=false'))).toEqual(sortedIds(all.filter((x) => !x.breached)));
    expect(sortedIds(await list('&breached=true'))).toEqual(idsOf('resolvedLate', 'answeredLate', 'unanswered'));
    expect(sortedIds(await list('&breached=false'))).toEqual(idsOf('resolvedInTime', 'inProgress', 'waiting'));
  });

  it('combines with the status filter: a resolved ticket late on its resolution is breached', async () => {
    expect(sortedIds(await list('&status=resolved&breached=true'))).toEqual(idsOf('resolvedLate'));
    expect(sortedIds(await list('&status=resolved&breached=false'))).toEqual(idsOf('resolvedInTime'));
  });

  it('counts a due date reached this very moment as late only once it has passed', async () => {
    const soon = await file('Bientôt en retard');
    await setDue(soon.id, 'firstResponseDueAt', new Date(Date.now() + HOUR_MS));
    expect(sortedIds(await list('&breached=true'))).not.toContain(soon.id);
    await setDue(soon.id, 'firstResponseDueAt', new Date(Date.now() - 2_000));
    expect(sortedIds(await list('&breached=true'))).toContain(soon.id);
    expect((await list('')).find((x) => x.id === soon.id)?.breached).toBe(true);
  });
});
