import type { EquipmentEvent, TicketDetail } from '@preau/shared';
import { describeEachEngine } from '../../../../../test/support/databases';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import { act, actOk, fileReport, handToCommune, makeItem, problemOf, ticketApp, ticketRow, type Person, type TicketApp } from './ticket-fixtures';

/** What a hardware report's resolution, reopening and retiring do to the reported item. */
describeEachEngine('ticket resolution and the reported item', (db) => {
  let t: TicketApp;
  let org: OrgFixture;
  let school: SchoolEntity;
  let teacher: Person;
  let erun: Person;
  let technician: Person;

  beforeAll(async () => {
    t = await ticketApp(db().dataSource);
    org = await makeOrganisations(db().dataSource);
    school = await makeSchool(db().dataSource, org, 'École primaire Les Filaos');
    teacher = await t.person('teacher', school.id, 'Nadia Payet');
    erun = await t.person('erun', org.circonscription.id, 'Marc Grondin');
    technician = await t.person('city_technician', org.commune.id, 'Louis Técher');
  });

  const ds = () => db().dataSource;
  const item = (id: number) => ds().getRepository(EquipmentEntity).findOneByOrFail({ id });
  const history = async (id: number) => (await t.admin.api.get(`/api/v1/equipment/${id}/history`)).body as EquipmentEvent[];
  /** A hardware report on the item, with the commune's technicians. */
  const hardwareReport = async (equipmentId: number) => handToCommune(ds(), await fileReport(teacher.api, school.id, { category: 'hardware', equipmentId }));
  const resolve = (ticket: { id: number }, body: Record<string, unknown> = {}) => actOk(ds(), technician.api, ticket.id, 'resolve', { resolution: 'Carte mère changée', ...body });

  it('puts an item the technician set in repair back in service at resolution, unless told otherwise', async () => {
    const laptop = await makeItem(t.admin, school.id);
    const ticket = await hardwareReport(laptop.id);
    expect((await item(laptop.id)).status).toBe('broken');
    const { version } = await item(laptop.id);
    expect((await technician.api.patch(`/api/v1/equipment/${laptop.id}`).send({ version, status: 'in_repair' })).status).toBe(200);

    await resolve(ticket);
    expect((await item(laptop.id)).status).toBe('in_service');

    // An item in service the technician sends to repair at resolution: the choice is applied.
    const other = await makeItem(t.admin, school.id);
    const second = await hardwareReport(other.id);
    await ds().getRepository(EquipmentEntity).update(other.id, { status: 'in_service' });
    await resolve(second, { equipmentStatus: 'in_repair' });
    expect((await item(other.id)).status).toBe('in_repair');
  });

  it('marks the item broken again when the report is reopened, and honours the status given at the next resolution', async () => {
    const laptop = await makeItem(t.admin, school.id);
    const ticket = await hardwareReport(laptop.id);
    await resolve(ticket);
    expect((await item(laptop.id)).status).toBe('in_service');

    await actOk(ds(), teacher.api, ticket.id, 'reopen', { reason: "L'écran reste noir" });
    expect((await item(laptop.id)).status).toBe('broken');
    const reopening = (await history(laptop.id)).find((event) => event.note === `Réouverture ${ticket.reference}`);
    expect(reopening).toMatchObject({ change: 'status', fromValue: 'in_service', toValue: 'broken', noteText: { key: 'reportReopened', params: { reference: ticket.reference } } });
    // Filing and resolving wrote theirs too, so the history reads in English as well.
    expect((await history(laptop.id)).map((event) => event.noteText?.key)).toEqual(expect.arrayContaining(['reportFiled', 'reportResolved', 'reportReopened']));

    await resolve(ticket, { equipmentStatus: 'in_repair' });
    expect((await item(laptop.id)).status).toBe('in_repair');

    // Reopened while in repair: it is not in service, so it keeps its status.
    await actOk(ds(), teacher.api, ticket.id, 'reopen', { reason: 'Toujours en panne' });
    expect((await item(laptop.id)).status).toBe('in_repair');
  });

  it('keeps the item broken while another open hardware report says so, with a note for the technician', async () => {
    const laptop = await makeItem(t.admin, school.id);
    const first = await hardwareReport(laptop.id);
    const second = await hardwareReport(laptop.id);

    for (const body of [{}, { equipmentStatus: 'in_service' }]) {
      const done = await resolve(first, body);
      expect((await item(laptop.id)).status).toBe('broken');
      expect(done.timeline.at(-1)).toMatchObject({ kind: 'note', internal: true, body: expect.stringContaining(second.reference), bodyText: { key: 'itemStillBroken', params: { references: second.reference } } });
      await actOk(ds(), teacher.api, first.id, 'reopen', { reason: 'Le clavier aussi' });
    }
    // The note is for support staff; the reporter reads the resolution only.
    const seen = (await teacher.api.get(`/api/v1/tickets/${first.id}`)).body as TicketDetail;
    expect(seen.timeline.some((event) => event.kind === 'note')).toBe(false);

    await resolve(second);
    expect((await item(laptop.id)).status).toBe('broken');
    await resolve(first);
    expect((await item(laptop.id)).status).toBe('in_service');
  });

  it('retires through the inventory: refused without its right (403, nothing changed), out of the trolley and audited with it', async () => {
    const trolley = await makeItem(t.admin, school.id, { kind: 'trolley' });
    const tablet = await makeItem(t.admin, school.id, { kind: 'tablet', containerId: trolley.id });
    // Level 1 holds a new report: the ERUN works tickets but may not write the inventory.
    const ticket = await fileReport(teacher.api, school.id, { category: 'hardware', equipmentId: tablet.id });
    const refused = await act(ds(), erun.api, ticket.id, 'resolve', { resolution: 'Tablette hors service', equipmentStatus: 'retired' });
    expect(problemOf(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await ticketRow(ds(), ticket.id)).toMatchObject({ status: 'new', version: ticket.version });
    expect(await item(tablet.id)).toMatchObject({ status: 'broken', containerId: trolley.id });

    await handToCommune(ds(), ticket);
    await resolve(ticket, { equipmentStatus: 'retired' });
    expect(await item(tablet.id)).toMatchObject({ status: 'retired', containerId: null });
    const audit = await ds().getRepository(AuditEntryEntity).findBy({ action: 'equipment.retired', targetType: 'equipment', targetId: tablet.id });
    expect(audit.map((entry) => entry.actorUserId)).toEqual([technician.id]);

    // A retired item stays retired when a later report on it is resolved.
    const late = await hardwareReport(tablet.id);
    await resolve(late);
    expect((await item(tablet.id)).status).toBe('retired');
  });

  it('refuses to retire a trolley that still holds items (409), leaving the report open', async () => {
    const trolley = await makeItem(t.admin, school.id, { kind: 'trolley' });
    await makeItem(t.admin, school.id, { kind: 'tablet', containerId: trolley.id });
    const ticket = await hardwareReport(trolley.id);
    const res = await act(ds(), technician.api, ticket.id, 'resolve', { resolution: 'Chariot à jeter', equipmentStatus: 'retired' });
    expect(problemOf(res)).toMatchObject({ status: 409, code: 'CONTAINER_NOT_EMPTY' });
    expect((await ticketRow(ds(), ticket.id)).status).toBe('new');
    expect((await item(trolley.id)).status).toBe('broken');
  });
});
